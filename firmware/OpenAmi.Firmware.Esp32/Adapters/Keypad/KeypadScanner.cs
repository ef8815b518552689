using System.Threading;
using OpenAmi.Firmware.Esp32.Adapters.Expander;
using OpenAmi.Gateway.Ports;
using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Firmware.Esp32.Adapters.Keypad
{
    /// <summary>
    /// Scans the 4×4 matrix on U40 port A (rows GPA0..3 driven low one at a time, columns GPA4..7 with pull-ups, low =
    /// pressed), lets <see cref="KeyDebouncer"/> decide what is a key-down and raises <see cref="KeyPressed"/> for each;
    /// the gateway handles keys on its command lane.
    /// </summary>
    public sealed class KeypadScanner : IKeypad
    {
        public const int ScanPeriodMs = 20;

        // Standard 4×4 membrane layout (row-major): key n is row n / 4, column n % 4.
        private static readonly char[] Keys = { '1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D' };

        private readonly ExpanderBank _expanders;
        private readonly KeyDebouncer _debouncer = new KeyDebouncer();

        public KeypadScanner(ExpanderBank expanders)
        {
            _expanders = expanders;
        }

        public event KeyPressedHandler KeyPressed;

        /// <summary>One scan; call every <see cref="ScanPeriodMs"/> from the keypad thread.</summary>
        public void ScanOnce()
        {
            int key = _debouncer.Update(ReadMatrix());
            KeyPressedHandler handler = KeyPressed;
            if (key != KeyDebouncer.NoKey && handler != null)
            {
                handler(Keys[key]);
            }
        }

        /// <summary>Bit row * 4 + column set for every closed key.</summary>
        private int ReadMatrix()
        {
            int pressed = 0;
            for (int row = 0; row < 4; row++)
            {
                _expanders.SetPortOutputs(0, false, 1 << row);
                int columns = (~_expanders.ReadChip(0) >> 4) & 0x0F;
                pressed |= columns << (row * 4);
            }

            _expanders.SetPortOutputs(0, false, 0);
            return pressed;
        }

        /// <summary>Runs the scan loop forever (keypad thread).</summary>
        public void Run()
        {
            while (true)
            {
                ScanOnce();
                Thread.Sleep(ScanPeriodMs);
            }
        }
    }
}
