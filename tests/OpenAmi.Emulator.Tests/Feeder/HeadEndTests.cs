using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Storage;
using JsonParser = OpenAmi.Json.JsonParser;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>The simulated head-end: its own RFC 8785 canonicalisation and HMAC, and acks coming back through the broker.</summary>
public class HeadEndTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    [Fact]
    public void Canonical_form_sorts_members_by_utf16_code_units_as_rfc8785_section_3_2_3_shows()
    {
        // RFC 8785 (JSON Canonicalization Scheme), section 3.2.3 "Sorting of Object Properties": input and expected
        // output, verbatim (all values are strings, the part of JCS commands use).
        var input = JsonNode.Parse("""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """);
        string expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

        Assert.Equal(expected, HeadEndSigner.Canonical(input));
    }

    [Fact]
    public void Strings_are_escaped_as_rfc8785_section_3_2_2_2_requires()
    {
        // RFC 8785 section 3.2.2.2: the "string" member of the section 3.2.2 example, input and output verbatim.
        var input = JsonNode.Parse("""{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"}""");
        Assert.Equal("{\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", HeadEndSigner.Canonical(input));
    }

    [Fact]
    public void The_head_end_signature_is_the_one_the_gateway_computes()
    {
        // Two implementations of docs/northbound.md "Commands": the head-end's (System.Text.Json + own JCS) and the
        // gateway's portable one over OpenAmi.Json. Members deliberately out of order, nested params.
        var topics = new Topics("feeder-demo-01", "pole-0001");
        string topic = topics.Command("clinic-12000004");
        var command = new JsonObject
        {
            ["type"] = "token",
            ["params"] = new JsonObject { ["token"] = "5649 9434 9124 1178 1021", ["retry"] = 2 },
            ["id"] = "c-000123",
            ["issued"] = "2026-06-22T14:30:00Z",
            ["expiry"] = "2026-06-22T14:35:00Z",
        };

        string ours = HeadEndSigner.Sign(Key, topic, command);
        string theirs = CommandSignature.Sign(new HostCommandKey(Key), topic, JsonParser.Parse(Encoding.UTF8.GetBytes(command.ToJsonString()), 0, Encoding.UTF8.GetByteCount(command.ToJsonString())));

        Assert.Equal(theirs, ours);
        Assert.Matches("^[0-9a-f]{64}$", ours);
    }

    [Fact]
    public void A_fractional_number_is_refused_rather_than_signed_in_a_form_the_gateway_may_not_share()
    {
        var command = new JsonObject { ["params"] = new JsonObject { ["x"] = 1.5 } };
        Assert.Throws<NotSupportedException>(() => HeadEndSigner.Sign(Key, "t", command));
    }

    [Fact]
    public void A_reconnect_is_acked_back_to_the_head_end_and_counted()
    {
        using var rig = new CommandRig();

        // pump-5 is on no board-switched line: Safety's routing refuses, and the head-end hears it.
        string id = rig.HeadEnd.SendReconnect("pump-5");
        rig.RunFor(2000);

        Assert.Equal(new[] { ("accepted", (string?)null), ("rejected", "no_switched_line") }, rig.Acks(id));
        Assert.Equal(("rejected", "no_switched_line"), rig.HeadEnd.LastAck(id));
        Assert.Equal(1, rig.HeadEnd.AcksByStatus["accepted"]);
        Assert.Equal(1, rig.HeadEnd.AcksByStatus["rejected"]);
        Assert.Equal(1, rig.HeadEnd.Sent);
    }

    [Fact]
    public void A_command_signed_with_another_key_is_refused()
    {
        using var rig = new CommandRig();
        string id = ForgedSend(rig);
        rig.RunFor(2000);

        Assert.Equal(new[] { ("rejected", (string?)"bad_signature") }, rig.Acks(id));
    }

    private static string ForgedSend(CommandRig rig)
    {
        string topic = rig.HeadEnd.CommandTopic("pump-5");
        var command = new JsonObject
        {
            ["id"] = "forged-1",
            ["type"] = "disconnect",
            ["params"] = new JsonObject(),
            ["issued"] = rig.Clock.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["expiry"] = rig.Clock.UtcNow.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        command["signature"] = HeadEndSigner.Sign(Encoding.ASCII.GetBytes("not the gateway's key"), topic, command);
        rig.Broker.Deliver(topic, Encoding.UTF8.GetBytes(command.ToJsonString()));
        return "forged-1";
    }
}
