namespace OpenAmi.Cellular.At
{
    /// <summary>The information-response lines of the command just run (e.g. "+CSQ: 21,99"), copied into one buffer.</summary>
    public sealed class AtResponse
    {
        private readonly byte[] _data;
        private readonly int[] _start;
        private readonly int[] _length;
        private int _used;

        public AtResponse(int maxLines, int capacityBytes)
        {
            _data = new byte[capacityBytes];
            _start = new int[maxLines];
            _length = new int[maxLines];
        }

        public int Count { get; private set; }

        public byte[] Buffer => _data;

        public int Start(int line) => _start[line];

        public int LengthOf(int line) => _length[line];

        /// <summary>Integer field <paramref name="field"/> of line <paramref name="line"/> after a prefix of <paramref name="prefixLength"/> bytes.</summary>
        public int IntField(int line, int prefixLength, int field)
        {
            if (line >= Count)
            {
                return AtText.NoValue;
            }

            return AtText.IntField(_data, _start[line] + prefixLength, _start[line] + _length[line], field);
        }

        internal void Clear()
        {
            Count = 0;
            _used = 0;
        }

        internal void Add(byte[] line, int count)
        {
            if (Count == _start.Length || _used + count > _data.Length)
            {
                return;
            }

            System.Array.Copy(line, 0, _data, _used, count);
            _start[Count] = _used;
            _length[Count] = count;
            _used += count;
            Count++;
        }
    }
}
