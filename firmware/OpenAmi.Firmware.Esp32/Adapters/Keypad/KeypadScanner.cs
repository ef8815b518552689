using System.Threading;
using OpenAmi.Firmware.Esp32.Adapters.Expander;
using OpenAmi.Gateway.Ports;
using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Firmware.Esp32.Adapters.Keypad
{
    /// <summary>
    /// Scans the 4×4 matrix on U40 port A (rows GPA0..3 driven low one at a time, columns GPA4..7 with pull-ups, low =
    /// pressed) and hands each debounced key-down to <see cref="KeypadEntry.OnKey"/>. A key counts once it reads the same
    /// on <see cref="StableScans"/> consecutive scans; only a single pressed key is accepted (ghosting on a matrix without
    /// diodes makes multi-key reads unreliable).
    /// </summary>
    public sealed class KeypadScanner
    {
        public const int ScanPeriodMs = 20;
        public const int StableScans = 3;
        private const int NoKey = -1;

        // Standard 4×4 membrane layout (row-major).
        private static readonly char[] Keys = { '1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D' };

        private readonly ExpanderBank _expanders;
        private readonly KeypadEntry _entry;
        private readonly IMonotonicClock _clock;
        private int _candidate = NoKey;
        private int _stableCount;
        private int _reported = NoKey;

        public KeypadScanner(ExpanderBank expanders, KeypadEntry entry, IMonotonicClock clock)
        {
            _expanders = expanders;
            _entry = entry;
            _clock = clock;
        }

        /// <summary>One scan; call every <see cref="ScanPeriodMs"/> from the keypad thread.</summary>
        public void ScanOnce()
        {
            int key = ReadMatrix();
            if (key != _candidate)
            {
                _candidate = key;
                _stableCount = 1;
            }
            else if (_stableCount < StableScans)
            {
                _stableCount++;
            }

            long now = _clock.NowMs;
            if (_stableCount >= StableScans && _candidate != _reported)
            {
                _reported = _candidate;
                if (_reported != NoKey)
                {
                    _entry.OnKey(Keys[_reported], now);
                }
            }

            _entry.Tick(now);
        }

        private int ReadMatrix()
        {
            int found = NoKey;
            for (int row = 0; row < 4; row++)
            {
                _expanders.SetPortOutputs(0, false, 1 << row);
                int columns = (~_expanders.ReadChip(0) >> 4) & 0x0F;
                if (columns == 0)
                {
                    continue;
                }

                if (found != NoKey || (columns & (columns - 1)) != 0)
                {
                    found = NoKey;
                    break;
                }

                found = row * 4 + LowestBit(columns);
            }

            _expanders.SetPortOutputs(0, false, 0);
            return found;
        }

        private static int LowestBit(int value)
        {
            int bit = 0;
            while ((value & 1) == 0)
            {
                value >>= 1;
                bit++;
            }

            return bit;
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
