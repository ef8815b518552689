namespace OpenAmi.Fuzz;

/// <summary>
/// Seeded, structure-blind mutations of seed inputs: bit flips, interesting bytes (length and tag boundaries),
/// insertions, deletions, duplicated and spliced ranges, truncation, and now and then pure noise. The same seed
/// gives the same sequence, so a failure is reproduced from (seed, index) alone.
/// </summary>
public sealed class Mutator(byte[][] seeds, int maxLength, int seed)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x7E, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0xFE, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'[', (byte)'0', (byte)'9'];

    private readonly Random _random = new(seed);
    private readonly List<byte> _work = new(maxLength);

    public byte[] Next()
    {
        if (_random.Next(32) == 0)
        {
            var noise = new byte[_random.Next(Math.Min(maxLength, 256) + 1)];
            _random.NextBytes(noise);
            return noise;
        }

        _work.Clear();
        _work.AddRange(seeds[_random.Next(seeds.Length)]);
        int edits = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 8);
        for (int e = 0; e < edits; e++)
        {
            Edit();
        }

        if (_work.Count > maxLength)
        {
            _work.RemoveRange(maxLength, _work.Count - maxLength);
        }

        return _work.ToArray();
    }

    private void Edit()
    {
        int count = _work.Count;
        int at = count == 0 ? 0 : _random.Next(count);
        switch (_random.Next(9))
        {
            case 0 when count > 0:
                _work[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when count > 0:
                _work[at] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 2 when count > 0:
                _work[at] = (byte)_random.Next(256);
                break;
            case 3:
                _work.Insert(at, _random.Next(2) == 0 ? Interesting[_random.Next(Interesting.Length)] : (byte)_random.Next(256));
                break;
            case 4 when count > 0:
                _work.RemoveRange(at, 1 + _random.Next(Math.Min(8, count - at)));
                break;
            case 5 when count > 0:
                _work.RemoveRange(at, count - at);
                break;
            case 6 when count > 0:
            {
                int length = 1 + _random.Next(Math.Min(64, count - at));
                var range = _work.GetRange(at, length);
                int repeat = 1 + _random.Next(_random.Next(4) == 0 ? 64 : 3);
                for (int r = 0; r < repeat && _work.Count < maxLength; r++)
                {
                    _work.InsertRange(_random.Next(_work.Count + 1), range);
                }

                break;
            }

            case 7:
            {
                byte[] other = seeds[_random.Next(seeds.Length)];
                if (other.Length > 0)
                {
                    int from = _random.Next(other.Length);
                    int length = 1 + _random.Next(other.Length - from);
                    _work.InsertRange(at, other.Skip(from).Take(length));
                }

                break;
            }

            default:
                if (count > 1)
                {
                    // A 16-bit big-endian field set to a boundary (lengths and counts in most wire formats).
                    int pick = _random.Next(4);
                    int value = pick == 0 ? 0 : pick == 1 ? 0xFFFF : pick == 2 ? 0x8000 : count;
                    int position = Math.Min(at, count - 2);
                    _work[position] = (byte)(value >> 8);
                    _work[position + 1] = (byte)value;
                }

                break;
        }
    }
}
