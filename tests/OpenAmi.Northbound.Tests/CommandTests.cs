using System.Security.Cryptography;
using System.Text;
using OpenAmi.Json;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.Northbound.Tests;

public class CommandTests
{
    private static readonly Topics Topics = new("feeder-1", "gw-1");
    private static readonly DateTime Now = new(2026, 6, 22, 14, 30, 0);
    private static readonly byte[] KeyBytes = Encoding.ASCII.GetBytes("per-gateway-test-key-0123456789ab");

    private sealed class Rig
    {
        public MemoryFileStore Store { get; init; } = new();
        public TestClock Clock { get; } = new(Now);
        public TestKey Key { get; } = new(KeyBytes);
        public RecordingHandler Handler { get; } = new();
        public StubSupplyPolicy Supply { get; } = new();
        public CapturingSink Sink { get; } = new();

        public CommandProcessor Processor() => new(Topics, Key, Clock, new ReplayGuard(Store), Supply, Handler, Sink);

        public void Send(CommandProcessor processor, string meter, string json) =>
            processor.Handle(Topics.Command(meter), Encoding.UTF8.GetBytes(json), 0, Encoding.UTF8.GetByteCount(json));
    }

    private static JsonNode Command(string id, string type, DateTime issued, TimeSpan validity, JsonNode? parameters = null) =>
        JsonNode.NewObject().Set("id", id).Set("type", type).Set("params", parameters ?? JsonNode.NewObject())
            .Set("issued", IsoTime.Format(issued)).Set("expiry", IsoTime.Format(issued + validity));

    private static string Signed(JsonNode command, string meter, byte[]? key = null)
    {
        command.Set("signature", CommandSignature.Sign(new TestKey(key ?? KeyBytes), Topics.Command(meter), command));
        return command.ToJson();
    }

    private static List<(string Status, string? Reason)> Acks(Rig rig) =>
        rig.Sink.AckData.Select(d => (d.GetString("status"), d.Get("reason")?.AsString())).ToList();

    [Fact]
    public void A_count_a_handler_reports_is_carried_by_that_commands_final_ack_only()
    {
        // docs/northbound.md, command_ack: "count" only for types that report it (read-profile), also when rejected.
        var rig = new Rig();
        CommandProcessor processor = rig.Processor();
        rig.Handler.During = () => processor.ReportCount(5);
        rig.Send(processor, "M1", Signed(Command("c-1", "read-profile", Now, TimeSpan.FromMinutes(5)), "M1"));
        rig.Handler.Failure = "meter_failed: no_response";
        rig.Handler.During = () => processor.ReportCount(0);
        rig.Send(processor, "M1", Signed(Command("c-2", "read-profile", Now, TimeSpan.FromMinutes(5)), "M1"));
        rig.Handler.Failure = null;
        rig.Handler.During = null;
        rig.Send(processor, "M1", Signed(Command("c-3", "read-now", Now, TimeSpan.FromMinutes(5)), "M1"));

        Assert.Equal(new long?[] { null, 5, null, 0, null, null }, rig.Sink.AckData.Select(d => d.Get("count")?.AsLong()));
        Assert.Equal(new[] { "accepted", "done", "accepted", "rejected", "accepted", "done" }, Acks(rig).Select(a => a.Status));
    }

    [Fact]
    public void Canonical_form_matches_rfc8785_section_3_2_2()
    {
        // RFC 8785 (JSON Canonicalization Scheme) section 3.2.2 input and section 3.2.3 output, verbatim.
        string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        JsonWriter writer = new();
        CanonicalJson.Write(writer, JsonParser.Parse(input), null);
        Assert.Equal(expected, writer.ToString());
    }

    [Fact]
    public void Canonicalising_a_hundred_thousand_members_in_reverse_order_is_not_quadratic()
    {
        // Issue 18 D7: an insertion sort needs ~5·10^9 steps for this (tens of seconds); a merge sort ~2·10^6.
        // The expected text is built independently, from names already in ascending order.
        const int members = 100_000;
        StringBuilder descending = new("{");
        for (int i = members - 1; i >= 0; i--)
        {
            descending.Append("\"m").Append(i.ToString("D6")).Append("\":").Append(i).Append(i == 0 ? "}" : ",");
        }

        JsonNode node = JsonParser.Parse(descending.ToString(), new JsonLimits(2, descending.Length));

        StringBuilder expected = new("{");
        for (int i = 0; i < members; i++)
        {
            expected.Append(i == 0 ? "" : ",").Append("\"m").Append(i.ToString("D6")).Append("\":").Append(i);
        }

        expected.Append('}');
        JsonWriter writer = new();
        System.Diagnostics.Stopwatch watch = System.Diagnostics.Stopwatch.StartNew();
        CanonicalJson.Write(writer, node, null);
        watch.Stop();
        Assert.Equal(expected.ToString(), writer.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "canonicalisation took " + watch.Elapsed);
    }

    [Fact]
    public void Signature_is_hmac_sha256_over_the_documented_bytes()
    {
        // The expected MAC is computed here with System.Security.Cryptography over a hand-written canonical text.
        JsonNode command = Command("c-1", "disconnect", Now, TimeSpan.FromMinutes(5));
        string text = "OPENAMI-CMD-1\nopenami/v1/feeder-1/gw-1/meter/M1/command\n"
            + "{\"expiry\":\"2026-06-22T14:35:00Z\",\"id\":\"c-1\",\"issued\":\"2026-06-22T14:30:00Z\",\"params\":{},\"type\":\"disconnect\"}";
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(KeyBytes, Encoding.UTF8.GetBytes(text)));
        Assert.Equal(expected, CommandSignature.Sign(new TestKey(KeyBytes), Topics.Command("M1"), command));
    }

    [Fact]
    public void A_valid_command_is_accepted_run_once_and_done()
    {
        Rig rig = new();
        string json = Signed(Command("c-1", "disconnect", Now, TimeSpan.FromMinutes(5), JsonNode.NewObject().Set("reason", "arrears")), "M1");
        Schemas.AssertValid(Schemas.Command, json);

        rig.Send(rig.Processor(), "M1", json);

        Assert.Equal([("M1", "disconnect", "{\"reason\":\"arrears\"}")], rig.Handler.Calls);
        Assert.Equal([("accepted", null), ("done", null)], Acks(rig));
        Assert.All(rig.Sink.Emitted, e => Assert.Equal(Topics.Event("M1"), e.Topic));
        Assert.All(rig.Sink.Emitted, e => Schemas.AssertValid(Schemas.Event, e.Payload));
        Assert.Equal("c-1", rig.Sink.AckData[0].GetString("commandId"));
    }

    [Fact]
    public void Member_order_and_number_spelling_do_not_change_the_signature()
    {
        Rig rig = new();
        JsonNode command = Command("c-2", "set-interval", Now, TimeSpan.FromMinutes(5), JsonNode.NewObject().Set("seconds", 900));
        string signature = CommandSignature.Sign(rig.Key, Topics.Command("M1"), command);
        string reordered = "{\"signature\":\"" + signature + "\",\"type\":\"set-interval\",\"params\":{\"seconds\":9.00e2},"
            + "\"issued\":\"2026-06-22T14:30:00Z\",\"id\":\"c-2\",\"expiry\":\"2026-06-22T14:35:00Z\"}";
        rig.Send(rig.Processor(), "M1", reordered);
        Assert.Equal([("accepted", null), ("done", null)], Acks(rig));
    }

    public static TheoryData<string, string> Rejections => new()
    {
        { "forged: signed with another key", "bad_signature" },
        { "forged: params changed after signing", "bad_signature" },
        { "forged: moved to another meter's topic", "bad_signature" },
        { "expired", "expired" },
        { "issued in the future", "not_yet_valid" },
        { "unknown type", "unknown_type" },
        { "not json", "malformed" },
        { "no signature", "malformed" },
        { "validity over 24 h", "malformed" },
        { "bad id", "malformed" },
        { "duplicate member", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Bad_commands_are_rejected_with_an_event_and_change_nothing(string @case, string reason)
    {
        Rig rig = new();
        string json = @case switch
        {
            "forged: signed with another key" => Signed(Command("c", "reboot", Now, TimeSpan.FromMinutes(5)), "M1", Encoding.ASCII.GetBytes("attacker")),
            "forged: params changed after signing" => Signed(Command("c", "disconnect", Now, TimeSpan.FromMinutes(5)), "M1").Replace("\"params\":{}", "\"params\":{\"x\":1}"),
            "forged: moved to another meter's topic" => Signed(Command("c", "disconnect", Now, TimeSpan.FromMinutes(5)), "M2"),
            "expired" => Signed(Command("c", "disconnect", Now - TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)), "M1"),
            "issued in the future" => Signed(Command("c", "disconnect", Now + TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5)), "M1"),
            "unknown type" => Signed(Command("c", "self-destruct", Now, TimeSpan.FromMinutes(5)), "M1"),
            "not json" => "{\"id\":\"c\",",
            "no signature" => Command("c", "disconnect", Now, TimeSpan.FromMinutes(5)).ToJson(),
            "validity over 24 h" => Signed(Command("c", "disconnect", Now, TimeSpan.FromHours(25)), "M1"),
            "bad id" => Signed(Command("c 1/#", "disconnect", Now, TimeSpan.FromMinutes(5)), "M1"),
            "duplicate member" => Signed(Command("c", "disconnect", Now, TimeSpan.FromMinutes(5)), "M1").Replace("{\"id\":\"c\"", "{\"id\":\"c\",\"id\":\"d\""),
            _ => throw new ArgumentException(@case),
        };

        rig.Send(rig.Processor(), "M1", json);

        Assert.Empty(rig.Handler.Calls);
        Assert.Empty(rig.Supply.Requests);
        Assert.Equal([("rejected", reason)], Acks(rig));
        Schemas.AssertValid(Schemas.Event, rig.Sink.Emitted[0].Payload);

        // Nothing was remembered: the same id, properly signed and fresh, is still accepted.
        rig.Sink.Emitted.Clear();
        rig.Send(rig.Processor(), "M1", Signed(Command("c", "disconnect", Now, TimeSpan.FromMinutes(5)), "M1"));
        Assert.Equal([("accepted", null), ("done", null)], Acks(rig));
    }

    [Fact]
    public void A_replay_is_rejected_even_after_a_reboot()
    {
        Rig rig = new();
        string json = Signed(Command("c-9", "disconnect", Now, TimeSpan.FromMinutes(5)), "M1");
        rig.Send(rig.Processor(), "M1", json);
        rig.Send(rig.Processor(), "M1", json); // a fresh processor over the same store = after a reboot
        Assert.Single(rig.Handler.Calls);
        Assert.Equal([("accepted", null), ("done", null), ("rejected", "replayed")], Acks(rig));
    }

    [Fact]
    public void Forgotten_ids_stay_blocked_by_the_issued_floor()
    {
        Rig rig = new();
        string first = Signed(Command("c-0", "read-now", Now - TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), "M1");
        rig.Send(rig.Processor(), "M1", first);
        CommandProcessor processor = rig.Processor();
        for (int i = 1; i <= ReplayGuard.Capacity; i++)
        {
            rig.Send(processor, "M1", Signed(Command("c-" + i, "read-now", Now + TimeSpan.FromSeconds(i), TimeSpan.FromMinutes(5)), "M1"));
        }

        rig.Sink.Emitted.Clear();
        rig.Send(rig.Processor(), "M1", first);
        Assert.Equal([("rejected", "replayed")], Acks(rig));
    }

    [Fact]
    public void Reconnect_asks_the_safety_policy_and_a_lockout_wins()
    {
        Rig rig = new();
        rig.Supply.LockedOut = true;
        rig.Send(rig.Processor(), "M1", Signed(Command("r-1", "reconnect", Now, TimeSpan.FromMinutes(5)), "M1"));

        Assert.Equal(["M1"], rig.Supply.Requests);
        Assert.Empty(rig.Handler.Calls); // reconnect never reaches the generic handler
        Assert.Equal([("accepted", null), ("rejected", "rcm_lockout")], Acks(rig));

        rig.Supply.LockedOut = false;
        rig.Send(rig.Processor(), "M1", Signed(Command("r-2", "reconnect", Now, TimeSpan.FromMinutes(5)), "M1"));
        Assert.Equal(("done", (string?)null), Acks(rig)[^1]);
        Assert.Empty(rig.Handler.Calls);
    }

    [Fact]
    public void Without_a_set_clock_only_clock_sync_passes()
    {
        Rig rig = new();
        rig.Clock.IsSynchronized = false;
        CommandProcessor processor = rig.Processor();
        rig.Send(processor, "M1", Signed(Command("d-1", "disconnect", Now, TimeSpan.FromMinutes(5)), "M1"));
        rig.Send(processor, "M1", Signed(Command("s-1", "clock-sync", Now, TimeSpan.FromMinutes(5), JsonNode.NewObject().Set("utc", "2026-06-22T14:30:00Z")), "M1"));

        Assert.Equal([("rejected", "clock_unsynchronized"), ("accepted", null), ("done", null)], Acks(rig));
        Assert.Equal("clock-sync", Assert.Single(rig.Handler.Calls).Type);
    }

    [Fact]
    public void A_handler_failure_is_reported_as_rejected_with_its_reason()
    {
        Rig rig = new();
        rig.Handler.Failure = "meter_unreachable";
        rig.Send(rig.Processor(), "M1", Signed(Command("c-5", "read-now", Now, TimeSpan.FromMinutes(5)), "M1"));
        Assert.Equal([("accepted", null), ("rejected", "meter_unreachable")], Acks(rig));
    }

    [Fact]
    public void Garbage_on_a_foreign_topic_is_rejected_on_the_gateway_event_topic()
    {
        Rig rig = new();
        rig.Processor().Handle("openami/v1/feeder-1/gw-2/meter/M1/command", [0xFF, 0x00], 0, 2);
        Assert.Equal(Topics.GatewayEvent, Assert.Single(rig.Sink.Emitted).Topic);
        Assert.Equal([("rejected", "wrong_target")], Acks(rig));
        Schemas.AssertValid(Schemas.Event, rig.Sink.Emitted[0].Payload);
    }
}
