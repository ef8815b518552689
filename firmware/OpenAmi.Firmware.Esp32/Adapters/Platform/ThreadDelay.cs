using System.Threading;
using OpenAmi.Platform;

namespace OpenAmi.Firmware.Esp32.Adapters.Platform
{
    /// <summary>Waits on the ESP32 by sleeping the calling thread (the safety thread's self-test settling and probe watch).</summary>
    public sealed class ThreadDelay : IDelay
    {
        public void Delay(int milliseconds) => Thread.Sleep(milliseconds);
    }
}
