using OpenAmi.Dlms.Link;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Modbus
{
    /// <summary>
    /// The Modbus master on the same RS-485 port as the DLMS client: adapts the port's <see cref="IByteLink"/>
    /// (which returns whatever has arrived) to <see cref="ISerialLink"/> (which waits for the bytes a frame needs).
    /// The timeout applies to each gap, so a frame that stops arriving mid-way ends the read after one timeout.
    /// Before each request it keeps the line silent for 3.5 characters (Modbus over Serial Line V1.02, 2.5.1.1):
    /// right after a DLMS answer a request sent at once would run into that frame's tail and be discarded.
    /// </summary>
    public sealed class ByteLinkSerial : ISerialLink, ILineSpeed
    {
        private readonly IByteLink _link;
        private int _silenceMs;

        /// <param name="baud">Line speed, for the 3.5-character silence (11 bits per character assumed: safe for 8N1 to 8E2).</param>
        public ByteLinkSerial(IByteLink link, int baud)
        {
            _link = link;
            Silence(baud);
        }

        public int Baud { get; private set; }

        /// <summary>Switches the port to <paramref name="baud"/> 8N1 (commissioning's factory-settings probe).</summary>
        public void SetBaud(int baud)
        {
            _link.Configure(baud, LineFormat.EightNoneOne);
            Silence(baud);
        }

        public void DiscardInput() => _link.DiscardInput();

        public void Write(byte[] buffer, int offset, int count)
        {
            _link.Delay(_silenceMs);
            _link.Write(buffer, offset, count);
        }

        private void Silence(int baud)
        {
            Baud = baud;
            _silenceMs = (35 * 11 * 1000 / 10 + baud - 1) / baud;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int got = 0;
            while (got < count)
            {
                int n = _link.Read(buffer, offset + got, count - got, timeoutMs);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }

            return got;
        }
    }
}
