using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace OpenAmi.Hardware.Tests;

/// <summary>Runs the supply harness once (ramps, brown-outs, charge pump, re-closure limit) and keeps its results.</summary>
public sealed class SupplySimulationFixture
{
    public SupplySimulationFixture()
    {
        (Run, var results) = HardwareTools.RunHarness("run_supply_sim.py", TimeSpan.FromMinutes(20));
        if (results is { } root)
        {
            foreach (var c in root.GetProperty("cases").EnumerateArray())
            {
                Cases[c.GetProperty("id").GetString()!] = c;
            }

            Limiter = root.GetProperty("limiter").EnumerateArray().ToArray();
        }
    }

    public HardwareTools.Result Run { get; }

    public Dictionary<string, JsonElement> Cases { get; } = new();

    public JsonElement[] Limiter { get; } = Array.Empty<JsonElement>();
}

/// <summary>
/// Issue 27, findings 7 and 8: the tenant line through +5V ramps and brown-outs with the MCP120-450 supervisor on EN, the
/// SSR_ARM charge pump ("no pulses, no arm") and the hardware re-closure limit, against firmware that tries to close the
/// line at every chance. The expected values below come from the design figures (4.50 V trip point, 140–560 ms release
/// delay, 40 ms trip budget, 74LVC1G11 input levels, three resets), not from the harness's own verdicts.
/// </summary>
[Collection("ngspice")]
public class SupplySimulationTests : IClassFixture<SupplySimulationFixture>
{
    private const double SupervisorV = 4.50;      // MCP120-450 (Microchip DS11184)
    private const double LimitS = 0.040;          // onset -> line dead, the project's requirement
    private const double LeakOnsetS = 0.40;       // the harness's fault onset in the brown-out and re-closure cases
    private const double ArmHighV = 2.0;          // 74LVC1G11 VIH at VCC 2.7-3.6 V (TI SN74LVC1G11)
    private const double DisarmLimitS = 1.5;      // stated in docs/hardware/trip-path-simulation.md for the charge pump
    private const double RelayReleaseS = 0.013;   // worst-case release incl. bounce (board step)
    private const double RelayBounceS = 0.003;    // the bounce within it, in which the contacts re-make once
    private readonly SupplySimulationFixture sim;

    public SupplySimulationTests(SupplySimulationFixture sim) => this.sim = sim;

    private JsonElement Case(string id)
    {
        Assert.True(sim.Run.ExitCode == 0, "run_supply_sim.py failed:\n" + sim.Run.Output);
        Assert.True(sim.Cases.TryGetValue(id, out var c), $"case {id} missing; harness output:\n{sim.Run.Output}");
        return c;
    }

    /// <summary>Energised intervals [start, end]; an open end (still energised at the end of the run) is +infinity.</summary>
    private static (double Start, double End)[] Energised(JsonElement c) =>
        c.GetProperty("energised").EnumerateArray()
            .Select(i => (i[0].GetDouble(), i[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : i[1].GetDouble()))
            .ToArray();

    /// <summary>+5V ramps linearly from 0 to 5 V; the supervisor's threshold is crossed at 90 % of the ramp.</summary>
    [Theory]
    [InlineData("ramp1ms_d140", 0.001, 0.140)]
    [InlineData("ramp10ms_d140", 0.010, 0.140)]
    [InlineData("ramp100ms_d140", 0.100, 0.140)]
    [InlineData("ramp100ms_d560", 0.100, 0.560)]
    public void No_line_is_energised_below_the_threshold_or_during_the_release_delay(string id, double rampS, double delayS)
    {
        var c = Case(id);
        double crossing = rampS * SupervisorV / 5.0;
        var on = Energised(c);
        Assert.NotEmpty(on); // the firmware does close the line afterwards, so the bound below is not met by never closing
        Assert.True(on[0].Start >= crossing + delayS, $"{id}: line energised at {on[0].Start} s, before {crossing + delayS} s");
        Assert.True(on[0].Start <= crossing + delayS + 0.5, $"{id}: line only energised at {on[0].Start} s");
    }

    [Theory]
    [InlineData("brownout_ac50")]
    [InlineData("brownout_dc")]
    public void A_brown_out_mid_leak_leaves_the_line_dead(string id)
    {
        var c = Case(id);
        var on = Energised(c);
        Assert.Contains(on, i => i.Start < LeakOnsetS && i.End > LeakOnsetS); // live when the fault began
        var last = on[^1];
        Assert.True(last.End <= LeakOnsetS + LimitS, $"{id}: line dead only at {last.End} s");
        // +5V went below the threshold and came back, and EN was released again: the line stayed dead through it all.
        Assert.Single(c.GetProperty("p5vFallS").EnumerateArray());
        Assert.Equal(2, c.GetProperty("enRiseS").GetArrayLength());
        Assert.DoesNotContain(on, i => i.Start > LeakOnsetS);
    }

    /// <summary>Closed intervals of the relay's contacts, as <see cref="Energised"/>.</summary>
    private static (double Start, double End)[] RelayClosed(JsonElement c) =>
        c.GetProperty("relayClosed").EnumerateArray()
            .Select(i => (i[0].GetDouble(), i[1].ValueKind == JsonValueKind.Null ? double.PositiveInfinity : i[1].GetDouble()))
            .ToArray();

    /// <summary>
    /// Intervals joined across the relay's contact bounce: contacts that re-make within the bounce after parting have not
    /// opened the line yet (the harness's slow corner: apart at 10 ms, re-made from 11.5 ms, apart for good at 13 ms).
    /// </summary>
    private static (double Start, double End)[] Closures((double Start, double End)[] intervals)
    {
        var joined = new List<(double Start, double End)>();
        foreach (var i in intervals)
        {
            if (joined.Count > 0 && i.Start - joined[^1].End <= RelayBounceS)
            {
                joined[^1] = (joined[^1].Start, i.End);
            }
            else
            {
                joined.Add(i);
            }
        }

        return joined.ToArray();
    }

    [Theory]
    [InlineData("brownout_weld_noleak")]
    [InlineData("brownout_weld_ac50")]
    public void A_brown_out_drops_the_relay_of_a_welded_SSR_and_the_line_stays_dead(string id)
    {
        // The SSR is shorted, so only the relay can open the line. Without a leak nothing but the supervisor drops its coil:
        // EN low presets the latch (D#05) and pulls SSR_ARM down, so the contacts are apart for good one worst-case
        // release (with bounce) after +5V crossed 4.50 V; with a leak the latch may drop it sooner. Either way it stays
        // open after +5V and EN are back (no firmware reset follows in these cases).
        var c = Case(id);
        double fall = Assert.Single(c.GetProperty("p5vFallS").EnumerateArray()).GetDouble();
        var closed = Closures(RelayClosed(c));
        var on = Closures(Energised(c));
        Assert.Contains(closed, i => i.Start < LeakOnsetS && i.End > LeakOnsetS); // closed before the brown-out
        Assert.True(closed[^1].End <= fall + RelayReleaseS + 0.001, $"{id}: relay open only at {closed[^1].End} s, +5V fell at {fall} s");
        if (c.GetProperty("leak").ValueKind == JsonValueKind.Null)
        {
            // nothing else dropped it: the opening is the supervisor's plus the relay's own release, not sooner
            Assert.True(closed[^1].End - fall >= RelayReleaseS - RelayBounceS, $"{id}: relay open {closed[^1].End - fall} s after +5V fell");
        }

        Assert.Equal(closed[^1].End, on[^1].End); // the SSR never opened: the relay is what ended it
        Assert.DoesNotContain(on, i => i.Start > LeakOnsetS);
        Assert.Equal(2, c.GetProperty("enRiseS").GetArrayLength()); // EN did come back
    }

    [Fact]
    public void Firmware_resetting_a_welded_SSR_into_a_persisting_fault_gets_at_most_two_relay_reclosures()
    {
        // The same adversarial firmware as below, but the SSR is shorted: every re-closure is the relay's, each ends by the
        // relay alone (latch -> coil -> worst-case release with bounce), and the hardware limit stops them.
        var c = Case("reclose_weld_ac50");
        var after = Closures(Energised(c)).Where(i => i.Start > LeakOnsetS).ToArray();
        Assert.Equal(3, c.GetProperty("resetsPassedS").GetArrayLength());
        Assert.Equal(2, after.Length);
        Assert.All(after, i => Assert.True(i.End - i.Start <= LimitS, $"re-closure live for {i.End - i.Start} s"));
        Assert.All(after, i => Assert.True(i.End - i.Start >= RelayReleaseS, $"re-closure ended after {i.End - i.Start} s: faster than the relay can open"));
    }

    [Theory]
    [InlineData("pump_stuck_high")]
    [InlineData("pump_stuck_low")]
    public void The_charge_pump_stopping_disarms_within_the_stated_time(string id)
    {
        var c = Case(id);
        Assert.True(c.GetProperty("armBeforeStopMinV").GetDouble() >= ArmHighV, $"{id}: SSR_ARM below VIH while pumping");
        Assert.True(c.GetProperty("disarmS").ValueKind == JsonValueKind.Number, $"{id}: SSR_ARM never fell below VIL");
        double disarm = c.GetProperty("disarmS").GetDouble();
        Assert.InRange(disarm, 0.1, DisarmLimitS); // a decay, not an instant drop (that would mean the pump was not modelled)
        double lastEdge = c.GetProperty("lastPumpEdgeS").GetDouble();
        var on = Energised(c);
        Assert.Single(on);
        Assert.True(on[0].End <= lastEdge + DisarmLimitS + RelayReleaseS, $"{id}: line dead only at {on[0].End} s");
    }

    [Fact]
    public void Firmware_resetting_into_a_persisting_fault_gets_at_most_two_reclosures()
    {
        var c = Case("reclose_ac50");
        var after = Energised(c).Where(i => i.Start > LeakOnsetS).ToArray();
        // three resets in all (the power-up one included), the firmware tried six
        Assert.Equal(3, c.GetProperty("resetsPassedS").GetArrayLength());
        Assert.Equal(2, after.Length);
        Assert.All(after, i => Assert.True(i.End - i.Start <= LimitS, $"re-closure live for {i.End - i.Start} s"));
    }

    [Fact]
    public void The_limiter_passes_three_resets_then_none_for_about_ten_minutes()
    {
        Assert.True(sim.Run.ExitCode == 0, "run_supply_sim.py failed:\n" + sim.Run.Output);
        var passed = sim.Limiter.ToDictionary(p => p.GetProperty("atS").GetDouble(), p => p.GetProperty("passed").GetBoolean());
        Assert.True(passed[1] && passed[2] && passed[3], "one of the first three resets was refused");
        Assert.False(passed[4], "the fourth reset within a second passed");
        Assert.False(passed[300], "a reset five minutes later passed");
        Assert.False(passed[600], "a reset ten minutes later passed");
        Assert.True(passed[840], "the limiter never released (14 minutes)");
    }
}
