using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Installer.Tests.Support;

namespace OpenAmi.Installer.Tests;

/// <summary>
/// Configuration upload through the installer API: checked by the gateway's own validator, applied only when valid,
/// the replaced one kept for rollback. Samples: the Gateway tests' valid feeder and single-member edits of it; the
/// expected `path: reason` texts are the validator's own messages (docs/gateway.md).
/// </summary>
public class ConfigUploadTests
{
    private static readonly string Previous = ConfigSamples.With(root => root["gatewayId"] = "pole-ems-0041");

    private static ApiHarness WithInstalledConfig()
    {
        var h = new ApiHarness();
        h.Store.Files[ApiHarness.ConfigFile] = Encoding.UTF8.GetBytes(Previous);
        return h;
    }

    [Fact]
    public void A_valid_configuration_is_written_and_the_previous_one_kept()
    {
        var h = WithInstalledConfig();

        var response = h.Post("/api/config", ConfigSamples.Valid);

        Assert.Equal(200, response.Status);
        Assert.Equal("{\"applied\":true,\"restartRequired\":true,\"previousKept\":true}", response.BodyText);
        Assert.Equal(ConfigSamples.Valid, Encoding.UTF8.GetString(h.Store.Files[ApiHarness.ConfigFile]));
        Assert.Equal(Previous, Encoding.UTF8.GetString(h.Store.Files[ApiHarness.ConfigFile + ".previous"]));
    }

    [Fact]
    public void Rollback_swaps_back_to_the_previous_configuration()
    {
        var h = WithInstalledConfig();
        h.Post("/api/config", ConfigSamples.Valid);

        Assert.Equal(200, h.Post("/api/config/rollback").Status);

        Assert.Equal(Previous, Encoding.UTF8.GetString(h.Store.Files[ApiHarness.ConfigFile]));
        Assert.Equal(ConfigSamples.Valid, Encoding.UTF8.GetString(h.Store.Files[ApiHarness.ConfigFile + ".previous"]));
    }

    [Fact]
    public void Rollback_without_a_previous_configuration_is_refused()
    {
        var h = new ApiHarness();
        var response = h.Post("/api/config/rollback");
        Assert.Equal(409, response.Status);
        Assert.Equal("no_previous", (string)JsonNode.Parse(response.BodyText)!["error"]!);
    }

    [Fact]
    public void An_invalid_configuration_answers_path_reason_errors_and_changes_nothing()
    {
        var h = WithInstalledConfig();
        string bad = ConfigSamples.With(root =>
        {
            root["meters"]![0]!["bus"] = "rs232";
            root["safety"]!["channels"]![0]!["adcChannel"] = 3;
        });
        var before = h.Store.Files.ToDictionary(f => f.Key, f => f.Value.ToArray());

        var response = h.Post("/api/config", bad);

        Assert.Equal(422, response.Status);
        var body = JsonNode.Parse(response.BodyText)!;
        Assert.Equal("invalid_config", (string)body["error"]!);
        var errors = body["errors"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Contains("$.meters[0].bus: no bus 'rs232' in $.buses", errors);
        Assert.Contains("$.safety.channels[1].adcChannel: ADC channel 3 already senses $.safety.channels[0]", errors);
        Assert.Equal(before.Keys.OrderBy(k => k), h.Store.Files.Keys.OrderBy(k => k));
        foreach (var file in before)
        {
            Assert.Equal(file.Value, h.Store.Files[file.Key]);
        }
    }

    [Fact]
    public void Text_that_is_not_json_is_an_error_at_the_root()
    {
        var h = WithInstalledConfig();
        var response = h.Post("/api/config", "{\"feederId\": ");
        Assert.Equal(422, response.Status);
        Assert.StartsWith("$: not valid JSON", (string)JsonNode.Parse(response.BodyText)!["errors"]![0]!);
        Assert.Equal(Previous, Encoding.UTF8.GetString(h.Store.Files[ApiHarness.ConfigFile]));
    }

    [Fact]
    public void No_answer_carries_a_key_or_the_password()
    {
        var h = WithInstalledConfig();
        string bad = ConfigSamples.With(root => root["northbound"]!["commandKeyHex"] = "00112233445566778899aabbccddeeff0011223344556677889900");
        var answers = new[]
        {
            h.Post("/api/config", ConfigSamples.Valid), h.Post("/api/config", bad), h.Get("/api/status"),
            h.Get("/api/meters"), h.Get("/api/lines"), h.Get("/api/events"), h.Get("/api/status", password: "wrong-password"),
        };

        foreach (var answer in answers)
        {
            Assert.DoesNotContain(ConfigSamples.CommandKey, answer.BodyText);
            Assert.DoesNotContain("00112233445566778899aabbccddeeff", answer.BodyText);
            Assert.DoesNotContain("bc41ec9530f6dac86b1a29ab82edc5fb", answer.BodyText);
            Assert.DoesNotContain(ApiHarness.Password, answer.BodyText);
        }
    }
}
