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
            return (uint)ReadBigEndian(4);
        }

        public long ReadInt64()
        {
            return (long)ReadBigEndian(8);
        }

        public string ReadText()
        {
            int length = ReadByte();
            Need(length);
            string text = Encoding.UTF8.GetString(_buffer, Position, length);
            Position += length;
            return text;
        }

        private ulong ReadBigEndian(int count)
        {
            Need(count);
            ulong value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | _buffer[Position + i];
            }

            Position += count;
            return value;
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
