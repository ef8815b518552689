using OpenAmi.Firmware.Esp32.Adapters.Expander;

namespace OpenAmi.Firmware.Esp32.Adapters.Safety
{
    /// <summary>
    /// The board has one SSR_ARM for all four lines (hardware/README.md: a board-level "firmware is up" gate; each line is
    /// still blocked by its own SSR_ON and latch). Safety arms per line, so the pin is high while any line asks for it.
    /// A line that disarms is therefore open through SSR_ON and its latch only, not through ARM, while another is armed.
    /// </summary>
    public sealed class ArmGate
    {
        private readonly ExpanderBank _expanders;
        private readonly object _sync = new object();
        private int _requests;

        public ArmGate(ExpanderBank expanders)
        {
            _expanders = expanders;
        }

        public void Request(int line, bool armed)
        {
            lock (_sync)
            {
                _requests = armed ? _requests | (1 << line) : _requests & ~(1 << line);
                _expanders.Set(PinMap.SSR_ARM, _requests != 0);
            }
        }
    }
}
