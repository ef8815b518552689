using System;

namespace OpenAmi.Dlms.Client
{
    /// <summary>
    /// Collects block-transfer pieces into one array, doubling as needed up to a hard cap (so a meter that
    /// never sets last-block cannot take the heap). The array is made at the first piece, since most meters answer
    /// without block transfer and every meter's client is made at boot, and kept between transfers.
    /// </summary>
    internal sealed class ByteAccumulator
    {
        private static readonly byte[] NoData = new byte[0];

        private readonly int _initial;
        private readonly int _cap;
        private byte[] _data = NoData;

        public ByteAccumulator(int initial, int cap)
        {
            _initial = initial > 0 ? initial : 1;
            _cap = cap;
        }

        public byte[] Data => _data;
        public int Count { get; private set; }

        public void Clear() => Count = 0;

        public void Append(byte[] source, int offset, int count)
        {
            if (Count + count > _cap)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "block transfer larger than " + _cap + " bytes");
            }

            if (Count + count > _data.Length)
            {
                int size = _data.Length == 0 ? _initial : _data.Length * 2;
                while (size < Count + count)
                {
                    size *= 2;
                }

                var bigger = new byte[size > _cap ? _cap : size];
                Array.Copy(_data, bigger, Count);
                _data = bigger;
            }

            Array.Copy(source, offset, _data, Count, count);
            Count += count;
        }
    }
}
