using System;
using System.Text;

namespace OpenAmi.Storage.Records
{
    /// <summary>Reads what <see cref="RecordWriter"/> wrote; throws <see cref="FormatException"/> past the end.</summary>
    public sealed class RecordReader
    {
        private readonly byte[] _buffer;
        private readonly int _end;

        public RecordReader(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            Position = offset;
            _end = offset + count;
        }

        public int Position { get; private set; }

        public int ReadByte()
        {
            Need(1);
            return _buffer[Position++];
        }

        public uint ReadUInt32()
        {
            Need(4);
            uint value = BigEndian.GetUInt32(_buffer, Position);
            Position += 4;
            return value;
        }

        public long ReadInt64()
        {
            Need(8);
            long value = BigEndian.GetInt64(_buffer, Position);
            Position += 8;
            return value;
        }

        public string ReadText()
        {
            int length = ReadByte();
            Need(length);
            string text = Encoding.UTF8.GetString(_buffer, Position, length);
            Position += length;
            return text;
        }

        private void Need(int count)
        {
            if (Position + count > _end)
            {
                throw new FormatException("record truncated");
            }
        }
    }
}
