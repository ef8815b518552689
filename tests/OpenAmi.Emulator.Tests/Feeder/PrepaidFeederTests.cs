using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Emulator.Sts;
using OpenAmi.Emulator.Tests.Mqtt;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// Prepaid through the whole gateway: STS credit tokens vended by the emulator's STS model (EA07 + DKGA02,
/// tests/OpenAmi.Emulator.Tests/Sts cover those against published vectors) for the mixed feeder's Kestrel meter
/// "clinic-12000004" (account 4), typed at the simulated keypad or sent by the head-end, carried over DLMS to the
/// meter's token gateway (class 115). The meter model's credit is the independent judge.
/// </summary>
public class PrepaidFeederTests
{
    private const string Clinic = "clinic-12000004";

    private static string Vend(CommandRig rig, string kWh) =>
        rig.World.Vendor.Vend(rig.World.StsMeter(Clinic)!.Profile.StsDecoderKey, "vend:" + kWh + "kWh", rig.Clock.UtcNow);

    [Fact]
    public void A_remote_token_reaches_the_meter_and_its_credit_shows_in_telemetry()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!;
        long unitsBefore = meter.StsMeter!.CreditUnits;
        double creditBefore = PublishedCredit(rig);

        string id = rig.HeadEnd.SendToken(Clinic, Vend(rig, "5"));
        rig.RunFor(5000);

        Assert.Equal(new[] { ("accepted", (string?)null), ("done", (string?)null) }, rig.Acks(id));
        var accepted = Assert.Single(rig.Events(Clinic, "token_accepted"));
        Assert.Equal("remote", (string?)accepted["data"]!["source"]);
        Assert.Equal(id, (string?)accepted["data"]!["requestId"]);
        Assert.Equal("sts", (string?)accepted["data"]!["scheme"]);
        Assert.Equal(0, (int)accepted["data"]!["stsClass"]!);
        Assert.Equal(unitsBefore + 50, meter.StsMeter.CreditUnits); // 5 kWh in 0.1 kWh units

        // The credit register is read with the meter's next sweep: it rose.
        rig.RunFor(15 * 60_000);
        Assert.True(PublishedCredit(rig) > creditBefore);
    }

    [Fact]
    public void The_same_token_twice_is_answered_used_without_a_second_delivery()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;
        string token = Vend(rig, "2");
        rig.HeadEnd.SendToken(Clinic, token);
        rig.RunFor(3000);
        int entered = meter.TokensEntered;

        string again = rig.HeadEnd.SendToken(Clinic, token);
        rig.RunFor(3000);

        Assert.Equal(("rejected", "used"), rig.Acks(again)[^1]);
        Assert.Equal(entered, meter.TokensEntered);
        Assert.Equal("used", (string?)rig.Events(Clinic, "token_rejected").Single()["data"]!["reason"]);
    }

    [Fact]
    public void A_token_for_another_meter_is_refused_by_this_one()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;
        long before = meter.CreditUnits;
        // A genuine token, but for a meter with another decoder key: the CRC fails after decryption.
        string foreign = rig.World.Vendor.Vend(0x0123456789ABCDEF, "vend:5kWh", rig.Clock.UtcNow);

        string id = rig.HeadEnd.SendToken(Clinic, foreign);
        rig.RunFor(3000);

        Assert.Equal(("rejected", "authentication_failure"), rig.Acks(id)[^1]);
        Assert.Equal(before, meter.CreditUnits);
        Assert.Equal("authentication_failure", (string?)rig.Events(Clinic, "token_rejected").Single()["data"]!["reason"]);
    }

    [Fact]
    public void Tokens_for_a_meter_without_prepaid_or_that_are_no_tokens_are_refused_at_the_gateway()
    {
        using var rig = new CommandRig();
        string notPrepaid = rig.HeadEnd.SendToken("pump-5", Vend(rig, "1"));
        string garbage = rig.HeadEnd.SendToken(Clinic, "99999999999999999999"); // beyond the 66-bit range
        rig.RunFor(3000);

        Assert.StartsWith("not_prepaid", rig.Acks(notPrepaid)[^1].Item2);
        Assert.Equal(("rejected", "not_a_token"), rig.Acks(garbage)[^1]);
        Assert.Equal(0, rig.World.StsMeter(Clinic)!.StsMeter!.TokensEntered);
    }

    [Fact]
    public void A_token_typed_at_the_keypad_loads_the_meter_with_no_head_end_involved()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;
        long before = meter.CreditUnits;
        rig.Broker.GoDown(); // no WAN

        rig.World.Keypad.Type("4#" + Vend(rig, "3"));
        rig.RunFor(3000);

        Assert.Equal(KeypadFeedback.Accept, rig.World.Keypad.Shown[^1]);
        Assert.Equal(before + 30, meter.CreditUnits);

        // The event waits in the outbox and is published once the broker is back.
        Assert.Empty(rig.Events(Clinic, "token_accepted"));
        rig.Broker.ComeBack();
        rig.RunFor(60_000);
        var accepted = Assert.Single(rig.Events(Clinic, "token_accepted"));
        Assert.Equal("keypad", (string?)accepted["data"]!["source"]);
    }

    [Fact]
    public void A_token_for_a_silent_meter_is_held_and_delivered_in_order_when_it_answers_again()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;
        long before = meter.CreditUnits;
        rig.World.Apply(new ScenarioEvent(rig.Clock.NowMs, ScenarioEventType.MeterDown, Meter: Clinic));

        rig.World.Keypad.Type("4#" + Vend(rig, "1"));
        rig.RunFor(10_000);
        string remote = rig.HeadEnd.SendToken(Clinic, Vend(rig, "2"));
        rig.RunFor(10_000);

        // Held, not lost: the keypad says busy, the head-end's command is done (queued), the meter saw nothing.
        Assert.Equal(KeypadFeedback.Busy, rig.World.Keypad.Shown[^1]);
        Assert.Equal(("done", (string?)null), rig.Acks(remote)[^1]);
        Assert.Equal(0, meter.TokensEntered);
        Assert.Empty(rig.Events(Clinic, "token_accepted"));

        rig.World.Apply(new ScenarioEvent(rig.Clock.NowMs, ScenarioEventType.MeterUp, Meter: Clinic));
        rig.RunFor(2 * 60_000);

        Assert.Equal(before + 30, meter.CreditUnits);
        var accepted = rig.Events(Clinic, "token_accepted").Select(e => (string?)e["data"]!["requestId"]).ToList();
        Assert.Equal(new[] { "keypad-1", remote }, accepted);
    }

    [Fact]
    public void A_wrong_account_code_is_rejected_and_locks_the_keypad_for_a_minute()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;

        rig.World.Keypad.Type("9#");
        rig.RunFor(1000);
        Assert.Equal(KeypadFeedback.Reject, rig.World.Keypad.Shown[^1]);

        rig.World.Keypad.Type("4");
        rig.RunFor(1000);
        Assert.Equal(KeypadFeedback.Lockout, rig.World.Keypad.Shown[^1]);

        rig.RunFor(60_000);
        rig.World.Keypad.Type("4#" + Vend(rig, "1"));
        rig.RunFor(3000);
        Assert.Equal(KeypadFeedback.Accept, rig.World.Keypad.Shown[^1]);
        Assert.Equal(1, meter.TokensEntered);
    }

    [Fact]
    public void A_made_up_number_at_the_keypad_is_a_crc_refusal_that_never_reaches_the_meter()
    {
        // 12345678901234567890 reads as class 1 (IEC 62055-41: not encrypted), whose CRC does not hold.
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;

        rig.World.Keypad.Type("4#12345678901234567890");
        rig.RunFor(3000);

        Assert.Equal(KeypadFeedback.Reject, rig.World.Keypad.Shown[^1]);
        Assert.Equal(0, meter.TokensEntered);
        Assert.Empty(rig.Events(Clinic, "token_accepted"));
        var rejected = Assert.Single(rig.Events(Clinic, "token_rejected"));
        Assert.Equal("crc", (string?)rejected["data"]!["reason"]);
        Assert.Equal(1, (int)rejected["data"]!["stsClass"]!);

        rig.World.Keypad.Type("4"); // an invalid entry like any other: the keypad waits a minute
        rig.RunFor(1000);
        Assert.Equal(KeypadFeedback.Lockout, rig.World.Keypad.Shown[^1]);
    }

    [Fact]
    public void A_class_1_token_with_a_valid_crc_is_forwarded_and_the_meter_decides()
    {
        using var rig = new CommandRig();
        var meter = rig.World.StsMeter(Clinic)!.StsMeter!;
        // Published Landis+Gyr Sabre Mk5 test voucher "open the load switch" (manufacturer code 00, see
        // tests/OpenAmi.Prepaid.Tests/Sts/StsClass1TokenTests.cs): the Kestrel's code is 07.
        string foreign = rig.HeadEnd.SendToken(Clinic, "0000 0000 0001 5099 7584");
        rig.RunFor(3000);
        Assert.Equal(("rejected", "manufacturer_code"), rig.Acks(foreign)[^1]);
        Assert.Equal(1, meter.TokensEntered);

        // The same test (control bit 0) for manufacturer 07, CRC by the independent implementation.
        const ulong data = (0x01UL << 8) | 7;
        string own = StsReferenceCrc.Class1Digits(0, data, StsReferenceCrc.Field(StsReferenceCrc.Class1Bits(0, data)));
        rig.World.Keypad.Type("4#" + own);
        rig.RunFor(3000);
        Assert.Equal(KeypadFeedback.Accept, rig.World.Keypad.Shown[^1]);
        Assert.Equal(0x01UL, meter.LastTestControl);
        var accepted = Assert.Single(rig.Events(Clinic, "token_accepted"));
        Assert.Equal(1, (int)accepted["data"]!["stsClass"]!);
    }

    [Fact]
    public void The_scenario_vends_fresh_tokens_with_increasing_identifiers()
    {
        var vendor = new ScenarioTokenVendor();
        ulong key = 0x0123456789ABCDEF;
        var at = new DateTime(2026, 6, 22, 10, 35, 0, DateTimeKind.Utc);
        var first = OpenAmi.Prepaid.Sts.StsTokenNumber.TryParse(vendor.Vend(key, "vend:5kWh", at), out var a, out _) ? StsDecodedToken.Decode(a, key) : null;
        var second = OpenAmi.Prepaid.Sts.StsTokenNumber.TryParse(vendor.Vend(key, "vend:0.5kWh", at), out var b, out _) ? StsDecodedToken.Decode(b, key) : null;

        Assert.True(first!.CrcValid && second!.CrcValid);
        Assert.Equal(50, first.Units);
        Assert.Equal(5, second!.Units);
        // TID: minutes since 2014-01-01 (IEC 62055-41 base date 2014): 2026-06-22 10:35 is 6,548,195 minutes later.
        Assert.Equal((int)(at - new DateTime(2014, 1, 1)).TotalMinutes, first.Tid);
        Assert.Equal(first.Tid + 1, second.Tid);
        Assert.False(ScenarioTokenVendor.TryParseKWh("vend:5", out _));
        Assert.False(ScenarioTokenVendor.TryParseKWh("vend:-1kWh", out _));
    }

    /// <summary>The clinic meter's credit as last published (the VMRS credit register).</summary>
    private static double PublishedCredit(CommandRig rig) => rig.Telemetry(Clinic)
        .SelectMany(t => t["registers"]!.AsArray())
        .Last(r => (string?)r!["obis"] == VmrsCatalogue.Credit)!["value"]!.GetValue<double>();
}

/// <summary>
/// The head-end as a separate client of a real mosquitto (tests/OpenAmi.Emulator.Tests/Mqtt fixtures), watched by an
/// independent subscriber (mosquitto_sub): the signed command crosses the broker, the gateway loads the meter and
/// its acks and token event come back to the head-end through the broker.
/// </summary>
public class HeadEndBrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_remote_token_crosses_a_real_broker_and_its_acks_come_back()
    {
        using MosquittoBroker broker = new();
        using MosquittoSubscriber subscriber = new(broker.Port, "openami/v1/#");
        subscriber.WaitUntilSubscribed(broker.Port, "openami/v1/probe", Patience);
        using var rig = new CommandRig(new BrokerOutageLink(new MqttNetLink("127.0.0.1", broker.Port)));
        var meter = rig.World.StsMeter("clinic-12000004")!.StsMeter!;
        long before = meter.CreditUnits;

        string token = rig.World.Vendor.Vend(rig.World.StsMeter("clinic-12000004")!.Profile.StsDecoderKey, "vend:4kWh", rig.Clock.UtcNow);
        string id = rig.HeadEnd.SendToken("clinic-12000004", token);
        rig.RunFor(5000);
        rig.World.Finish();

        Assert.Equal(before + 40, meter.CreditUnits);
        Assert.True(subscriber.WaitFor(m => m.Any(x => x.Topic.EndsWith("/meter/clinic-12000004/event") && x.Payload.Contains("\"token_accepted\"")), Patience));
        Assert.True(subscriber.WaitFor(m => m.Any(x => x.Topic.EndsWith("/meter/clinic-12000004/command") && x.Payload.Contains(id)), Patience));
        var deadline = DateTime.UtcNow + Patience;
        while (rig.HeadEnd.LastAck(id)?.Status != "done" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal(("done", (string?)null), rig.HeadEnd.LastAck(id));
    }
}

/// <summary>
/// A board-switched line sold by OpenPAYGO Token: the mixed feeder's line L2 (meter mill-3, keypad account 7) set up
/// as the published test device 1 of EnAccess/OpenPAYGO-python test/test_tokens.jsonl (commit b6c9ef55…: serial
/// TEST220000001, starting code 516959010, key bc41ec9530f6dac86b1a29ab82edc5fb, count 1), whose ADD_TIME 5 token
/// is 177073015 (new count 2).
/// </summary>
public class OpenPaygoLineFeederTests
{
    private static void OpenPaygoOnL2(JsonObject config)
    {
        config["openPaygoLines"] = new JsonArray(new JsonObject { ["line"] = "L2", ["keyHex"] = "bc41ec9530f6dac86b1a29ab82edc5fb", ["startingCode"] = 516959010 });
        config["meters"]!.AsArray().Single(m => (string?)m!["id"] == "mill-3")!["account"] = "7";
    }

    [Fact]
    public void A_published_token_at_the_keypad_buys_five_days_and_asks_safety_to_supply_the_line()
    {
        using var rig = new CommandRig(configure: OpenPaygoOnL2);
        rig.World.CatchUpSafety();
        var ledger = rig.World.App.Prepaid.Line(0);
        Assert.Equal(0, ledger.RemainingSeconds);
        Assert.False(rig.World.TenantLine("L2").SsrOn); // no credit, no supply

        rig.World.Keypad.Type("7#177073015#");
        rig.RunFor(5000);
        rig.World.CatchUpSafety();

        Assert.Equal(KeypadFeedback.Accept, rig.World.Keypad.Shown[^1]);
        Assert.Equal(5 * 86400 - 5, ledger.RemainingSeconds, 60.0);
        Assert.Equal(2, ledger.LastCount);
        Assert.True(rig.World.TenantLine("L2").SsrOn);
        var data = Assert.Single(rig.Events("mill-3", "token_accepted"))["data"]!;
        Assert.Equal("openpaygo", (string?)data["scheme"]);
        Assert.Equal("add_time", (string?)data["type"]);
        Assert.Equal(5, (int)data["value"]!);
        Assert.Equal(2, (int)data["count"]!);

        // The same code again is refused by the line's used-count memory, remotely too.
        var acks = rig.Command("mill-3", "token", new JsonObject { ["token"] = "177073015" });
        Assert.Equal("rejected", acks[^1].Item1);
        Assert.Single(rig.Events("mill-3", "token_rejected"));
    }
}
