using System;
using System.Text;

namespace OpenAmi.Dlms.Axdr
{
    /// <summary>
    /// One decoded COSEM value. Integers of every width live in one 64-bit field (long64-unsigned keeps its
    /// bit pattern: read it with <see cref="AsUInt64"/>), reals in a double, strings and bit-strings as bytes,
    /// arrays/structures/compact-arrays as children. Allocation: one object per value, plus the byte array of
    /// a string (copied because values outlive the frame buffer they came from).
    /// </summary>
    public sealed class DataValue
    {
        private readonly long _integer;
        private readonly double _real;
        private readonly byte[] _bytes;
        private readonly DataValue[] _items;

        private DataValue(DataType type, long integer, double real, byte[] bytes, int bitCount, DataValue[] items)
        {
            Type = type;
            _integer = integer;
            _real = real;
            _bytes = bytes;
            BitCount = bitCount;
            _items = items;
        }

        public DataType Type { get; }
        /// <summary>Number of bits of a bit-string.</summary>
        public int BitCount { get; }
        /// <summary>For a compact-array: the element type description as encoded (tags only).</summary>
        public byte[] TypeDescription => Type == DataType.CompactArray ? _bytes : null;

        public static readonly DataValue Null = new DataValue(DataType.NullData, 0, 0, null, 0, null);

        public static DataValue FromBoolean(bool value) => new DataValue(DataType.Boolean, value ? 1 : 0, 0, null, 0, null);

        /// <summary>An integer-family value (integer … long64, enum, bcd); range-checked for its width.</summary>
        public static DataValue FromInteger(DataType type, long value)
        {
            bool ok;
            switch (type)
            {
                case DataType.Integer: ok = value >= -128 && value <= 127; break;
                case DataType.Unsigned:
                case DataType.Enum:
                case DataType.Bcd: ok = value >= 0 && value <= 255; break;
                case DataType.Long: ok = value >= -32768 && value <= 32767; break;
                case DataType.LongUnsigned: ok = value >= 0 && value <= 65535; break;
                case DataType.DoubleLong: ok = value >= int.MinValue && value <= int.MaxValue; break;
                case DataType.DoubleLongUnsigned: ok = value >= 0 && value <= uint.MaxValue; break;
                case DataType.Long64: ok = true; break;
                case DataType.Long64Unsigned: ok = value >= 0; break;
                default: ok = false; break;
            }

            if (!ok)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "value out of range for " + DataTypes.Name(type));
            }

            return new DataValue(type, value, 0, null, 0, null);
        }

        public static DataValue FromUInt64(ulong value) => new DataValue(DataType.Long64Unsigned, (long)value, 0, null, 0, null);

        public static DataValue FromFloat32(float value) => new DataValue(DataType.Float32, 0, value, null, 0, null);

        /// <summary>The legacy floating-point (tag 7) type: a 4-byte IEEE 754 value like float32.</summary>
        public static DataValue FromFloatingPoint(float value) => new DataValue(DataType.FloatingPoint, 0, value, null, 0, null);

        public static DataValue FromFloat64(double value) => new DataValue(DataType.Float64, 0, value, null, 0, null);

        /// <summary>octet-string, visible-string, utf8-string, date-time (12), date (5) or time (4); bytes are not copied.</summary>
        public static DataValue FromBytes(DataType type, byte[] bytes)
        {
            int fixedSize = DataTypes.FixedSize(type);
            bool ok = type == DataType.OctetString || type == DataType.VisibleString || type == DataType.Utf8String ||
                      ((type == DataType.DateTime || type == DataType.Date || type == DataType.Time) && bytes.Length == fixedSize);
            if (!ok)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "bytes do not fit " + DataTypes.Name(type));
            }

            return new DataValue(type, 0, 0, bytes, 0, null);
        }

        public static DataValue FromString(string text) => FromBytes(DataType.VisibleString, Encoding.UTF8.GetBytes(text));

        public static DataValue FromBitString(byte[] bits, int bitCount)
        {
            if (bitCount < 0 || (bitCount + 7) / 8 != bits.Length)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "bit-string length does not match its bytes");
            }

            return new DataValue(DataType.BitString, 0, 0, bits, bitCount, null);
        }

        public static DataValue FromArray(DataValue[] items) => new DataValue(DataType.Array, 0, 0, null, 0, items);

        public static DataValue FromStructure(DataValue[] items) => new DataValue(DataType.Structure, 0, 0, null, 0, items);

        public static DataValue FromCompactArray(byte[] typeDescription, DataValue[] items) =>
            new DataValue(DataType.CompactArray, 0, 0, typeDescription, 0, items);

        public static DataValue DontCare() => new DataValue(DataType.DontCare, 0, 0, null, 0, null);

        public bool IsInteger =>
            Type == DataType.Integer || Type == DataType.Long || Type == DataType.Unsigned || Type == DataType.LongUnsigned ||
            Type == DataType.DoubleLong || Type == DataType.DoubleLongUnsigned || Type == DataType.Long64 ||
            Type == DataType.Long64Unsigned || Type == DataType.Enum || Type == DataType.Bcd || Type == DataType.Boolean;

        public bool IsReal => Type == DataType.Float32 || Type == DataType.Float64 || Type == DataType.FloatingPoint;

        public bool IsString =>
            Type == DataType.OctetString || Type == DataType.VisibleString || Type == DataType.Utf8String ||
            Type == DataType.DateTime || Type == DataType.Date || Type == DataType.Time;

        public bool IsContainer => Type == DataType.Array || Type == DataType.Structure || Type == DataType.CompactArray;

        public long AsInt64()
        {
            if (!IsInteger)
            {
                throw WrongType("an integer");
            }

            if (Type == DataType.Long64Unsigned && _integer < 0)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "long64-unsigned value does not fit a signed 64-bit integer");
            }

            return _integer;
        }

        public ulong AsUInt64()
        {
            if (!IsInteger || (_integer < 0 && Type != DataType.Long64Unsigned))
            {
                throw WrongType("an unsigned integer");
            }

            return (ulong)_integer;
        }

        /// <summary>The raw 64-bit pattern of an integer value (two's complement), for encoders.</summary>
        internal ulong AsUInt64Bits() => (ulong)_integer;

        public bool AsBoolean()
        {
            if (Type != DataType.Boolean)
            {
                throw WrongType("a boolean");
            }

            return _integer != 0;
        }

        /// <summary>Any numeric value as a double (integers convert exactly up to 2^53).</summary>
        public double AsDouble()
        {
            if (IsReal)
            {
                return _real;
            }

            if (Type == DataType.Long64Unsigned)
            {
                return (double)(ulong)_integer;
            }

            return AsInt64();
        }

        /// <summary>The raw bytes of a string-like value or bit-string (not a copy: do not modify).</summary>
        public byte[] AsBytes()
        {
            if (!IsString && Type != DataType.BitString)
            {
                throw WrongType("a string");
            }

            return _bytes;
        }

        /// <summary>Text of a visible-/utf8-string (or an octet-string holding text).</summary>
        public string AsString()
        {
            byte[] b = AsBytes();
            return Encoding.UTF8.GetString(b, 0, b.Length);
        }

        public int Count => _items == null ? 0 : _items.Length;

        public DataValue this[int index]
        {
            get
            {
                if (_items == null)
                {
                    throw WrongType("an array or structure");
                }

                if (index < 0 || index >= _items.Length)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument, "element index out of range");
                }

                return _items[index];
            }
        }

        private DlmsException WrongType(string expected) =>
            new DlmsException(DlmsErrorCode.UnexpectedResponse, "value is " + DataTypes.Name(Type) + ", not " + expected);

        public override bool Equals(object obj)
        {
            var other = obj as DataValue;
            if (other == null || other.Type != Type || other._integer != _integer || other.BitCount != BitCount)
            {
                return false;
            }

            if (IsReal && !(other._real == _real || (double.IsNaN(_real) && double.IsNaN(other._real))))
            {
                return false;
            }

            return SameBytes(_bytes, other._bytes) && SameItems(_items, other._items);
        }

        public override int GetHashCode() => ((int)Type * 397) ^ (int)_integer ^ Count;

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameItems(DataValue[] a, DataValue[] b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (!a[i].Equals(b[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
