using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.TestVectors;

namespace OpenAmi.Prepaid.Tests.OpenPayGo;

/// <summary>
/// The published OpenPAYGO Token test data of tests/vectors/OpenPaygoVectors.cs (source cited there, shared with the
/// board tests), as records for xunit theories: each device's tokens per (type, value) as standard, extended,
/// restricted, restricted+extended.
/// </summary>
public static class OpenPaygoPublishedTokens
{
    public sealed record Device(string Serial, uint StartingCode, string KeyHex, int Count);

    public sealed record Vector(Device Device, OpenPaygoTokenType Type, int? Value, bool Restricted, bool Extended, int NewCount, string Token);

    public static readonly Device Device1 = Of(OpenPaygoVectors.Device1);
    public static readonly Device Device2 = Of(OpenPaygoVectors.Device2);

    public static IEnumerable<Vector> All()
    {
        foreach (var row in OpenPaygoVectors.Rows)
        {
            var device = row.Device == OpenPaygoVectors.Device1 ? Device1 : Device2;
            int? value = row.Value == OpenPaygoVectors.NoValue ? null : row.Value;
            for (var i = 0; i < row.Tokens.Length; i++)
            {
                yield return new Vector(device, row.Type, value, OpenPaygoVectors.IsRestricted(i), OpenPaygoVectors.IsExtended(i), row.NewCount, row.Tokens[i]);
            }
        }
    }

    public static IEnumerable<object[]> Cases() => All().Select(v => new object[] { v });

    public static byte[] Key(Device device) => Convert.FromHexString(device.KeyHex);

    private static Device Of(OpenPaygoDevice device) => new(device.Serial, device.StartingCode, device.KeyHex, device.Count);
}
