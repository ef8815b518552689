using System;

namespace OpenAmi.Dlms.Axdr
{
    /// <summary>
    /// Writes A-XDR primitives and COSEM Data into a caller-owned buffer; overflow raises
    /// <see cref="DlmsErrorCode.BufferTooSmall"/> instead of growing, so encoding never allocates.
    /// </summary>
    public sealed class AxdrWriter
    {
        private byte[] _buffer;
        private int _limit;

        public AxdrWriter(byte[] buffer, int offset, int limit)
        {
            Reset(buffer, offset, limit);
        }

        public AxdrWriter(byte[] buffer) : this(buffer, 0, buffer.Length)
        {
        }

        /// <summary>Writes start at <paramref name="offset"/> and may not pass <paramref name="limit"/> (exclusive).</summary>
        public void Reset(byte[] buffer, int offset, int limit)
        {
            _buffer = buffer;
            Position = offset;
            _limit = limit;
        }

        public byte[] Buffer => _buffer;
        public int Position { get; set; }

        private void Room(int n)
        {
            if (_limit - Position < n)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "encode buffer too small");
            }
        }

        public void WriteByte(int value)
        {
            Room(1);
            _buffer[Position++] = (byte)value;
        }

        public void WriteUInt16(int value)
        {
            Room(2);
            _buffer[Position++] = (byte)(value >> 8);
            _buffer[Position++] = (byte)value;
        }

        public void WriteUInt32(uint value)
        {
            Room(4);
            _buffer[Position++] = (byte)(value >> 24);
            _buffer[Position++] = (byte)(value >> 16);
            _buffer[Position++] = (byte)(value >> 8);
            _buffer[Position++] = (byte)value;
        }

        public void WriteUInt64(ulong value)
        {
            WriteUInt32((uint)(value >> 32));
            WriteUInt32((uint)value);
        }

        /// <summary>Minimal A-XDR length form.</summary>
        public void WriteLength(int length)
        {
            if (length < 0x80)
            {
                WriteByte(length);
            }
            else if (length <= 0xFF)
            {
                WriteByte(0x81);
                WriteByte(length);
            }
            else if (length <= 0xFFFF)
            {
                WriteByte(0x82);
                WriteUInt16(length);
            }
            else
            {
                WriteByte(0x84);
                WriteUInt32((uint)length);
            }
        }

        public void WriteBytes(byte[] source, int offset, int count)
        {
            Room(count);
            Array.Copy(source, offset, _buffer, Position, count);
            Position += count;
        }

        public void WriteOctetString(byte[] value)
        {
            WriteLength(value.Length);
            WriteBytes(value, 0, value.Length);
        }

        /// <summary>Encodes a tagged COSEM Data value.</summary>
        public void WriteData(DataValue value)
        {
            WriteByte((int)value.Type);
            switch (value.Type)
            {
                case DataType.NullData:
                case DataType.DontCare:
                    return;
                case DataType.Array:
                case DataType.Structure:
                    WriteLength(value.Count);
                    for (int i = 0; i < value.Count; i++)
                    {
                        WriteData(value[i]);
                    }

                    return;
                case DataType.CompactArray:
                    throw new DlmsException(DlmsErrorCode.NotSupported, "compact-array is decoded only, not encoded");
                case DataType.Boolean:
                    WriteByte(value.AsBoolean() ? 1 : 0);
                    return;
                case DataType.Integer:
                case DataType.Unsigned:
                case DataType.Enum:
                case DataType.Bcd:
                    WriteByte((int)value.AsInt64());
                    return;
                case DataType.Long:
                case DataType.LongUnsigned:
                    WriteUInt16((int)value.AsInt64());
                    return;
                case DataType.DoubleLong:
                case DataType.DoubleLongUnsigned:
                    WriteUInt32((uint)value.AsInt64());
                    return;
                case DataType.Long64:
                case DataType.Long64Unsigned:
                    WriteUInt64(value.AsUInt64Bits());
                    return;
                case DataType.Float32:
                case DataType.FloatingPoint:
                    WriteFloat32((float)value.AsDouble());
                    return;
                case DataType.Float64:
                    WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value.AsDouble()));
                    return;
                case DataType.DateTime:
                case DataType.Date:
                case DataType.Time:
                {
                    byte[] fixedBytes = value.AsBytes();
                    WriteBytes(fixedBytes, 0, fixedBytes.Length);
                    return;
                }

                case DataType.BitString:
                {
                    byte[] bits = value.AsBytes();
                    WriteLength(value.BitCount);
                    WriteBytes(bits, 0, bits.Length);
                    return;
                }

                default:
                    WriteOctetString(value.AsBytes());
                    return;
            }
        }

        /// <summary>Bytes <see cref="WriteData"/> would write for <paramref name="value"/> (to size a buffer exactly).</summary>
        public static int EncodedSize(DataValue value)
        {
            switch (value.Type)
            {
                case DataType.Array:
                case DataType.Structure:
                {
                    int size = 1 + LengthSize(value.Count);
                    for (int i = 0; i < value.Count; i++)
                    {
                        size += EncodedSize(value[i]);
                    }

                    return size;
                }

                case DataType.CompactArray:
                    throw new DlmsException(DlmsErrorCode.NotSupported, "compact-array is decoded only, not encoded");
                case DataType.BitString:
                    return 1 + LengthSize(value.BitCount) + value.AsBytes().Length;
                case DataType.OctetString:
                case DataType.VisibleString:
                case DataType.Utf8String:
                    return 1 + LengthSize(value.AsBytes().Length) + value.AsBytes().Length;
                default:
                    return 1 + DataTypes.FixedSize(value.Type);
            }
        }

        private static int LengthSize(int length) => length < 0x80 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : 5;

        private void WriteFloat32(float value)
        {
            // Float32 writes are rare (set-point writes), so the 4-byte array from GetBytes is accepted.
            byte[] b = BitConverter.GetBytes(value);
            Room(4);
            for (int i = 0; i < 4; i++)
            {
                _buffer[Position++] = b[BitConverter.IsLittleEndian ? 3 - i : i];
            }
        }
    }
}
