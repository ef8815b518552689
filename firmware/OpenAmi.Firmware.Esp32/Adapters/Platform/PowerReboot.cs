using System.Text;
using nanoFramework.Runtime.Native;
using OpenAmi.Firmware.Esp32.Adapters.Storage;
using OpenAmi.Gateway.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Platform
{
    /// <summary>Saves why the device restarts (read back and reported after boot), then reboots. Never returns.</summary>
    public sealed class PowerReboot : IRebootPort
    {
        public const string ReasonFile = "reboot-reason";

        private readonly FlashFileStore _store;

        public PowerReboot(FlashFileStore store)
        {
            _store = store;
        }

        public void Reboot(string reason)
        {
            try
            {
                byte[] text = Encoding.UTF8.GetBytes(reason);
                _store.Write(ReasonFile, text, 0, text.Length);
            }
            finally
            {
                // A full flash must not keep a stalled device alive.
                Power.RebootDevice();
            }
        }
    }
}
