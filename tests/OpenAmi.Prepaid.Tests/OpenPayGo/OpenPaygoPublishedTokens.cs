using OpenAmi.Prepaid.OpenPayGo;

namespace OpenAmi.Prepaid.Tests.OpenPayGo;

/// <summary>
/// The published OpenPAYGO Token test data: EnAccess/OpenPAYGO-python, test/test_tokens.jsonl (commit
/// b6c9ef55dbeac8a92c2d2c9785d1c8a69926fd32), https://github.com/EnAccess/OpenPAYGO-python/blob/main/test/test_tokens.jsonl.
/// Each device's tokens are listed per (type, value) as standard, extended, restricted, restricted+extended.
/// </summary>
public static class OpenPaygoPublishedTokens
{
    public sealed record Device(string Serial, uint StartingCode, string KeyHex, int Count);

    public sealed record Vector(Device Device, OpenPaygoTokenType Type, int? Value, bool Restricted, bool Extended, int NewCount, string Token);

    public static readonly Device Device1 = new("TEST220000001", 516959010, "bc41ec9530f6dac86b1a29ab82edc5fb", 1);
    public static readonly Device Device2 = new("TEST240000002", 432435255, "dac86b1a29ab82edc5fbbc41ec9530f6", 10);

    private static readonly (Device Device, OpenPaygoTokenType Type, int? Value, int NewCount, string[] Tokens)[] Rows =
    [
        (Device1, OpenPaygoTokenType.AddTime, 1, 2, ["588224011", "247264959011", "314114432231134", "14323213131442331314"]),
        (Device1, OpenPaygoTokenType.AddTime, 2, 2, ["639704012", "088026959012", "323131212344141", "12212443421141413321"]),
        (Device1, OpenPaygoTokenType.AddTime, 5, 2, ["177073015", "507849959015", "133314243342424", "24231443142423232324"]),
        (Device1, OpenPaygoTokenType.AddTime, 995, 2, ["944829005", "202207960005", "431221144132142", "13441221313132344122"]),
        (Device1, OpenPaygoTokenType.SetTime, 1, 3, ["380589011", "660362959011", "223334422144214", "32324111341412313314"]),
        (Device1, OpenPaygoTokenType.SetTime, 2, 3, ["618165012", "250408959012", "321423124141221", "14332142313224411321"]),
        (Device1, OpenPaygoTokenType.SetTime, 5, 3, ["691966015", "925720959015", "332144332111444", "42243132212142311324"]),
        (Device1, OpenPaygoTokenType.SetTime, 995, 3, ["586420005", "765385960005", "313442111441322", "34131421314343332122"]),
        (Device1, OpenPaygoTokenType.DisablePayg, null, 3, ["190942008", "696672960008", "134231231341431", "33131421441234431131"]),
        (Device1, OpenPaygoTokenType.CounterSync, null, 3, ["160440009", "673729960009", "132321112434132", "32414242234422312132"]),
        (Device2, OpenPaygoTokenType.AddTime, 1, 12, ["579194256", "190546435256", "313312241423211", "13412242241442413431"]),
        (Device2, OpenPaygoTokenType.AddTime, 2, 12, ["134447257", "504100435257", "131111431113232", "24222243343314221432"]),
        (Device2, OpenPaygoTokenType.AddTime, 5, 12, ["589568260", "406910435260", "314132112321121", "22433442411124443441"]),
        (Device2, OpenPaygoTokenType.AddTime, 995, 12, ["379163250", "750811436250", "223323232132413", "33434144423222214233"]),
        (Device2, OpenPaygoTokenType.SetTime, 1, 11, ["241554256", "507297435256", "143232242142211", "24231242213131432431"]),
        (Device2, OpenPaygoTokenType.SetTime, 2, 11, ["628716257", "358184435257", "322243224134312", "22142322242134431432"]),
        (Device2, OpenPaygoTokenType.SetTime, 5, 11, ["519034260", "683979435260", "243434442223221", "32442111223243414441"]),
        (Device2, OpenPaygoTokenType.SetTime, 995, 11, ["664193250", "131362436250", "324322341314313", "12433222414434213233"]),
        (Device2, OpenPaygoTokenType.DisablePayg, null, 11, ["418174253", "523765436253", "231434142221342", "24324413423321442242"]),
        (Device2, OpenPaygoTokenType.CounterSync, null, 11, ["648453254", "059963436254", "323332332413123", "11424423123223414243"]),
    ];

    public static IEnumerable<Vector> All()
    {
        foreach (var row in Rows)
        {
            yield return new Vector(row.Device, row.Type, row.Value, false, false, row.NewCount, row.Tokens[0]);
            yield return new Vector(row.Device, row.Type, row.Value, false, true, row.NewCount, row.Tokens[1]);
            yield return new Vector(row.Device, row.Type, row.Value, true, false, row.NewCount, row.Tokens[2]);
            yield return new Vector(row.Device, row.Type, row.Value, true, true, row.NewCount, row.Tokens[3]);
        }
    }

    public static IEnumerable<object[]> Cases() => All().Select(v => new object[] { v });

    public static byte[] Key(Device device) => Convert.FromHexString(device.KeyHex);
}
