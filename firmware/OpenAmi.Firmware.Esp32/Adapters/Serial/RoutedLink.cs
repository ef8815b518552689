using System.IO.Ports;
using OpenAmi.Gateway.Buses;
using OpenAmi.Platform;

namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>
    /// The RS-485 bus or the optical head as its own byte link over the shared COM2. The poller is expected to hold the
    /// route's bus on COM2's <see cref="IBusArbiter"/> for a whole transaction (then every call here goes straight to the
    /// UART); a call made without holding it takes the bus for that one call, which keeps the two routes' bytes apart but
    /// lets the other route in between calls (see docs/bench-testing.md, "COM2 time-sharing").
    /// </summary>
    public sealed class RoutedLink : IByteLink
    {
        // A lone call waits at most this long for a transaction on the other route to end.
        private const int LoneCallTimeoutMs = 60000;

        private readonly Com2Router _router;
        private readonly IBusArbiter _arbiter;
        private readonly Com2Route _route;
        private readonly int _bus;
        private readonly UartByteLink _uart;

        public RoutedLink(Com2Router router, IBusArbiter arbiter, Com2Route route)
        {
            _router = router;
            _arbiter = arbiter;
            _route = route;
            _bus = (int)route;
            _uart = new UartByteLink(router.Port);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            bool lone = Enter();
            try
            {
                _uart.Write(buffer, offset, count);
            }
            finally
            {
                Exit(lone);
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            bool lone = Enter();
            try
            {
                return _uart.Read(buffer, offset, count, timeoutMs);
            }
            finally
            {
                Exit(lone);
            }
        }

        public void Configure(int baudRate, LineFormat format)
        {
            bool lone = Enter();
            try
            {
                bool sevenEven = format == LineFormat.SevenEvenOne;
                _router.SetLine(_route, baudRate, sevenEven ? 7 : 8, sevenEven ? Parity.Even : Parity.None);
            }
            finally
            {
                Exit(lone);
            }
        }

        public void DiscardInput()
        {
            bool lone = Enter();
            try
            {
                _uart.DiscardInput();
            }
            finally
            {
                Exit(lone);
            }
        }

        public void Delay(int milliseconds) => _uart.Delay(milliseconds);

        /// <summary>True when this call had to take the bus itself (the caller did not hold it).</summary>
        private bool Enter()
        {
            if (_arbiter.Holds(_bus))
            {
                return false;
            }

            if (!_arbiter.TryAcquire(_bus, LoneCallTimeoutMs))
            {
                throw new BusArbiterException("COM2 stayed busy on the other route");
            }

            return true;
        }

        private void Exit(bool lone)
        {
            if (lone)
            {
                _arbiter.Release(_bus);
            }
        }
    }
}
