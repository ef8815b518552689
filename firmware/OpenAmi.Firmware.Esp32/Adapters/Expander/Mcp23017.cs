using System;
using System.Device.I2c;

namespace OpenAmi.Firmware.Esp32.Adapters.Expander
{
    /// <summary>
    /// Register access to one MCP23017 16-bit I/O expander. Register addresses are those of IOCON.BANK = 0 (the power-on
    /// default), Microchip MCP23017/MCP23S17 datasheet DS20001952C, Table 3-1 / Table 3-3; the 7-bit address is
    /// 0b0100 A2 A1 A0 (section 3.3.1). With IOCON.SEQOP = 0 the address pointer toggles between the A and B register of
    /// a pair, so GPIOA and GPIOB are read in one two-byte transfer.
    /// </summary>
    public sealed class Mcp23017
    {
        public const byte IODIRA = 0x00;
        public const byte IODIRB = 0x01;
        public const byte IOCON = 0x0A;
        public const byte GPPUA = 0x0C;
        public const byte GPPUB = 0x0D;
        public const byte GPIOA = 0x12;
        public const byte OLATA = 0x14;
        public const byte OLATB = 0x15;

        /// <summary>IOCON bits (Register 3-6): MIRROR joins INTA/INTB, ODR makes INT open-drain.</summary>
        public const byte IoconMirror = 0x40;
        public const byte IoconOdr = 0x04;

        private readonly I2cDevice _device;
        private readonly byte[] _write = new byte[2];
        private readonly byte[] _register = new byte[1];
        private readonly byte[] _read = new byte[2];

        /// <param name="busId">ESP32 I²C bus 1 (pins routed with Configuration.SetPinFunction I2C1_DATA/I2C1_CLOCK).</param>
        public Mcp23017(int busId, int address)
        {
            _device = new I2cDevice(new I2cConnectionSettings(busId, address, I2cBusSpeed.FastMode));
        }

        public void Write(byte register, byte value)
        {
            _write[0] = register;
            _write[1] = value;
            Check(_device.Write(_write), register);
        }

        /// <summary>Reads the A and B register of a pair (e.g. GPIOA, GPIOB) as one 16-bit value, port B in the high byte.</summary>
        public int ReadPair(byte registerA)
        {
            _register[0] = registerA;
            Check(_device.WriteRead(_register, _read), registerA);
            return _read[0] | (_read[1] << 8);
        }

        private static void Check(I2cTransferResult result, byte register)
        {
            if (result.Status != I2cTransferStatus.FullTransfer)
            {
                // The safety code treats this like a sensor fault: an expander we cannot read is not a healthy board.
                throw new InvalidOperationException("MCP23017 transfer failed at register " + register.ToString());
            }
        }
    }
}
