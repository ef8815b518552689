using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Sts;

/// <summary>
/// An emulated STS prepayment meter behind its Token gateway: decodes the vendor encoding of the token,
/// decrypts with its decoder key, checks the CRC, and keeps a token memory of the most recent TIDs
/// (IEC 62055-41 requires at least 50): a TID already in memory is "used", a TID older than the oldest
/// one in a full memory is "old". Accepted credit tokens add to the credit register (0.1 kWh units).
/// Class 1 tokens are not encrypted: like a real meter it checks their CRC and then their manufacturer code
/// against its own (2 digits: subclass 0, 4 digits: subclass 1) before running the selected tests.
/// </summary>
public sealed class StsMeterModel
{
    private readonly List<int> _memory = [];
    private readonly ulong _decoderKey;
    private readonly int _memoryCapacity;
    private readonly int _manufacturerCode;

    /// <param name="manufacturerCode">the meter's STS manufacturer code, 2 or 4 digits ("04", "1234")</param>
    public StsMeterModel(string meterId, ulong decoderKey, StsTokenEncoding encoding, string manufacturerCode, int memoryCapacity = 50)
    {
        if (manufacturerCode is null || manufacturerCode.Length is not (2 or 4) || !manufacturerCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("an STS manufacturer code is 2 or 4 digits", nameof(manufacturerCode));
        }

        MeterId = meterId;
        Encoding = encoding;
        ManufacturerCode = manufacturerCode;
        _decoderKey = decoderKey;
        _memoryCapacity = memoryCapacity;
        _manufacturerCode = int.Parse(manufacturerCode, System.Globalization.CultureInfo.InvariantCulture);
    }

    public string MeterId { get; }

    public StsTokenEncoding Encoding { get; }

    public string ManufacturerCode { get; }

    /// <summary>Control field of the last class 1 test/display token run (0 before any).</summary>
    public ulong LastTestControl { get; private set; }

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
            return EnterClass1(StsClass1Token.Decode(number));
        }

        var token = StsDecodedToken.Decode(number, _decoderKey);
        if (!token.CrcValid)
        {
            return TokenDeliveryStatus.AuthenticationFailure;
        }

        if (_memory.Contains(token.Tid))
        {
            return TokenDeliveryStatus.Used;
        }

        if (_memory.Count >= _memoryCapacity && token.Tid < _memory.Min())
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

    /// <summary>Class 1 tokens carry no TID: a test token may be entered again and again.</summary>
    private TokenDeliveryStatus EnterClass1(StsClass1Token token)
    {
        if (!token.CrcValid)
        {
            return TokenDeliveryStatus.CrcError;
        }

        if (!token.IsTestDisplay)
        {
            // Other class 1 subclasses are functions this meter does not have.
            return TokenDeliveryStatus.ExecutionFailure;
        }

        if (token.ManufacturerCodeDigits != ManufacturerCode.Length || token.ManufacturerCode != _manufacturerCode)
        {
            return TokenDeliveryStatus.ManufacturerCodeError;
        }

        LastTestControl = token.Control;
        return TokenDeliveryStatus.Accepted;
    }

    private void Remember(int tid)
    {
        _memory.Add(tid);
        if (_memory.Count > _memoryCapacity)
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
