namespace OpenAmi.Firmware.Esp32.Adapters.Expander
{
    /// <summary>
    /// The board's two MCP23017 as 32 named bits (PinMap: expander * 16 + (port B ? 8 : 0) + bit). Outputs are cached in
    /// the OLAT image and written as whole ports under one lock, so the keypad, safety and buzzer threads never undo each
    /// other's bits. Directions and pull-ups follow hardware/README.md "MCP23017 bits".
    /// </summary>
    public sealed class ExpanderBank
    {
        private readonly Mcp23017[] _chips;
        private readonly int[] _latch = new int[2];
        private readonly object _sync = new object();

        public ExpanderBank(Mcp23017 u40, Mcp23017 u41)
        {
            _chips = new[] { u40, u41 };
        }

        /// <summary>
        /// Drives every output low (SSR_ARM first: it is the "firmware is up" gate) before any pin becomes an output, so a
        /// pin leaves the power-on input state straight into its safe level.
        /// </summary>
        /// <param name="outputMask">Per chip, bits that are outputs (1 = output; IODIR is its complement).</param>
        /// <param name="pullUpMask">Per chip, inputs with the internal 100 kΩ pull-up (GPPU).</param>
        public void Configure(int[] outputMask, int[] pullUpMask)
        {
            lock (_sync)
            {
                for (int chip = 0; chip < 2; chip++)
                {
                    Mcp23017 device = _chips[chip];
                    _latch[chip] = 0;
                    device.Write(Mcp23017.OLATA, 0);
                    device.Write(Mcp23017.OLATB, 0);
                    device.Write(Mcp23017.IOCON, Mcp23017.IoconMirror | Mcp23017.IoconOdr);
                    device.Write(Mcp23017.GPPUA, (byte)(pullUpMask[chip] & 0xFF));
                    device.Write(Mcp23017.GPPUB, (byte)(pullUpMask[chip] >> 8));
                    int inputs = ~outputMask[chip] & 0xFFFF;
                    device.Write(Mcp23017.IODIRA, (byte)(inputs & 0xFF));
                    device.Write(Mcp23017.IODIRB, (byte)(inputs >> 8));
                }
            }
        }

        public void Set(int bit, bool high)
        {
            int chip = PinMap.ExpanderOf(bit);
            int mask = 1 << (bit & 15);
            lock (_sync)
            {
                int latch = high ? _latch[chip] | mask : _latch[chip] & ~mask;
                if (latch == _latch[chip])
                {
                    return;
                }

                _latch[chip] = latch;
                bool portB = PinMap.IsPortB(bit);
                _chips[chip].Write(portB ? Mcp23017.OLATB : Mcp23017.OLATA, (byte)(portB ? latch >> 8 : latch & 0xFF));
            }
        }

        /// <summary>The pin level now (inputs and outputs alike), read from the GPIO registers.</summary>
        public bool Get(int bit)
        {
            int chip = PinMap.ExpanderOf(bit);
            int levels;
            lock (_sync)
            {
                levels = _chips[chip].ReadPair(Mcp23017.GPIOA);
            }

            return (levels & (1 << (bit & 15))) != 0;
        }

        /// <summary>
        /// Changes which bits of one port are outputs (the keypad drives one row at a time and leaves the others
        /// floating, so two keys in one column cannot short a high row to a low one).
        /// </summary>
        public void SetPortOutputs(int chip, bool portB, int outputMask)
        {
            lock (_sync)
            {
                _chips[chip].Write(portB ? Mcp23017.IODIRB : Mcp23017.IODIRA, (byte)(~outputMask & 0xFF));
            }
        }

        /// <summary>Both ports of one expander at once (bit n = PinMap bit chip * 16 + n), for scans that need a consistent snapshot.</summary>
        public int ReadChip(int chip)
        {
            lock (_sync)
            {
                return _chips[chip].ReadPair(Mcp23017.GPIOA);
            }
        }
    }
}
