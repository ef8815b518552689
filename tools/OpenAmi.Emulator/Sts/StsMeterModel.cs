using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Sts;

/// <summary>
/// An emulated STS prepayment meter behind its Token gateway: decodes the vendor encoding of the token,
/// decrypts with its decoder key, checks the CRC, and keeps a token memory of the most recent TIDs
/// (IEC 62055-41 requires at least 50): a TID already in memory is "used", a TID older than the oldest
/// one in a full memory is "old". Accepted credit tokens add to the credit register (0.1 kWh units).
/// </summary>
public sealed class StsMeterModel(string meterId, ulong decoderKey, StsTokenEncoding encoding, int memoryCapacity = 50)
{
    private readonly List<int> _memory = [];

    public string MeterId { get; } = meterId;

    public StsTokenEncoding Encoding { get; } = encoding;

    /// <summary>Electricity credit in 0.1 kWh.</summary>
    public long CreditUnits { get; private set; }

    public IReadOnlyList<int> TokenMemory => _memory;

    public int TokensEntered { get; private set; }

    public TokenDeliveryStatus Enter(ReadOnlySpan<byte> encoded)
    {
        TokensEntered++;
        if (!TryReadDigits(encoded, out var digits) || !StsTokenNumber.TryParse(digits, out var number, out _))
        {
            return TokenDeliveryStatus.FormatFailure;
        }

        if (number.TokenClass == 1)
        {
            // Class 1 (test/display) tokens are not encrypted and not meter specific: executed as they come.
            return TokenDeliveryStatus.Accepted;
        }

        var token = StsDecodedToken.Decode(number, decoderKey);
        if (!token.CrcValid)
        {
            return TokenDeliveryStatus.AuthenticationFailure;
        }

        if (_memory.Contains(token.Tid))
        {
            return TokenDeliveryStatus.Used;
        }

        if (_memory.Count >= memoryCapacity && token.Tid < _memory.Min())
        {
            return TokenDeliveryStatus.Old;
        }

        if (token.TokenClass == 0 && token.Subclass == 0)
        {
            CreditUnits += token.Units;
        }
        else if (token.TokenClass == 2 && token.Subclass == 1)
        {
            CreditUnits = 0;
        }
        else if (token.TokenClass != 2)
        {
            // Water, gas, time or currency credit on an electricity meter.
            return TokenDeliveryStatus.ExecutionFailure;
        }

        Remember(token.Tid);
        return TokenDeliveryStatus.Accepted;
    }

    private void Remember(int tid)
    {
        _memory.Add(tid);
        if (_memory.Count > memoryCapacity)
        {
            _memory.Remove(_memory.Min());
        }
    }

    private bool TryReadDigits(ReadOnlySpan<byte> encoded, out string digits)
    {
        digits = "";
        if (encoded.Length != StsTokenEncoder.LengthOf(Encoding))
        {
            return false;
        }

        switch (Encoding)
        {
            case StsTokenEncoding.PackedBcd10:
                var chars = new char[20];
                for (var i = 0; i < 10; i++)
                {
                    int hi = encoded[i] >> 4, lo = encoded[i] & 0xF;
                    if (hi > 9 || lo > 9)
                    {
                        return false;
                    }

                    chars[2 * i] = (char)('0' + hi);
                    chars[2 * i + 1] = (char)('0' + lo);
                }

                digits = new string(chars);
                return true;
            case StsTokenEncoding.Binary9:
                if (encoded[0] > 3)
                {
                    return false;
                }

                var number = new StsTokenNumber { High = encoded[0] };
                for (var i = 1; i < 9; i++)
                {
                    number.Low = (number.Low << 8) | encoded[i];
                }

                digits = number.ToDigits();
                return true;
            default:
                digits = System.Text.Encoding.ASCII.GetString(encoded);
                return true;
        }
    }
}
