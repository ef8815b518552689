using OpenAmi.Metering.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Modbus
{
    /// <summary>
    /// The Modbus master's view of the RS-485 port it shares with the DLMS client: before each request it keeps the line
    /// silent for 3.5 characters (Modbus over Serial Line V1.02, 2.5.1.1), because right after a DLMS answer a request
    /// sent at once would run into that frame's tail and be discarded; and it knows the line speed that silence depends on.
    /// </summary>
    public sealed class ModbusRtuLine : IByteLink, ILineSpeed
    {
        private readonly IByteLink _link;
        private int _silenceMs;

        /// <param name="baud">Line speed, for the 3.5-character silence (11 bits per character assumed: safe for 8N1 to 8E2).</param>
        public ModbusRtuLine(IByteLink link, int baud)
        {
            _link = link;
            Silence(baud);
        }

        public int Baud { get; private set; }

        /// <summary>Switches the port to <paramref name="baud"/> 8N1 (commissioning's factory-settings probe).</summary>
        public void SetBaud(int baud) => Configure(baud, LineFormat.EightNoneOne);

        public void Configure(int baudRate, LineFormat format)
        {
            _link.Configure(baudRate, format);
            Silence(baudRate);
        }

        public void DiscardInput() => _link.DiscardInput();

        public void Write(byte[] buffer, int offset, int count)
        {
            _link.Delay(_silenceMs);
            _link.Write(buffer, offset, count);
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _link.Read(buffer, offset, count, timeoutMs);

        public void Delay(int milliseconds) => _link.Delay(milliseconds);

        private void Silence(int baud)
        {
            Baud = baud;
            _silenceMs = (35 * 11 * 1000 / 10 + baud - 1) / baud;
        }
    }
}
