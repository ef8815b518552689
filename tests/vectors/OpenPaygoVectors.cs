using OpenAmi.Prepaid.OpenPayGo;

namespace OpenAmi.TestVectors
{
    /// <summary>One device of the published OpenPAYGO Token test data: serial, starting code, key and last count.</summary>
    public sealed class OpenPaygoDevice
    {
        public OpenPaygoDevice(string serial, uint startingCode, string keyHex, int count)
        {
            Serial = serial;
            StartingCode = startingCode;
            KeyHex = keyHex;
            Count = count;
        }

        public string Serial { get; }

        public uint StartingCode { get; }

        public string KeyHex { get; }

        /// <summary>The last count the device had recorded when the tokens were issued.</summary>
        public int Count { get; }
    }

    /// <summary>
    /// One (type, value) row of the published data with its four tokens: standard, extended, restricted,
    /// restricted + extended (<see cref="OpenPaygoVectors.IsExtended"/>, <see cref="OpenPaygoVectors.IsRestricted"/>).
    /// </summary>
    public sealed class OpenPaygoTokenRow
    {
        public OpenPaygoTokenRow(OpenPaygoDevice device, OpenPaygoTokenType type, int value, int newCount, string[] tokens)
        {
            Device = device;
            Type = type;
            Value = value;
            NewCount = newCount;
            Tokens = tokens;
        }

        public OpenPaygoDevice Device { get; }

        public OpenPaygoTokenType Type { get; }

        /// <summary>The activation value, or <see cref="OpenPaygoVectors.NoValue"/> for Disable PAYG and Counter Sync.</summary>
        public int Value { get; }

        public int NewCount { get; }

        public string[] Tokens { get; }
    }

    /// <summary>
    /// The published OpenPAYGO Token test data: EnAccess/OpenPAYGO-python, test/test_tokens.jsonl (commit
    /// b6c9ef55dbeac8a92c2d2c9785d1c8a69926fd32), https://github.com/EnAccess/OpenPAYGO-python/blob/main/test/test_tokens.jsonl.
    /// </summary>
    public static class OpenPaygoVectors
    {
        public const int NoValue = -1;

        public static readonly OpenPaygoDevice Device1 = new OpenPaygoDevice("TEST220000001", 516959010, "bc41ec9530f6dac86b1a29ab82edc5fb", 1);
        public static readonly OpenPaygoDevice Device2 = new OpenPaygoDevice("TEST240000002", 432435255, "dac86b1a29ab82edc5fbbc41ec9530f6", 10);

        public static readonly OpenPaygoTokenRow[] Rows =
        {
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.AddTime, 1, 2, new[] { "588224011", "247264959011", "314114432231134", "14323213131442331314" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.AddTime, 2, 2, new[] { "639704012", "088026959012", "323131212344141", "12212443421141413321" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.AddTime, 5, 2, new[] { "177073015", "507849959015", "133314243342424", "24231443142423232324" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.AddTime, 995, 2, new[] { "944829005", "202207960005", "431221144132142", "13441221313132344122" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.SetTime, 1, 3, new[] { "380589011", "660362959011", "223334422144214", "32324111341412313314" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.SetTime, 2, 3, new[] { "618165012", "250408959012", "321423124141221", "14332142313224411321" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.SetTime, 5, 3, new[] { "691966015", "925720959015", "332144332111444", "42243132212142311324" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.SetTime, 995, 3, new[] { "586420005", "765385960005", "313442111441322", "34131421314343332122" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.DisablePayg, NoValue, 3, new[] { "190942008", "696672960008", "134231231341431", "33131421441234431131" }),
            new OpenPaygoTokenRow(Device1, OpenPaygoTokenType.CounterSync, NoValue, 3, new[] { "160440009", "673729960009", "132321112434132", "32414242234422312132" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.AddTime, 1, 12, new[] { "579194256", "190546435256", "313312241423211", "13412242241442413431" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.AddTime, 2, 12, new[] { "134447257", "504100435257", "131111431113232", "24222243343314221432" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.AddTime, 5, 12, new[] { "589568260", "406910435260", "314132112321121", "22433442411124443441" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.AddTime, 995, 12, new[] { "379163250", "750811436250", "223323232132413", "33434144423222214233" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.SetTime, 1, 11, new[] { "241554256", "507297435256", "143232242142211", "24231242213131432431" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.SetTime, 2, 11, new[] { "628716257", "358184435257", "322243224134312", "22142322242134431432" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.SetTime, 5, 11, new[] { "519034260", "683979435260", "243434442223221", "32442111223243414441" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.SetTime, 995, 11, new[] { "664193250", "131362436250", "324322341314313", "12433222414434213233" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.DisablePayg, NoValue, 11, new[] { "418174253", "523765436253", "231434142221342", "24324413423321442242" }),
            new OpenPaygoTokenRow(Device2, OpenPaygoTokenType.CounterSync, NoValue, 11, new[] { "648453254", "059963436254", "323332332413123", "11424423123223414243" }),
        };

        /// <summary>Whether token <paramref name="index"/> of a row is in the restricted digit set.</summary>
        public static bool IsRestricted(int index) => (index & 2) != 0;

        /// <summary>Whether token <paramref name="index"/> of a row is an extended (32-bit) token.</summary>
        public static bool IsExtended(int index) => (index & 1) != 0;
    }
}
