using System.Text;
using OpenAmi.Gateway.Config;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Installer.Config
{
    /// <summary>
    /// The gateway configuration file as the installer replaces it. An upload is checked by the gateway's own
    /// reader and validator (<see cref="ConfigReader"/>); only a valid one is written, after the one it replaces is
    /// kept as <see cref="PreviousName"/> so <see cref="Rollback"/> can restore it. The gateway reads the file at
    /// start, so an applied configuration takes effect at the next restart. A power cut between the two writes leaves
    /// the previous configuration intact beside a partial new one, which the validator refuses at start.
    /// </summary>
    public sealed class ConfigSlot
    {
        public const string PreviousSuffix = ".previous";

        private readonly IFileStore _store;
        private readonly string _name;

        public ConfigSlot(IFileStore store, string name)
        {
            _store = store;
            _name = name;
        }

        public string PreviousName => _name + PreviousSuffix;

        public bool HasPrevious => _store.Length(PreviousName) >= 0;

        /// <summary>Validates <paramref name="json"/>; when valid, keeps the current file as the previous one and writes it.</summary>
        public ConfigLoadResult Upload(string json, string[] knownProfiles)
        {
            ConfigLoadResult result = ConfigReader.Load(json, knownProfiles);
            if (!result.IsValid)
            {
                return result;
            }

            byte[] current = ReadAll(_name);
            if (current != null)
            {
                _store.Write(PreviousName, current, 0, current.Length);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(json);
            _store.Write(_name, bytes, 0, bytes.Length);
            return result;
        }

        /// <summary>Swaps the current and the previous configuration; false when there is no previous one.</summary>
        public bool Rollback()
        {
            byte[] previous = ReadAll(PreviousName);
            if (previous == null)
            {
                return false;
            }

            byte[] current = ReadAll(_name);
            if (current != null)
            {
                _store.Write(PreviousName, current, 0, current.Length);
            }

            _store.Write(_name, previous, 0, previous.Length);
            return true;
        }

        private byte[] ReadAll(string name)
        {
            int length = _store.Length(name);
            if (length < 0)
            {
                return null;
            }

            var bytes = new byte[length];
            int done = 0;
            while (done < length)
            {
                int read = _store.Read(name, done, bytes, done, length - done);
                if (read <= 0)
                {
                    break;
                }

                done += read;
            }

            return bytes;
        }
    }
}
