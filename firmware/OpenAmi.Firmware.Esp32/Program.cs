using System.Threading;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>Device entry point. Boots with every SSR disarmed; the gateway composition arrives with the device-application work.</summary>
    public static class Program
    {
        public static void Main()
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
