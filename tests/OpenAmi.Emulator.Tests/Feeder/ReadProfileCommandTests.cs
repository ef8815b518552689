using System.Globalization;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.TestSupport;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The read-profile command through the whole gateway over the mixed feeder (tools/scenarios/feeder-mixed.json, from
/// 2026-06-22 06:00 UTC), its emulated vendors' profiles mapping their load profile (1-0:99.1.0, 15 minutes) and daily
/// billing profile (0-0:98.1.0, captured at midnight meter time; docs/emulator.md). Expected from those periods alone:
/// the meters' clocks run with the world's (deviation 0), so a range holds one row per 15-minute slot or per midnight
/// within it, both bounds inclusive.
/// </summary>
public class ReadProfileCommandTests
{
    private static readonly string[] LoadColumns = { "1.8.0", "32.7.0", "1.7.0" };

    [Fact]
    public void A_load_profile_range_comes_back_as_one_envelope_per_slot_oldest_first_and_the_ack_counts_them()
    {
        using var rig = Booted();
        int before = rig.Messages.Count;

        // 04:00 … 05:00 inclusive: 04:00, 04:15, 04:30, 04:45, 05:00. The backfill publishes nothing before the
        // gateway first saw the meter (06:00), so every such envelope is the command's.
        var acks = Command(rig, "shop-2", "load", "2026-06-22T04:00:00Z", "2026-06-22T05:00:00Z");

        Assert.Equal(new[] { ("accepted", (long?)null), ("done", 5L) }, acks.Select(a => ((string)a["status"]!, (long?)a["count"])));
        var envelopes = Profile(rig, "shop-2", before, LoadColumns, "2026-06-22T04:00:00Z", "2026-06-22T05:00:00Z");
        Assert.Equal(new[] { "04:00", "04:15", "04:30", "04:45", "05:00" }.Select(t => At("2026-06-22T" + t + ":00Z")), envelopes.Select(Ts));
        foreach (var envelope in envelopes)
        {
            Schemas.AssertValid(Schemas.Telemetry, envelope.ToJsonString());
        }

        // kWh only grows; every register good (the meter's clock is valid).
        Assert.True(envelopes.Select(e => (double)e["registers"]![0]!["value"]!).Zip(envelopes.Skip(1).Select(e => (double)e["registers"]![0]!["value"]!)).All(p => p.First <= p.Second));
        Assert.All(envelopes.SelectMany(e => e["registers"]!.AsArray()), r => Assert.Equal("good", (string)r!["quality"]!));
        Schemas.AssertValid(Schemas.Event, rig.Events("shop-2", "command_ack")[^1].ToJsonString());
    }

    [Fact]
    public void The_daily_billing_profile_returns_one_envelope_per_midnight_in_the_range()
    {
        using var rig = Booted();
        int before = rig.Messages.Count;

        // 19 June 00:00 to 21 June 23:59:59 holds the midnights of the 19th, 20th and 21st.
        var acks = Command(rig, "head-12000001", "billing", "2026-06-19T00:00:00Z", "2026-06-21T23:59:59Z");

        Assert.Equal(3L, (long?)acks[^1]["count"]);
        var envelopes = Profile(rig, "head-12000001", before, new[] { "1.8.0" }, "2026-06-19T00:00:00Z", "2026-06-21T23:59:59Z");
        Assert.Equal(new[] { At("2026-06-19T00:00:00Z"), At("2026-06-20T00:00:00Z"), At("2026-06-21T00:00:00Z") }, envelopes.Select(Ts));
    }

    [Theory]
    [InlineData("shop-2", "hourly", "2026-06-22T04:00:00Z", "2026-06-22T05:00:00Z", "bad_params: profile must be load or billing")]
    [InlineData("shop-2", "load", "2026-06-22T05:00:00Z", "2026-06-22T04:00:00Z", "bad_params: to is before from")]
    [InlineData("shop-2", "load", "2026-06-14T04:00:00Z", "2026-06-22T04:00:00Z", "bad_params: the range is longer than 7 days")]
    [InlineData("shop-2", "load", "2026-06-22 04:00", "2026-06-22T05:00:00Z", "bad_params: ")]
    [InlineData("mill-3", "load", "2026-06-22T04:00:00Z", "2026-06-22T05:00:00Z", "not_supported: the meter's vendor profile maps no load profile")]
    public void Bad_arguments_and_meters_without_the_profile_are_refused_with_the_reason_and_publish_nothing(string meter, string profile, string from, string to, string reason)
    {
        using var rig = Booted();
        int before = rig.Messages.Count;

        var acks = Command(rig, meter, profile, from, to);

        Assert.Equal("rejected", (string)acks[^1]["status"]!);
        Assert.StartsWith(reason, (string)acks[^1]["reason"]!);
        Assert.Empty(Profile(rig, meter, before, LoadColumns, "2026-06-22T04:00:00Z", "2026-06-22T05:00:00Z"));
    }

    private static CommandRig Booted()
    {
        var rig = new CommandRig();
        rig.RunFor(60_000); // registration and the first sweep
        return rig;
    }

    /// <summary>The ack data of the command, in order.</summary>
    private static List<JsonNode> Command(CommandRig rig, string meter, string profile, string from, string to)
    {
        string id = rig.HeadEnd.Send(meter, "read-profile", new JsonObject { ["profile"] = profile, ["from"] = from, ["to"] = to });
        rig.RunFor(30_000);
        return rig.Events(meter, "command_ack").Where(e => (string?)e["data"]!["commandId"] == id).Select(e => e["data"]!).ToList();
    }

    /// <summary>
    /// Telemetry of the meter published after message <paramref name="before"/> whose registers are exactly
    /// <paramref name="columns"/> and whose ts lies in the range asked for (the backfill publishes older slots meanwhile).
    /// </summary>
    private static List<JsonNode> Profile(CommandRig rig, string meter, int before, string[] columns, string from, string to) => rig.Messages.Skip(before)
        .Where(m => m.Topic == $"openami/v1/{rig.Config.FeederId}/{rig.Config.GatewayId}/meter/{meter}/telemetry")
        .Select(m => m.Payload)
        .Where(p => p["registers"]!.AsArray().Select(r => (string)r!["obis"]!).SequenceEqual(columns))
        .Where(p => Ts(p) >= At(from) && Ts(p) <= At(to))
        .ToList();

    private static DateTime Ts(JsonNode envelope) => At((string)envelope["ts"]!);

    private static DateTime At(string iso) => DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
