using System;
using System.Text;

namespace OpenAmi.Storage.Records
{
    /// <summary>Big-endian field writer over a caller-owned buffer (record payloads).</summary>
    public sealed class RecordWriter
    {
        private readonly byte[] _buffer;

        public RecordWriter(byte[] buffer, int offset)
        {
            _buffer = buffer;
            Position = offset;
        }

        public int Position { get; private set; }

        public void WriteByte(int value)
        {
            _buffer[Position++] = (byte)value;
        }

        public void WriteUInt32(uint value)
        {
            WriteBigEndian(value, 4);
        }

        public void WriteInt64(long value)
        {
            WriteBigEndian((ulong)value, 8);
        }

        /// <summary>Length-prefixed ASCII/UTF-8 text of at most 255 bytes.</summary>
        public void WriteText(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text == null ? string.Empty : text);
            if (bytes.Length > 255)
            {
                throw new ArgumentException("text longer than 255 bytes", "text");
            }

            WriteByte(bytes.Length);
            Array.Copy(bytes, 0, _buffer, Position, bytes.Length);
            Position += bytes.Length;
        }

        private void WriteBigEndian(ulong value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                _buffer[Position + i] = (byte)value;
                value >>= 8;
            }

            Position += count;
        }
    }
}
