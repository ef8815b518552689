using System.Text;
using OpenAmi.Json;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Storage.Records;

namespace OpenAmi.Northbound.Tests;

/// <summary>
/// Issue 18, D3/D4: what unauthenticated input may cost. Each rejection ack is an outbox record on flash, so its
/// size must not follow the sender's topic or payload, and their number per minute is capped (10 per budget,
/// docs/northbound.md). Commands are signed as docs/northbound.md specifies (HMAC-SHA256 over the topic and the
/// RFC 8785 form), here by the library's own signer, whose bytes CommandTests checks against an independent HMAC.
/// </summary>
public class CommandResourceTests
{
    private static readonly Topics Topics = new("feeder-1", "gw-1");
    private static readonly DateTime Now = new(2026, 6, 22, 14, 30, 0);
    private static readonly byte[] KeyBytes = Encoding.ASCII.GetBytes("per-gateway-test-key-0123456789ab");

    private readonly TestClock _clock = new(Now);
    private readonly RecordingHandler _handler = new();
    private readonly CapturingSink _sink = new();
    private readonly MemoryFileStore _store = new();
    private readonly CommandProcessor _processor;

    public CommandResourceTests()
    {
        _processor = new CommandProcessor(Topics, new TestKey(KeyBytes), _clock, new ReplayGuard(_store), new StubSupplyPolicy(), _handler, _sink);
    }

    private static string Signed(string id, string meter)
    {
        JsonNode command = JsonNode.NewObject().Set("id", id).Set("type", "disconnect").Set("params", JsonNode.NewObject())
            .Set("issued", IsoTime.Format(Now)).Set("expiry", IsoTime.Format(Now.AddMinutes(5)));
        command.Set("signature", CommandSignature.Sign(new TestKey(KeyBytes), Topics.Command(meter), command));
        return command.ToJson();
    }

    private void Send(string topic, string json, bool busy = false)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        if (busy)
        {
            _processor.RefuseBusy(topic, bytes, 0, bytes.Length);
        }
        else
        {
            _processor.Handle(topic, bytes, 0, bytes.Length);
        }
    }

    [Fact]
    public void A_30000_character_topic_level_gets_a_small_ack_on_the_gateway_topic()
    {
        string topic = Topics.Root + "/meter/" + new string('A', 30_000) + "/command";

        Send(topic, "x");

        var (ackTopic, payload) = Assert.Single(_sink.Emitted);
        Assert.Equal(Topics.GatewayEvent, ackTopic);
        Assert.True(Encoding.UTF8.GetByteCount(payload) < 300, payload);
        Assert.Equal("wrong_target", _sink.AckData[0].GetString("reason"));
    }

    [Theory]
    [InlineData("M 1")]
    [InlineData("M\u00e91")]
    [InlineData("M\u00001")]
    public void A_level_outside_the_identifier_set_names_no_meter(string level)
    {
        Assert.Null(Topics.MeterOfCommandTopic(Topics.Root + "/meter/" + level + "/command"));
        Assert.Equal("M-1.a_b", Topics.MeterOfCommandTopic(Topics.Command("M-1.a_b")));
    }

    [Fact]
    public void A_forged_command_echoes_no_type_of_its_own()
    {
        string json = Signed("c-1", "M1").Replace("\"type\":\"disconnect\"", "\"type\":\"" + new string('t', 2000) + "\"");

        Send(Topics.Command("M1"), json);

        Assert.Equal("bad_signature", _sink.AckData.Single().GetString("reason"));
        Assert.Equal(JsonKind.Null, _sink.AckData.Single().Require("commandType").Kind);
        Assert.True(_sink.Emitted[0].Payload.Length < 300);
    }

    [Fact]
    public void A_flood_gets_ten_rejection_acks_a_minute_and_a_signed_command_still_runs()
    {
        for (int i = 0; i < 300; i++)
        {
            Send(Topics.Command("M1"), "garbage " + i);
        }

        Assert.Equal(10, _sink.Emitted.Count);
        Assert.Equal(290, _processor.RejectionsSuppressed);

        Send(Topics.Command("M1"), Signed("c-after-flood", "M1"));
        Assert.Equal(["accepted", "done"], _sink.AckData.Skip(10).Select(d => d.GetString("status")));
        Assert.Single(_handler.Calls);

        _clock.UtcNow = Now.AddMinutes(1);
        Send(Topics.Command("M1"), "garbage again");
        Assert.Equal("malformed", _sink.AckData[^1].GetString("reason"));
    }

    [Fact]
    public void An_authentic_command_refused_busy_is_not_remembered_and_runs_when_sent_again()
    {
        Send(Topics.Command("M1"), Signed("c-busy", "M1"), busy: true);
        Assert.Equal(("rejected", "busy", "disconnect"), (_sink.AckData[0].GetString("status"), _sink.AckData[0].GetString("reason"), _sink.AckData[0].GetString("commandType")));
        Assert.Empty(_handler.Calls);

        Send(Topics.Command("M1"), Signed("c-busy", "M1"));
        Assert.Equal(["rejected", "accepted", "done"], _sink.AckData.Select(d => d.GetString("status")));
        Assert.Single(_handler.Calls);
    }

    [Fact]
    public void Garbage_refused_busy_costs_no_more_than_garbage()
    {
        for (int i = 0; i < 50; i++)
        {
            Send(Topics.Command("M1"), "garbage " + i, busy: true);
        }

        Assert.Equal(10, _sink.Emitted.Count);
        Assert.All(_sink.AckData, d => Assert.Equal("malformed", d.GetString("reason")));
    }
}

/// <summary>
/// Issue 18, D5: flip one bit in the newest replay record, reboot, and the last command used to run again (the
/// older slot did not know it). Now the damage is seen, nothing is fresh until the floor is raised to a trusted now.
/// </summary>
public class ReplayDamageTests
{
    private static readonly Topics Topics = new("feeder-1", "gw-1");
    private static readonly DateTime Now = new(2026, 6, 22, 14, 30, 0);
    private static readonly byte[] KeyBytes = Encoding.ASCII.GetBytes("per-gateway-test-key-0123456789ab");

    private static string Signed(string id, DateTime issued)
    {
        JsonNode command = JsonNode.NewObject().Set("id", id).Set("type", "disconnect").Set("params", JsonNode.NewObject())
            .Set("issued", IsoTime.Format(issued)).Set("expiry", IsoTime.Format(issued.AddMinutes(30)));
        command.Set("signature", CommandSignature.Sign(new TestKey(KeyBytes), Topics.Command("M1"), command));
        return command.ToJson();
    }

    private static (CommandProcessor Processor, RecordingHandler Handler, CapturingSink Sink) Boot(MemoryFileStore store, TestClock clock)
    {
        var handler = new RecordingHandler();
        var sink = new CapturingSink();
        return (new CommandProcessor(Topics, new TestKey(KeyBytes), clock, new ReplayGuard(store), new StubSupplyPolicy(), handler, sink), handler, sink);
    }

    private static void Send(CommandProcessor processor, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        processor.Handle(Topics.Command("M1"), bytes, 0, bytes.Length);
    }

    [Fact]
    public void A_bit_flip_in_the_newest_replay_record_does_not_let_the_last_command_run_again()
    {
        var store = new MemoryFileStore();
        var clock = new TestClock(Now);
        var first = Boot(store, clock);
        Send(first.Processor, Signed("c-1", Now));
        Send(first.Processor, Signed("c-2", Now.AddSeconds(1)));
        Assert.Equal(2, first.Handler.Calls.Count);

        // c-2 went to the slot not holding c-1's record: flip a bit in its payload.
        string newest = store.Files.Keys.Where(k => k.StartsWith("cmd-replay.")).Single(k => Encoding.ASCII.GetString(store.Files[k]).Contains("c-2"));
        store.FlipBit(newest, DualSlotRecordStore.HeaderLength + 3);
        clock.UtcNow = Now.AddMinutes(1);
        var second = Boot(store, clock);

        Send(second.Processor, Signed("c-2", Now.AddSeconds(1)));
        Assert.Empty(second.Handler.Calls);
        Assert.Equal("replayed", second.Sink.AckData.Last().GetString("reason"));
        var diagnostic = JsonParser.Parse(second.Sink.Emitted[0].Payload);
        Assert.Equal((Topics.GatewayEvent, "diagnostic"), (second.Sink.Emitted[0].Topic, diagnostic.GetString("type")));
        Assert.Equal("replay_record_damaged", diagnostic.Require("data").GetString("code"));
        Assert.Equal("2026-06-22T14:31:00Z", diagnostic.Require("data").GetString("detail"));

        // A command issued after the new floor runs, and the floor survives another reboot.
        Send(second.Processor, Signed("c-3", Now.AddMinutes(2)));
        Assert.Single(second.Handler.Calls);
        var third = Boot(store, clock);
        Send(third.Processor, Signed("c-0", Now.AddSeconds(30)));
        Assert.Empty(third.Handler.Calls);
        Assert.DoesNotContain(third.Sink.Emitted, e => e.Payload.Contains("diagnostic"));
    }

    [Fact]
    public void Without_a_synchronised_clock_a_damaged_table_refuses_everything()
    {
        var store = new MemoryFileStore();
        var clock = new TestClock(Now);
        var first = Boot(store, clock);
        Send(first.Processor, Signed("c-1", Now));
        store.FlipBit(store.Files.Keys.First(k => k.StartsWith("cmd-replay.")), 0);
        clock.IsSynchronized = false;
        var second = Boot(store, clock);

        JsonNode sync = JsonNode.NewObject().Set("id", "s-1").Set("type", "clock-sync").Set("params", JsonNode.NewObject().Set("utc", "2026-06-22T14:31:00Z"))
            .Set("issued", IsoTime.Format(Now.AddMinutes(1))).Set("expiry", IsoTime.Format(Now.AddMinutes(10)));
        sync.Set("signature", CommandSignature.Sign(new TestKey(KeyBytes), Topics.Command("M1"), sync));
        Send(second.Processor, sync.ToJson());

        Assert.Empty(second.Handler.Calls);
        Assert.Equal("replayed", second.Sink.AckData.Single().GetString("reason"));
    }
}
