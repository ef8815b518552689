using System.Collections;
using System.IO;
using OpenAmi.Safety.Ports;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Storage
{
    /// <summary>
    /// Files on the internal LittleFS at I:\ (about 256 KB, shared with configuration and certificates). Each library gets
    /// its own instance with a name prefix, so the outbox's <see cref="List"/> never sees prepaid or safety records; the
    /// dual-slot records of Northbound and Prepaid are two plain files of their library's instance. Every nanoFramework
    /// FileStream write is synced before it returns (FileStream.Flush is a no-op upstream), which is the durability
    /// <see cref="IFileStore.Append"/> promises.
    /// </summary>
    public sealed class FlashFileStore : IFileStore, ISafetyStore
    {
        public const string Root = "I:\\";

        private readonly string _prefix;

        /// <param name="prefix">e.g. "nb_", "pp_", "sf_": keeps the libraries' names apart in the one flat directory.</param>
        public FlashFileStore(string prefix)
        {
            _prefix = prefix;
        }

        public string[] List()
        {
            string[] paths = Directory.GetFiles(Root);
            var names = new ArrayList();
            int skip = Root.Length + _prefix.Length;
            foreach (string path in paths)
            {
                if (path.Length > skip && path.IndexOf(_prefix, Root.Length) == Root.Length)
                {
                    names.Add(path.Substring(skip));
                }
            }

            var result = new string[names.Count];
            names.CopyTo(result, 0);
            return result;
        }

        public int Length(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)stream.Length;
            }
        }

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return 0;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                long length = stream.Length;
                if (position >= length)
                {
                    return 0;
                }

                int wanted = length - position < count ? (int)(length - position) : count;
                stream.Seek(position, SeekOrigin.Begin);
                return ReadFully(stream, buffer, offset, wanted);
            }
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            using (var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write))
            {
                stream.Write(buffer, offset, count);
            }
        }

        public void Write(string name, byte[] buffer, int offset, int count)
        {
            using (var stream = new FileStream(PathOf(name), FileMode.Create, FileAccess.Write))
            {
                stream.Write(buffer, offset, count);
            }
        }

        public void Delete(string name) => File.Delete(PathOf(name));

        public byte[] Load(string key)
        {
            int length = Length(key);
            if (length < 0)
            {
                return null;
            }

            var data = new byte[length];
            Read(key, 0, data, 0, length);
            return data;
        }

        public void Save(string key, byte[] data, int count) => Write(key, data, 0, count);

        /// <summary>Reads a whole file of the store (configuration, certificate); null when it does not exist.</summary>
        public static byte[] ReadAll(string fileName)
        {
            string path = Root + fileName;
            if (!File.Exists(path))
            {
                return null;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                var data = new byte[(int)stream.Length];
                ReadFully(stream, data, 0, data.Length);
                return data;
            }
        }

        private static int ReadFully(FileStream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int read = stream.Read(buffer, offset + total, count - total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }

        private string PathOf(string name) => Root + _prefix + name;
    }
}
