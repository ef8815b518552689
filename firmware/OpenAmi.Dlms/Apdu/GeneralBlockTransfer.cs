using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>
    /// General-Block-Transfer (Green Book 9.3.10, tag 0xE0): block-control (bit 7 last-block, bit 6 streaming,
    /// bits 0–5 window), block-number, block-number-ack, block-data. The blocks of one transfer, put together,
    /// are one whole APDU (plain or ciphered).
    /// </summary>
    public sealed class GeneralBlockTransfer : Apdu
    {
        private const int LastBlockBit = 0x80;
        private const int StreamingBit = 0x40;
        private const int WindowMask = 0x3F;

        public override byte Tag => ApduTag.GeneralBlockTransfer;
        public bool LastBlock { get; set; }
        public bool Streaming { get; set; }
        /// <summary>How many blocks the sender can receive in one window (1…63).</summary>
        public int Window { get; set; } = 1;
        public int BlockNumber { get; set; }
        public int BlockNumberAck { get; set; }
        public byte[] BlockData { get; set; } = new byte[0];

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte((LastBlock ? LastBlockBit : 0) | (Streaming ? StreamingBit : 0) | (Window & WindowMask));
            w.WriteUInt16(BlockNumber);
            w.WriteUInt16(BlockNumberAck);
            w.WriteOctetString(BlockData);
        }

        internal static GeneralBlockTransfer Read(AxdrReader r)
        {
            int control = r.ReadByte();
            return new GeneralBlockTransfer
            {
                LastBlock = (control & LastBlockBit) != 0,
                Streaming = (control & StreamingBit) != 0,
                Window = control & WindowMask,
                BlockNumber = r.ReadUInt16(),
                BlockNumberAck = r.ReadUInt16(),
                BlockData = r.ReadOctetString(),
            };
        }
    }
}
