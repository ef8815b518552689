using System.Diagnostics;
using OpenAmi.Firmware.Esp32.Adapters.Storage;
using OpenAmi.Storage.Log;

namespace OpenAmi.Firmware.Esp32.Adapters.Platform
{
    /// <summary>
    /// Boot steps and configuration errors, kept in I:\sys_bootlog (Release builds compile Debug.WriteLine out, so the
    /// file is the only log a deployed board keeps) and echoed to an attached debugger. Logging never stops a boot: a
    /// flash failure is reported to the debugger and the step goes on.
    /// </summary>
    public sealed class DeviceLog
    {
        public const string FileName = "bootlog";

        // Room for about a hundred lines, a small share of the ≈ 256 KB I:\ volume.
        private const int MaxBytes = 8192;

        private readonly BootLog _log;

        public DeviceLog(FlashFileStore system)
        {
            _log = new BootLog(system, FileName, MaxBytes);
        }

        public void Record(string text)
        {
            try
            {
                _log.Write(text);
            }
            catch (BootLogException ex)
            {
                Debug.WriteLine(ex.Message);
            }

            Debug.WriteLine(text);
        }
    }
}
