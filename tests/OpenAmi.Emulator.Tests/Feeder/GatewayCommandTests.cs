using System.Text.Json.Nodes;
using OpenAmi.Gateway.Ports;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// Every head-end command type through the whole gateway (GatewayApp over the mixed feeder's simulated meters and
/// pole board), sent as real signed payloads by the simulated head-end; the acks are read from what the gateway
/// published and the effect from the simulated hardware (docs/northbound.md "Commands", docs/gateway.md).
/// </summary>
public class GatewayCommandTests
{
    private static readonly (string, string?) Accepted = ("accepted", null);
    private static readonly (string, string?) Done = ("done", null);

    [Fact]
    public void Read_now_publishes_the_meter_ahead_of_its_next_poll()
    {
        using var rig = new CommandRig();
        rig.RunFor(4 * 60_000); // 06:05, ten minutes before the next quarter-hour sweep
        int before = rig.Telemetry("pump-5").Count;

        Assert.Equal(new[] { Accepted, Done }, rig.Command("pump-5", "read-now", new JsonObject()));

        var fresh = rig.Telemetry("pump-5").Skip(before).ToList();
        Assert.NotEmpty(fresh);
        Assert.All(fresh, t => Assert.StartsWith("2026-06-22T06:05", (string)t["ts"]!));
    }

    [Fact]
    public void Read_now_of_named_items_checks_them_all_before_reading_any()
    {
        using var rig = new CommandRig();
        rig.RunFor(4 * 60_000);
        int before = rig.Telemetry("pump-5").Count;

        var acks = rig.Command("pump-5", "read-now", new JsonObject { ["obis"] = new JsonArray(VmrsCatalogue.ActiveEnergyImport, "9.9.9") });

        Assert.Equal("rejected", acks[^1].Item1);
        Assert.StartsWith("bad_params: obis[1]", acks[^1].Item2);
        Assert.Equal(before, rig.Telemetry("pump-5").Count);
    }

    [Fact]
    public void Disconnect_of_a_meter_on_a_board_line_opens_the_line()
    {
        using var rig = new CommandRig();
        rig.World.CatchUpSafety();
        Assert.True(rig.World.TenantLine("L1").SsrOn);

        Assert.Equal(new[] { Accepted, Done }, rig.Command("shop-2", "disconnect", new JsonObject { ["reason"] = "arrears" }));

        rig.World.CatchUpSafety();
        Assert.False(rig.World.TenantLine("L1").SsrOn);
        Assert.True(rig.World.TenantLine("L2").SsrOn);
    }

    [Fact]
    public void Disconnect_of_a_dlms_meter_on_no_line_operates_its_disconnect_control()
    {
        using var rig = new CommandRig();
        var kiosk = rig.World.DlmsMeterState("kiosk-6")!;
        Assert.True(kiosk.RelayConnected);

        rig.HeadEnd.Send("kiosk-6", "disconnect", new JsonObject());
        rig.RunFor(20_000); // behind the optical head: sign-on at 300 Bd first

        Assert.False(kiosk.RelayConnected);
        Assert.Equal(new[] { Accepted, Done }, rig.Acks("he-000001"));
    }

    [Fact]
    public void Disconnect_of_a_modbus_meter_on_no_line_is_not_supported()
    {
        using var rig = new CommandRig();
        var acks = rig.Command("pump-5", "disconnect", new JsonObject());
        Assert.Equal("rejected", acks[^1].Item1);
        Assert.StartsWith("not_supported", acks[^1].Item2);
    }

    [Fact]
    public void Clock_sync_sets_the_wall_clock_through_the_platform_port()
    {
        using var rig = new CommandRig();
        var acks = rig.Command("pump-5", "clock-sync", new JsonObject { ["utc"] = "2026-06-22T06:01:02Z" });
        Assert.StartsWith("not_supported", acks[^1].Item2);

        var setter = new RecordingClockSetter();
        rig.World.Ports.ClockSetter = setter;
        Assert.Equal(new[] { Accepted, Done }, rig.Command("pump-5", "clock-sync", new JsonObject { ["utc"] = "2026-06-22T06:01:02Z" }));
        Assert.Equal(new[] { new DateTime(2026, 6, 22, 6, 1, 2, DateTimeKind.Utc) }, setter.Set);

        acks = rig.Command("pump-5", "clock-sync", new JsonObject { ["utc"] = "yesterday" });
        Assert.StartsWith("bad_params", acks[^1].Item2);
        Assert.Single(setter.Set);
    }

    [Fact]
    public void Set_interval_changes_the_reading_interval_within_bounds()
    {
        using var rig = new CommandRig();
        var power = VmrsCatalogue.Find(VmrsCatalogue.ActivePowerImport);
        Assert.Equal(900_000, rig.World.App.Metering.Plan.IntervalFor(power));

        Assert.Equal(new[] { Accepted, Done }, rig.Command("pump-5", "set-interval", new JsonObject { ["seconds"] = 300 }));
        Assert.Equal(300_000, rig.World.App.Metering.Plan.IntervalFor(power));

        var acks = rig.Command("pump-5", "set-interval", new JsonObject { ["seconds"] = 5 });
        Assert.Equal(("rejected", "bad_params: seconds must be 60-86400"), acks[^1]);
        Assert.Equal(300_000, rig.World.App.Metering.Plan.IntervalFor(power));
    }

    [Fact]
    public void Reboot_is_acked_done_and_the_gateway_says_goodbye_before_the_port_reboots_it()
    {
        using var rig = new CommandRig();
        var acks = rig.Command("pump-5", "reboot", new JsonObject());
        Assert.StartsWith("not_supported", acks[^1].Item2);

        var reboot = new RecordingReboot(rig);
        rig.World.Ports.Reboot = reboot;
        string id = rig.HeadEnd.Send("pump-5", "reboot", new JsonObject());
        rig.RunFor(2000);

        Assert.Equal(new[] { "remote_command" }, reboot.Reasons);
        Assert.Equal(new[] { Accepted, Done }, rig.Acks(id));
        // At the moment of the reboot the done ack was already published, and the offline status after it.
        Assert.Equal(("done", "offline"), reboot.Seen);
    }

    [Fact]
    public void Config_is_refused_with_the_reason()
    {
        using var rig = new CommandRig();
        var acks = rig.Command("pump-5", "config", new JsonObject { ["intervals"] = new JsonObject { ["instantaneousS"] = 60 } });
        Assert.Equal(("rejected", OpenAmi.Gateway.Commands.ConfigCommand.Refusal), acks[^1]);
    }

    private sealed class RecordingClockSetter : IWallClockSetter
    {
        public List<DateTime> Set { get; } = [];

        public void SetUtc(DateTime utc) => Set.Add(utc);
    }

    private sealed class RecordingReboot(CommandRig rig) : IRebootPort
    {
        public List<string> Reasons { get; } = [];

        public (string? LastAck, string? LastStatus) Seen { get; private set; }

        public void Reboot(string reason)
        {
            Reasons.Add(reason);
            var ack = rig.Messages.Last(m => (string?)m.Payload["type"] == "command_ack");
            var status = rig.Messages.Last(m => m.Topic.EndsWith("/status"));
            Seen = ((string?)ack.Payload["data"]!["status"], (string?)status.Payload["state"]);
        }
    }
}
