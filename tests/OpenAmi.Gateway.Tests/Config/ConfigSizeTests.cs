using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Gateway.Tests.Config;

/// <summary>Issue 18 D8/D9: the cost of a configuration's errors and the sizes a pole needs.</summary>
public class ConfigSizeTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string[] Errors(string json) =>
        ConfigReader.Load(json, ConfigSamples.Profiles).Errors.Cast<ConfigError>().Select(e => e.ToString()).ToArray();

    [Fact]
    public void Copies_of_one_bus_are_each_reported_once_not_once_per_earlier_copy()
    {
        // The reproducer: 271 copies of one bus gave 36,855 errors (n² / 2 port errors).
        const int copies = 271;
        string json = ConfigSamples.With(root =>
        {
            var buses = new JsonArray();
            for (int i = 0; i < copies; i++)
            {
                buses.Add(new JsonObject { ["id"] = "rs485", ["kind"] = "rs485", ["port"] = "COM2", ["baud"] = 9600 });
            }

            buses.Add(new JsonObject { ["id"] = "optical", ["kind"] = "optical", ["port"] = "COM2" });
            root["buses"] = buses;
        });

        string[] errors = Errors(json);

        Assert.Equal(2 * (copies - 1), errors.Length);
        for (int i = 1; i < copies; i++)
        {
            Assert.Contains($"$.buses[{i}].id: bus id 'rs485' is already used by item 0", errors);
            Assert.Contains($"$.buses[{i}].port: port 'COM2' already carries a bus of this kind: $.buses[0]", errors);
        }
    }

    [Fact]
    public void Copies_of_one_meter_report_each_repeated_id_address_account_and_line_once()
    {
        const int copies = 60;
        string json = ConfigSamples.With(root =>
        {
            var meters = new JsonArray();
            for (int i = 0; i < copies; i++)
            {
                meters.Add(new JsonObject
                {
                    ["id"] = "shop", ["bus"] = "rs485", ["protocol"] = "dlms", ["address"] = 18, ["profile"] = "vendor-b",
                    ["prepaid"] = "sts", ["account"] = "12", ["line"] = "L1",
                });
            }

            root["meters"] = meters;
        });

        string[] errors = Errors(json);

        Assert.Equal(4 * (copies - 1), errors.Length);
        Assert.Equal(copies - 1, errors.Count(e => e.EndsWith("address 18 is already used on bus 'rs485' by $.meters[0]")));
        Assert.Equal(copies - 1, errors.Count(e => e.EndsWith("account '12' is already used by $.meters[0]")));
        Assert.Equal(copies - 1, errors.Count(e => e.EndsWith("line 'L1' is already measured by $.meters[0]")));
    }

    /// <summary>The sample feeder grown to <paramref name="meters"/> DLMS meters, written one member per line.</summary>
    private static string Pole(int meters)
    {
        return JsonNode.Parse(ConfigSamples.With(root =>
        {
            var list = new JsonArray();
            for (int i = 0; i < meters; i++)
            {
                list.Add(new JsonObject
                {
                    ["id"] = $"customer-{i:D3}", ["bus"] = "rs485", ["protocol"] = "dlms", ["address"] = 16 + i,
                    ["profile"] = "vendor-b", ["role"] = i == 0 ? "feeder_head" : "customer", ["prepaid"] = "sts",
                    ["account"] = (100000 + i).ToString(), ["breakerA"] = 40,
                });
            }

            root["meters"] = list;
        }))!.ToJsonString(Indented);
    }

    [Fact]
    public void A_hundred_meter_pole_is_accepted()
    {
        string json = Pole(100);
        Assert.True(Encoding.UTF8.GetByteCount(json) > 16 * 1024, "the pole must exceed the old 16 KiB parse limit");

        var result = ConfigReader.Load(json, ConfigSamples.Profiles);

        Assert.Empty(result.Errors.Cast<ConfigError>().Select(e => e.ToString()));
        Assert.Equal(100, result.Config!.Meters.Length);
        Assert.Equal(115, result.Config.Meters[99].Address);
    }

    [Fact]
    public void A_configuration_one_byte_over_the_limit_is_refused_by_size_not_as_invalid_json()
    {
        string pole = Pole(100);
        int padding = ConfigReader.MaxBytes - Encoding.UTF8.GetByteCount(pole);
        Assert.True(padding > 0);

        // Trailing whitespace is valid JSON: at the limit the pole still loads, one byte more and it is refused.
        Assert.True(ConfigReader.Load(pole + new string(' ', padding), ConfigSamples.Profiles).IsValid);
        Assert.Equal(
            new[] { $"$: the configuration is {ConfigReader.MaxBytes + 1} bytes; at most {ConfigReader.MaxBytes} are read" },
            Errors(pole + new string(' ', padding + 1)));
    }
}
