using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.App;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// A ciphered meter refuses every invocation counter it has already seen (DLMS UA Green Book, the receiving party
/// checks the counter increases); the emulated meters of a feeder keep their last counter across associations, as
/// real ones do. A gateway restarted over the same flash must continue above the counters it used before.
/// </summary>
public class InvocationCounterRebootTests
{
    private const string Clinic = "clinic-12000004"; // kestrel-p3, HLS-GMAC + glo-ciphering, bus rs485, address 291

    [Fact]
    public void A_rebooted_gateway_continues_above_the_last_used_counter_and_the_ciphered_meter_keeps_answering()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var rebootAt = TimeSpan.FromHours(2);
        var run = scenario with
        {
            DurationMs = (long)TimeSpan.FromHours(4).TotalMilliseconds,
            Events = new[] { new ScenarioEvent((long)rebootAt.TotalMilliseconds, ScenarioEventType.GatewayReboot) },
        };
        var output = new StringWriter();
        var clock = new SimulatedClock(run.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(output));
        new FeederRunner(clock, () => world.Scheduler, run, world.Apply).Run();
        world.Finish();

        var clinic = (FeederDlmsMeter)world.MeterDevice(Clinic);
        Assert.Equal(0, clinic.Station.Server.SecurityRejections);

        // Read again after the reboot (telemetry stamped later than it), so the counters were really used twice.
        var rebootUtc = run.StartUtc + rebootAt;
        var readsAfter = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("topic").GetString()!.EndsWith($"/meter/{Clinic}/telemetry", StringComparison.Ordinal))
            .Count(l => l.GetProperty("payload").GetProperty("ts").GetDateTime().ToUniversalTime() > rebootUtc.AddMinutes(5));
        Assert.True(readsAfter > 0, "no telemetry of the ciphered meter after the reboot");

        // What the flash holds is above anything used: a third boot would start there.
        uint stored = new InvocationCounterTable(world.Ports.StateStore).ForBus("rs485").Load(291);
        Assert.True(stored >= 2 * OpenAmi.Metering.Dlms.DlmsMeterReader.CounterBlock, "stored " + stored);
    }
}

/// <summary>The table itself over an in-memory flash: keys, restarts, torn writes.</summary>
public class InvocationCounterTableTests
{
    [Fact]
    public void Two_buses_with_a_meter_at_the_same_address_keep_separate_counters_across_a_restart()
    {
        var flash = new MemoryFileStore();
        var table = new InvocationCounterTable(flash);
        table.ForBus("rs485").Save(17, 512);
        table.ForBus("rs485-2").Save(17, 256);
        table.ForBus("rs485").Save(18, 768);

        var restarted = new InvocationCounterTable(flash);
        Assert.Equal(512u, restarted.ForBus("rs485").Load(17));
        Assert.Equal(256u, restarted.ForBus("rs485-2").Load(17));
        Assert.Equal(768u, restarted.ForBus("rs485").Load(18));
        Assert.Equal(0u, restarted.ForBus("optical").Load(17));
    }

    [Fact]
    public void A_save_torn_by_a_power_cut_leaves_the_previous_reservation()
    {
        var flash = new MemoryFileStore();
        var table = new InvocationCounterTable(flash);
        table.ForBus("rs485").Save(17, 256);
        flash.TearNextWrite(12);
        Assert.Throws<IOException>(() => table.ForBus("rs485").Save(17, 512));

        Assert.Equal(256u, new InvocationCounterTable(flash).ForBus("rs485").Load(17));
    }
}
