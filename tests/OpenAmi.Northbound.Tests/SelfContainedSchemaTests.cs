using NJsonSchema;

namespace OpenAmi.Northbound.Tests;

/// <summary>
/// Each schema of docs/schema works alone, as a head-end integrator loads it from a string with no registry or base
/// path: no $ref leaves the file. Samples are the docs/northbound.md examples; the malformed ones break its rules
/// ("ts: UTC, YYYY-MM-DDTHH:MM:SSZ"; topic levels free of '/', '+', '#').
/// </summary>
public class SelfContainedSchemaTests
{
    private const string Ts = "2026-06-22T14:30:00Z";

    public static TheoryData<string, string, string?, string?> Samples => new()
    {
        {
            "telemetry-v0.1.schema.json",
            "{\"schemaVersion\":\"0.1\",\"ts\":\"TS\",\"feederId\":\"feeder-north-paravur-01\",\"gatewayId\":\"pole-ems-0042\",\"meterSerial\":\"DS1000-88421\",\"registers\":[{\"obis\":\"1.8.0\",\"value\":1842.5,\"unit\":\"kWh\",\"quality\":\"good\"}]}",
            "ts", "feederId"
        },
        {
            "command-v0.1.schema.json",
            "{\"id\":\"c-000123\",\"type\":\"disconnect\",\"params\":{\"reason\":\"arrears\"},\"issued\":\"TS\",\"expiry\":\"2026-06-22T14:35:00Z\",\"signature\":\"f586b18881a835b9d1d7ebc5ca1866591feb1d8e4c0ebe728536d07ba8bd6875\"}",
            "issued", null
        },
        {
            "event-v0.1.schema.json",
            "{\"schemaVersion\":\"0.1\",\"ts\":\"TS\",\"feederId\":\"f1\",\"gatewayId\":\"g1\",\"meterSerial\":\"M1\",\"type\":\"data_gap\",\"data\":{\"count\":2,\"firstSeq\":5,\"lastSeq\":6,\"unconfirmed\":0,\"stream\":\"telemetry\",\"meter\":\"M1\"}}",
            "ts", "gatewayId"
        },
        {
            "status-v0.1.schema.json",
            "{\"schemaVersion\":\"0.1\",\"feederId\":\"f1\",\"gatewayId\":\"g1\",\"state\":\"offline\"}",
            null, "feederId"
        },
    };

    private static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", file));

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task EachSchemaLoadsFromItsTextAloneAndJudgesTheExamples(string file, string sample, string? timeMember, string? levelMember)
    {
        string text = Text(file);
        Assert.DoesNotMatch("\"\\$ref\"\\s*:\\s*\"[^#]", text);
        JsonSchema schema = await JsonSchema.FromJsonAsync(text);
        string good = sample.Replace("TS", Ts, StringComparison.Ordinal);
        Assert.Empty(schema.Validate(good));
        if (timeMember != null)
        {
            Assert.NotEmpty(schema.Validate(good.Replace($"\"{timeMember}\":\"{Ts}\"", $"\"{timeMember}\":\"2026-06-22 14:30\"", StringComparison.Ordinal)));
        }

        if (levelMember != null)
        {
            string broken = System.Text.RegularExpressions.Regex.Replace(good, $"\"{levelMember}\":\"[^\"]*\"", $"\"{levelMember}\":\"a/b\"");
            Assert.NotEqual(good, broken);
            Assert.NotEmpty(schema.Validate(broken));
        }
    }
}
