using System;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Storage.Records;

namespace OpenAmi.Prepaid.Ledger
{
    /// <summary>
    /// Everything a line must not forget, written as ONE record so that count, used counts and credit can
    /// never disagree after a power cut: version u8 | line u8 | last count u32 | used mask u32 | flags u8 |
    /// credit seconds i64 | credit Wh i64 | last meter Wh i64 (big-endian).
    /// </summary>
    public sealed class LineCreditState
    {
        public const int PayloadLength = 35;
        private const int Version = 1;
        private const int FlagPaygDisabled = 1;

        public int LastCount;
        public uint UsedMask;
        public bool PaygDisabled;
        public long CreditSeconds;
        public long CreditWh;

        /// <summary>Cumulative energy register at the last reading, or -1 before the first.</summary>
        public long LastMeterWh = -1;

        public static LineCreditState Fresh(int startingCount)
        {
            var state = new LineCreditState();
            OpenPaygoCountState counts = OpenPaygoCountState.Fresh(startingCount);
            state.LastCount = counts.LastCount;
            state.UsedMask = counts.UsedMask;
            return state;
        }

        public OpenPaygoCountState Counts()
        {
            return new OpenPaygoCountState(LastCount, UsedMask);
        }

        public LineCreditState Clone()
        {
            var copy = new LineCreditState();
            copy.LastCount = LastCount;
            copy.UsedMask = UsedMask;
            copy.PaygDisabled = PaygDisabled;
            copy.CreditSeconds = CreditSeconds;
            copy.CreditWh = CreditWh;
            copy.LastMeterWh = LastMeterWh;
            return copy;
        }

        public int Write(int line, byte[] buffer)
        {
            var writer = new RecordWriter(buffer, 0);
            writer.WriteByte(Version);
            writer.WriteByte(line);
            writer.WriteUInt32((uint)LastCount);
            writer.WriteUInt32(UsedMask);
            writer.WriteByte(PaygDisabled ? FlagPaygDisabled : 0);
            writer.WriteInt64(CreditSeconds);
            writer.WriteInt64(CreditWh);
            writer.WriteInt64(LastMeterWh);
            return writer.Position;
        }

        /// <summary>Parses a record; throws <see cref="FormatException"/> for another version or another line's record.</summary>
        public static LineCreditState Read(int line, byte[] buffer, int count)
        {
            var reader = new RecordReader(buffer, 0, count);
            if (reader.ReadByte() != Version || reader.ReadByte() != (line & 0xFF))
            {
                throw new FormatException("line record of another version or line");
            }

            var state = new LineCreditState();
            state.LastCount = (int)reader.ReadUInt32();
            state.UsedMask = reader.ReadUInt32();
            state.PaygDisabled = (reader.ReadByte() & FlagPaygDisabled) != 0;
            state.CreditSeconds = reader.ReadInt64();
            state.CreditWh = reader.ReadInt64();
            state.LastMeterWh = reader.ReadInt64();
            return state;
        }
    }
}
