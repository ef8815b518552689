using System;

namespace OpenAmi.Dlms.Client
{
    /// <summary>
    /// Collects block-transfer pieces into one array, doubling as needed up to a hard cap (so a meter that
    /// never sets last-block cannot take the heap). The array is kept between transfers.
    /// </summary>
    internal sealed class ByteAccumulator
    {
        private readonly int _cap;
        private byte[] _data;

        public ByteAccumulator(int initial, int cap)
        {
            _data = new byte[initial];
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
                int size = _data.Length * 2;
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
