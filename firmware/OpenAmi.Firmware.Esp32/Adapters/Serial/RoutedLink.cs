using System.IO.Ports;
using OpenAmi.Dlms.Link;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>
    /// The RS-485 bus or the optical head as its own byte link over the shared COM2. Every call takes the router's lock and
    /// routes COM2 first, so bytes of one link never reach the other. Whole-transaction ownership (no optical read between
    /// an RS-485 request and its answer) is the caller's: the gateway polls both from one lane until a portable bus
    /// arbiter exists (see docs/bench-testing.md, "COM2 time-sharing").
    /// </summary>
    public sealed class RoutedLink : IByteLink, ISerialLink
    {
        private readonly Com2Router _router;
        private readonly Com2Route _route;
        private readonly UartByteLink _uart;

        public RoutedLink(Com2Router router, Com2Route route)
        {
            _router = router;
            _route = route;
            _uart = new UartByteLink(router.Port);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_router.Sync)
            {
                _router.Select(_route);
                _uart.Write(buffer, offset, count);
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            lock (_router.Sync)
            {
                _router.Select(_route);
                return _uart.Read(buffer, offset, count, timeoutMs);
            }
        }

        public void Configure(int baudRate, LineFormat format)
        {
            lock (_router.Sync)
            {
                bool sevenEven = format == LineFormat.SevenEvenOne;
                _router.SetLine(_route, baudRate, sevenEven ? 7 : 8, sevenEven ? Parity.Even : Parity.None);
            }
        }

        public void DiscardInput()
        {
            lock (_router.Sync)
            {
                _router.Select(_route);
                _uart.DiscardInput();
            }
        }

        public void Delay(int milliseconds) => _uart.Delay(milliseconds);
    }
}
