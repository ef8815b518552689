using System.Globalization;
using OpenAmi.Emulator.Sts;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The "token" of a scenario event: 20 literal digits (typed or sent as they are), or <c>vend:&lt;kWh&gt;kWh</c>,
/// which the emulator's vending side turns at run time into a genuine STS credit token for the target meter's
/// decoder key (class 0 electricity credit, IEC 62055-41; amount in 0.1 kWh units).
/// </summary>
public sealed class ScenarioTokenVendor
{
    private const string VendPrefix = "vend:";

    /// <summary>STS TIDs count minutes from a base date; 2014-01-01 covers 2014–2045 (1993's range ended in 2024).</summary>
    private static readonly DateTime TidBase = StsTokenIdentifier.BaseDate2014;

    /// <summary>The largest class 0 amount field (exponent 3, mantissa 16383: 18 201 624 units of 0.1 kWh, IEC 62055-41).</summary>
    private const double MaxKWh = 1_820_162;

    private readonly Dictionary<ulong, int> _lastTid = new();
    private readonly Random _random = new(20260622);

    /// <summary>Tokens vended so far.</summary>
    public int Vended { get; private set; }

    public static bool IsVendRequest(string token) => token.StartsWith(VendPrefix, StringComparison.Ordinal);

    /// <summary>The kWh of a "vend:5kWh" request (checked when the scenario is read).</summary>
    public static bool TryParseKWh(string token, out double kWh)
    {
        kWh = 0;
        string amount = token[VendPrefix.Length..];
        return amount.EndsWith("kWh", StringComparison.Ordinal)
            && double.TryParse(amount[..^3], NumberStyles.Float, CultureInfo.InvariantCulture, out kWh) && kWh > 0 && kWh <= MaxKWh;
    }

    /// <summary>
    /// A class 0 credit token for the kWh of <paramref name="request"/> (vend:5kWh) for the meter with <paramref name="decoderKey"/>, issued at
    /// <paramref name="issuedUtc"/>. Like a vending server, TIDs for one meter only ever increase (two tokens in one minute
    /// would otherwise share a TID and the second would be refused as used).
    /// </summary>
    public string Vend(ulong decoderKey, string request, DateTime issuedUtc)
    {
        int tid = StsTokenIdentifier.FromTime(issuedUtc, TidBase);
        if (_lastTid.TryGetValue(decoderKey, out int last) && tid <= last)
        {
            tid = last + 1;
        }

        _lastTid[decoderKey] = tid;
        if (!TryParseKWh(request, out double kWh))
        {
            throw new ArgumentException($"'{request}' is not vend:<kWh>kWh", nameof(request));
        }

        int field = StsAmount.FromUnits((long)Math.Round(kWh * 10));
        var number = StsDecodedToken.Encode(tokenClass: 0, subclass: 0, rnd: _random.Next(16), tid, field, decoderKey);
        Vended++;
        return number.ToDigits();
    }
}
