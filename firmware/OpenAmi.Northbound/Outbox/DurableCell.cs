using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// A small value that survives a power cut during its own update: two slot files written alternately, each
    /// [generation u32][length u16][payload][CRC-32]; reading takes the valid slot with the higher generation.
    /// </summary>
    public sealed class DurableCell
    {
        private const int Overhead = 10;
        private readonly IFileStore _store;
        private readonly string[] _slots;
        private uint _generation;
        private byte[] _scratch = new byte[64];

        public DurableCell(IFileStore store, string name)
        {
            _store = store;
            _slots = new[] { name + ".a", name + ".b" };
        }

        /// <summary>Loads the newest valid value; returns its length, or -1 when neither slot is valid.</summary>
        public int Read(out byte[] payload)
        {
            payload = null;
            int bestLength = -1;
            bool found = false;
            for (int slot = 0; slot < 2; slot++)
            {
                int length = _store.Length(_slots[slot]);
                if (length < Overhead)
                {
                    continue;
                }

                byte[] data = new byte[length];
                if (_store.Read(_slots[slot], 0, data, 0, length) != length)
                {
                    continue;
                }

                int payloadLength = LittleEndian.GetUInt16(data, 4);
                if (payloadLength + Overhead != length || Crc32.Compute(data, 0, length - 4) != LittleEndian.GetUInt32(data, length - 4))
                {
                    continue;
                }

                uint generation = LittleEndian.GetUInt32(data, 0);
                if (!found || generation > _generation)
                {
                    found = true;
                    _generation = generation;
                    bestLength = payloadLength;
                    payload = new byte[payloadLength];
                    System.Array.Copy(data, 6, payload, 0, payloadLength);
                }
            }

            return bestLength;
        }

        public void Write(byte[] payload, int offset, int count)
        {
            int length = count + Overhead;
            if (_scratch.Length < length)
            {
                _scratch = new byte[length];
            }

            _generation++;
            LittleEndian.PutUInt32(_scratch, 0, _generation);
            LittleEndian.PutUInt16(_scratch, 4, count);
            System.Array.Copy(payload, offset, _scratch, 6, count);
            LittleEndian.PutUInt32(_scratch, length - 4, Crc32.Compute(_scratch, 0, length - 4));
            _store.Write(_slots[_generation % 2], _scratch, 0, length);
        }
    }
}
