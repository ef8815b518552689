using System;
using System.Text;

namespace OpenAmi.Storage.Records
{
    /// <summary>Field writer in the flash byte order (<see cref="BigEndian"/>) over a caller-owned buffer (record payloads).</summary>
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

        public void WriteUInt16(int value)
        {
            BigEndian.PutUInt16(_buffer, Position, value);
            Position += 2;
        }

        public void WriteUInt32(uint value)
        {
            BigEndian.PutUInt32(_buffer, Position, value);
            Position += 4;
        }

        public void WriteInt64(long value)
        {
            BigEndian.PutInt64(_buffer, Position, value);
            Position += 8;
        }

        /// <summary>Length-prefixed ASCII/UTF-8 text of at most 255 bytes.</summary>
        public void WriteText(string text)
        {
            WriteText(Encoding.UTF8.GetBytes(text == null ? string.Empty : text));
        }

        /// <summary>Length-prefixed text already encoded as UTF-8 (an owner that writes the same text every save keeps its bytes).</summary>
        public void WriteText(byte[] utf8)
        {
            if (utf8.Length > 255)
            {
                throw new ArgumentException("text longer than 255 bytes", "utf8");
            }

            WriteByte(utf8.Length);
            Array.Copy(utf8, 0, _buffer, Position, utf8.Length);
            Position += utf8.Length;
        }
    }
}
