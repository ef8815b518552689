using System;

namespace OpenAmi.Dlms.Axdr
{
    /// <summary>
    /// A cursor over a caller-owned byte window with A-XDR primitives (IEC 61334-6) and the COSEM Data
    /// decoder. Every read is bounds-checked and fails with <see cref="DlmsErrorCode.Malformed"/>; the reader
    /// itself is reusable (<see cref="Reset"/>) so a long-lived instance decodes without allocating anything
    /// but the values it returns.
    /// </summary>
    public sealed class AxdrReader
    {
        private readonly byte[] _scratch = new byte[8];
        private byte[] _buffer;
        private int _end;
        private int _values;
        private int _allocated;
        private int _allowance;
        private AxdrLimits _limits;

        // What the decoded values occupy, counted as a 64-bit .NET host lays them out (the nanoCLR's objects are
        // smaller, so the device stays inside the same allowance): one DataValue, and the array headers.
        private const int ValueBytes = 56;
        private const int ArrayHeaderBytes = 24;
        private const int ReferenceBytes = 8;

        public AxdrReader(byte[] buffer, int offset, int count)
        {
            Reset(buffer, offset, count);
        }

        public AxdrReader(byte[] buffer) : this(buffer, 0, buffer.Length)
        {
        }

        public void Reset(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "window outside the buffer");
            }

            _buffer = buffer;
            Position = offset;
            _end = offset + count;
            _limits = AxdrLimits.Default;
        }

        public AxdrLimits Limits
        {
            get => _limits;
            set => _limits = value ?? AxdrLimits.Default;
        }

        public byte[] Buffer => _buffer;
        public int Position { get; set; }
        public int End => _end;
        public int Remaining => _end - Position;

        private void Need(int n)
        {
            if (n < 0 || _end - Position < n)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "truncated: " + n + " more byte(s) needed at offset " + Position);
            }
        }

        public byte ReadByte()
        {
            Need(1);
            return _buffer[Position++];
        }

        public byte PeekByte()
        {
            Need(1);
            return _buffer[Position];
        }

        public int ReadUInt16()
        {
            Need(2);
            int v = (_buffer[Position] << 8) | _buffer[Position + 1];
            Position += 2;
            return v;
        }

        public uint ReadUInt32()
        {
            Need(4);
            uint v = ((uint)_buffer[Position] << 24) | ((uint)_buffer[Position + 1] << 16) |
                     ((uint)_buffer[Position + 2] << 8) | _buffer[Position + 3];
            Position += 4;
            return v;
        }

        public ulong ReadUInt64()
        {
            ulong hi = ReadUInt32();
            ulong lo = ReadUInt32();
            return (hi << 32) | lo;
        }

        /// <summary>
        /// A-XDR length: one byte below 0x80, else 0x80|n followed by n big-endian bytes (non-minimal forms
        /// accepted). Rejects lengths beyond the bytes left in the window.
        /// </summary>
        public int ReadLength() => CheckLength(ReadLengthField());

        private int ReadLengthField()
        {
            int first = ReadByte();
            if (first < 0x80)
            {
                return first;
            }

            int n = first & 0x7F;
            if (n == 0 || n > 4)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "length field of " + n + " bytes is not allowed");
            }

            Need(n);
            long value = 0;
            for (int i = 0; i < n; i++)
            {
                value = (value << 8) | _buffer[Position++];
            }

            if (value > int.MaxValue)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "declared length " + value + " too large");
            }

            return (int)value;
        }

        private int CheckLength(int length)
        {
            if (length > Remaining)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded,
                    "declared length " + length + " exceeds the " + Remaining + " byte(s) present");
            }

            return length;
        }

        /// <summary>Copies n bytes out (the caller keeps them beyond the frame buffer's life).</summary>
        public byte[] ReadBytes(int n)
        {
            Need(n);
            var copy = new byte[n];
            Array.Copy(_buffer, Position, copy, 0, n);
            Position += n;
            return copy;
        }

        public void Skip(int n)
        {
            Need(n);
            Position += n;
        }

        /// <summary>An A-XDR octet string: length then bytes (copied).</summary>
        public byte[] ReadOctetString() => ReadBytes(ReadLength());

        /// <summary>Decodes one tagged COSEM Data value.</summary>
        public DataValue ReadData()
        {
            _values = 0;
            _allocated = 0;
            long allowance = (long)Remaining * _limits.BytesPerInputByte;
            _allowance = allowance < _limits.MinAllocationBytes ? _limits.MinAllocationBytes : (allowance > int.MaxValue ? int.MaxValue : (int)allowance);
            return ReadData(0);
        }

        /// <summary>Accounts for what is about to be allocated; refuses a decode that would outgrow its input.</summary>
        private void Allocate(long bytes)
        {
            if (bytes > _allowance - _allocated)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "decoded values would take more than " + _allowance + " bytes, " + _limits.BytesPerInputByte + " per byte of input");
            }

            _allocated += (int)bytes;
        }

        private static long ItemsBytes(int count) => ValueBytes + ArrayHeaderBytes + ((long)count * ReferenceBytes);

        private static long CopyBytes(long count) => ArrayHeaderBytes + count + 7;

        private void Count(int depth)
        {
            if (depth > _limits.MaxDepth)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "data nested deeper than " + _limits.MaxDepth);
            }

            if (++_values > _limits.MaxValues)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "more than " + _limits.MaxValues + " values in one decode");
            }
        }

        private DataValue ReadData(int depth)
        {
            int tag = ReadByte();
            if (!DataTypes.IsKnown(tag))
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "unknown data tag " + tag + " at offset " + (Position - 1));
            }

            var type = (DataType)tag;
            switch (type)
            {
                case DataType.Array:
                case DataType.Structure:
                {
                    Count(depth);
                    int n = ReadLength(); // every element needs at least its tag byte: bounded by Remaining
                    Allocate(ItemsBytes(n));
                    var items = new DataValue[n];
                    for (int i = 0; i < n; i++)
                    {
                        items[i] = ReadData(depth + 1);
                    }

                    return type == DataType.Array ? DataValue.FromArray(items) : DataValue.FromStructure(items);
                }

                case DataType.CompactArray:
                    Count(depth);
                    return ReadCompactArray(depth);
                default:
                    Count(depth);
                    return ReadSimple(type);
            }
        }

        private DataValue ReadSimple(DataType type)
        {
            if (type != DataType.NullData)
            {
                Allocate(ValueBytes);
            }

            switch (type)
            {
                case DataType.NullData: return DataValue.Null;
                case DataType.DontCare: return DataValue.DontCare();
                case DataType.Boolean: return DataValue.FromBoolean(ReadByte() != 0);
                case DataType.Integer: return DataValue.FromInteger(type, (sbyte)ReadByte());
                case DataType.Unsigned:
                case DataType.Enum:
                case DataType.Bcd: return DataValue.FromInteger(type, ReadByte());
                case DataType.Long: return DataValue.FromInteger(type, (short)ReadUInt16());
                case DataType.LongUnsigned: return DataValue.FromInteger(type, ReadUInt16());
                case DataType.DoubleLong: return DataValue.FromInteger(type, (int)ReadUInt32());
                case DataType.DoubleLongUnsigned: return DataValue.FromInteger(type, ReadUInt32());
                case DataType.Long64: return DataValue.FromInteger(type, (long)ReadUInt64());
                case DataType.Long64Unsigned: return DataValue.FromUInt64(ReadUInt64());
                case DataType.Float32:
                case DataType.FloatingPoint: return ReadFloat32(type);
                case DataType.Float64: return DataValue.FromFloat64(BitConverter.Int64BitsToDouble((long)ReadUInt64()));
                case DataType.DateTime:
                case DataType.Date:
                case DataType.Time: return DataValue.FromBytes(type, ReadCopy(DataTypes.FixedSize(type)));
                case DataType.OctetString:
                case DataType.VisibleString:
                case DataType.Utf8String: return DataValue.FromBytes(type, ReadCopy(ReadLength()));
                case DataType.BitString:
                {
                    // The length counts bits, so it is checked as bytes after rounding up.
                    int bits = ReadLengthField();
                    return DataValue.FromBitString(ReadCopy((int)(((long)bits + 7) / 8)), bits);
                }

                default:
                    throw new DlmsException(DlmsErrorCode.Malformed, "data type " + DataTypes.Name(type) + " cannot appear here");
            }
        }

        private byte[] ReadCopy(int n)
        {
            Need(n);
            Allocate(CopyBytes(n));
            return ReadBytes(n);
        }

        private DataValue ReadFloat32(DataType type)
        {
            Need(4);
            // BitConverter reads host order; the wire is big-endian.
            for (int i = 0; i < 4; i++)
            {
                _scratch[BitConverter.IsLittleEndian ? 3 - i : i] = _buffer[Position + i];
            }

            Position += 4;
            float value = BitConverter.ToSingle(_scratch, 0);
            return type == DataType.Float32 ? DataValue.FromFloat32(value) : DataValue.FromFloatingPoint(value);
        }

        /// <summary>
        /// compact-array (Green Book §4.1.6.1): a type description, then the untagged contents as an octet
        /// string. Decoded into ordinary values; each element must take at least one content byte.
        /// </summary>
        private DataValue ReadCompactArray(int depth)
        {
            int descStart = Position;
            SkipTypeDescription(depth + 1);
            int descEnd = Position;
            int contentLength = ReadLength();
            int contentEnd = Position + contentLength;

            // The list, its growth (at most twice the final slots) and the final array, besides the description.
            Allocate(ItemsBytes(0) + 64 + CopyBytes(descEnd - descStart));
            var elements = new System.Collections.ArrayList();
            while (Position < contentEnd)
            {
                int before = Position;
                int descAt = descStart;
                Allocate(3 * ReferenceBytes);
                elements.Add(ReadDescribed(ref descAt, depth + 1, contentEnd));
                if (Position == before)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, "compact-array element of zero size");
                }
            }

            if (Position != contentEnd)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "compact-array contents overrun their length");
            }

            var description = new byte[descEnd - descStart];
            Array.Copy(_buffer, descStart, description, 0, description.Length);
            var items = new DataValue[elements.Count];
            elements.CopyTo(items, 0);
            return DataValue.FromCompactArray(description, items);
        }

        private void SkipTypeDescription(int depth)
        {
            if (depth > _limits.MaxDepth)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "type description nested deeper than " + _limits.MaxDepth);
            }

            int tag = ReadByte();
            if (!DataTypes.IsKnown(tag) || tag == (int)DataType.CompactArray)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "bad tag " + tag + " in a compact-array type description");
            }

            if (tag == (int)DataType.Array)
            {
                ReadUInt16();
                SkipTypeDescription(depth + 1);
            }
            else if (tag == (int)DataType.Structure)
            {
                int n = ReadLength();
                for (int i = 0; i < n; i++)
                {
                    SkipTypeDescription(depth + 1);
                }
            }
        }

        private DataValue ReadDescribed(ref int descAt, int depth, int contentEnd)
        {
            if (depth > _limits.MaxDepth)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "compact-array nested deeper than " + _limits.MaxDepth);
            }

            if (++_values > _limits.MaxValues)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "more than " + _limits.MaxValues + " values in one decode");
            }

            var type = (DataType)_buffer[descAt++];
            if (type == DataType.Array)
            {
                int n = (_buffer[descAt] << 8) | _buffer[descAt + 1];
                descAt += 2;
                if (n > contentEnd - Position)
                {
                    throw new DlmsException(DlmsErrorCode.LimitExceeded, "compact-array element count exceeds its contents");
                }

                int elementDesc = descAt;
                Allocate(ItemsBytes(n));
                var items = new DataValue[n];
                for (int i = 0; i < n; i++)
                {
                    descAt = elementDesc;
                    int before = Position;
                    items[i] = ReadDescribed(ref descAt, depth + 1, contentEnd);

                    // As at the top level: an element taking no content would let a few description bytes
                    // stand for any number of values (nested arrays of null-data).
                    if (Position == before)
                    {
                        throw new DlmsException(DlmsErrorCode.Malformed, "compact-array element of zero size");
                    }
                }

                if (n == 0)
                {
                    SkipDescriptionAt(ref descAt);
                }

                return DataValue.FromArray(items);
            }

            if (type == DataType.Structure)
            {
                int save = Position;
                Position = descAt;
                int n = ReadLength();
                descAt = Position;
                Position = save;
                Allocate(ItemsBytes(n));
                var items = new DataValue[n];
                for (int i = 0; i < n; i++)
                {
                    items[i] = ReadDescribed(ref descAt, depth + 1, contentEnd);
                }

                return DataValue.FromStructure(items);
            }

            int limit = _end;
            _end = contentEnd;
            try
            {
                _values--;
                Count(depth);
                return ReadSimple(type);
            }
            finally
            {
                _end = limit;
            }
        }

        private void SkipDescriptionAt(ref int descAt)
        {
            int save = Position;
            Position = descAt;
            SkipTypeDescription(0);
            descAt = Position;
            Position = save;
        }
    }
}
