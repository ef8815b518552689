using OpenAmi.Emulator.OpenPayGo;
using OpenAmi.Prepaid.OpenPayGo;

namespace OpenAmi.Cli.Bench;

/// <summary>
/// OpenPAYGO decode cost. The decoder walks the code chain from count 0 (the spec's algorithm), so cost grows
/// with the device's last count: reported in SipHash-2-4 calls (exact, device-independent) and host time.
/// The official test procedure allows 5 s per token on the device.
/// </summary>
public static class PrepaidBench
{
    // Published test device 1 (EnAccess/OpenPAYGO-python test/test_tokens.jsonl).
    private static readonly byte[] Key = Convert.FromHexString("bc41ec9530f6dac86b1a29ab82edc5fb");
    private const uint StartingCode = 516959010;

    public static BenchReport Run()
    {
        var rows = new List<BenchRow>();
        var chain = new OpenPaygoCodeChain(Key);
        uint code = StartingCode;
        var hash = Measure.Run(() => code = chain.NextStandard(code), 200_000);
        rows.Add(new BenchRow("prepaid", "siphash-2-4 + fold, one chain step", hash.NanosecondsPerOp, "ns", $"host; {hash.BytesPerOp:G3} B/op"));

        foreach (var lastCount in new[] { 0, 1000, 60000 })
        {
            var decoder = new OpenPaygoDecoder(Key, StartingCode, OpenPaygoWindows.Default);
            var generator = new OpenPaygoGenerator(Key, StartingCode);
            var valid = generator.Generate(OpenPaygoTokenType.AddTime, 7, lastCount, false, false, out _);
            var state = OpenPaygoCountState.Fresh(lastCount);
            var conditions = $"last count {lastCount}";

            var validResult = decoder.Decode(valid, false, false, state);
            var invalidResult = decoder.Decode("123456789", false, false, state);
            var iterations = Math.Max(10, 2_000_000 / (lastCount + 70));
            var validTime = Measure.Run(() => decoder.Decode(valid, false, false, state), iterations, warmup: 3);
            var invalidTime = Measure.Run(() => decoder.Decode("123456789", false, false, state), iterations, warmup: 3);

            rows.Add(new BenchRow("prepaid", "openpaygo decode, next valid token: siphash calls", validResult.HashCalls, "calls", conditions));
            rows.Add(new BenchRow("prepaid", "openpaygo decode, next valid token: host time", validTime.NanosecondsPerOp / 1e6, "ms", $"{conditions}; {validTime.BytesPerOp:G3} B/token"));
            rows.Add(new BenchRow("prepaid", "openpaygo decode, invalid token (full window): siphash calls", invalidResult.HashCalls, "calls", conditions));
            rows.Add(new BenchRow("prepaid", "openpaygo decode, invalid token (full window): host time", invalidTime.NanosecondsPerOp / 1e6, "ms", $"{conditions}; {invalidTime.BytesPerOp:G3} B/token"));
        }

        return new BenchReport("prepaid", rows);
    }
}
