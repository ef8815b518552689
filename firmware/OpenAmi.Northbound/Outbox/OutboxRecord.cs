using System.Text;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>A record read back from the outbox; reused between reads (Payload grows as needed).</summary>
    public sealed class OutboxRecord
    {
        public long Sequence { get; internal set; }

        public string Topic { get; internal set; }

        public byte[] Payload { get; internal set; } = new byte[256];

        public int PayloadLength { get; internal set; }

        public string PayloadText => Encoding.UTF8.GetString(Payload, 0, PayloadLength);
    }
}
