using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace OpenAmi.Hardware.Tests;

/// <summary>Runs the ngspice harness once (it exports the trip path from the schematic and simulates every case).</summary>
public sealed class TripSimulationFixture
{
    public TripSimulationFixture()
    {
        // ngspice must exist even though the harness is the one calling it: fail with the install hint.
        HardwareTools.Run("ngspice", TimeSpan.FromSeconds(30), "-v");
        (Run, var results) = HardwareTools.RunHarness("run_trip_sim.py", TimeSpan.FromMinutes(30));
        if (results is { } root)
        {
            Window = root.GetProperty("window").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            foreach (var c in root.GetProperty("cases").EnumerateArray())
            {
                Cases[c.GetProperty("id").GetString()!] = c;
            }
        }
    }

    public HardwareTools.Result Run { get; }

    /// <summary>The sensitivity window (mV/mA) the harness states and proves.</summary>
    public double[] Window { get; } = Array.Empty<double>();

    public Dictionary<string, JsonElement> Cases { get; } = new();
}

/// <summary>
/// Issue 7's proof, widened by issue 23: one tenant line's hardware trip path (sensor model on its own supply rail,
/// comparators, latch, AND gate, SSR with its turn-off delay, and the board step's 2-pole relay), simulated from the
/// schematic's own netlist, trips within 40 ms from fault onset to line dead, with the relay open within 40 ms, at 1x the
/// rated residual current and above, and does not trip at 0.5x, in every tolerance corner, at the design sensitivity and
/// at both ends of the stated sensitivity window; a welded SSR is cleared by the relay; the test loop's 15 mA sets the
/// latch at both ends. The second-order response and the LEM CTSR 0.3-P run in the harness's --extended set.
/// The expected outcome below is stated from the standards' bands and the project requirement, independently of the
/// harness's own verdict column.
/// </summary>
[Collection("ngspice")]
public class TripPathSimulationTests : IClassFixture<TripSimulationFixture>
{
    private const double LimitMs = 40.0;
    private const double DesignMvPerMa = 8.0;        // hardware/README.md, "Sensor" (UNVERIFIED, hence the sweep)
    private readonly TripSimulationFixture sim;

    public TripPathSimulationTests(TripSimulationFixture sim) => this.sim = sim;

    /// <summary>Stimulus classes (harness id, pulsating?) and the multiples of the rated current each is tested at.</summary>
    private static readonly (string Id, bool Pulsating, double[] Multiples)[] Classes =
    {
        ("dc", false, new[] { 0.5, 1, 2, 5 }),          // smooth DC, 6 mA rated (IEC 62955 RDC-DD class)
        ("dcn", false, new[] { 0.5, 1, 2, 5 }),         // the same, negative: the front end is not symmetric about zero
        ("ac50", false, new[] { 0.5, 1, 2, 5 }),        // sinusoidal AC, 30 mA rms (IEC 61008-1)
        ("ac60", false, new[] { 0.5, 1, 2, 5 }),
        ("hw50", true, new[] { 0.5, 1, 1.4, 2, 5 }),    // half-wave pulsating DC (IEC 62423 / 61008-1 type A)
        ("hw60", true, new[] { 0.5, 1, 1.4, 2, 5 }),
        ("pc90_50", true, new[] { 0.5, 1, 1.4, 2, 5 }), // phase-cut 90 deg
        ("pc90_60", true, new[] { 0.5, 1, 1.4, 2, 5 }),
        ("pc135_50", true, new[] { 0.5, 1, 1.4, 2, 5 }), // phase-cut 135 deg
        ("pc135_60", true, new[] { 0.5, 1, 1.4, 2, 5 }),
        ("acdc50", false, new[] { 0.5, 1, 2, 5 }),      // AC plus smooth DC
        ("acdc60", false, new[] { 0.5, 1, 2, 5 }),
    };

    private static string Num(double x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The window the harness states (its WINDOW constant), needed before the fixture has run to name the cases.</summary>
    private static double[] StatedWindow()
    {
        string source = File.ReadAllText(Path.Combine(HardwareTools.Project, "sim", "run_trip_sim.py"));
        var m = System.Text.RegularExpressions.Regex.Match(source, @"^WINDOW = \(([0-9.]+), ([0-9.]+)\)", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(m.Success, "run_trip_sim.py states no WINDOW");
        return new[] { double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) };
    }

    private static IEnumerable<object[]> Set(string[] corners, string suffix) =>
        from c in Classes
        from k in c.Multiples
        from corner in corners
        select new object[] { $"{c.Id}_x{Num(k)}_{corner}{suffix}", c.Pulsating, k };

    public static IEnumerable<object[]> AllCases()
    {
        double[] w = StatedWindow();
        return Set(new[] { "slow", "nominal", "fast" }, "")
            .Concat(Set(new[] { "slow" }, $"_g{Num(w[0])}"))
            .Concat(Set(new[] { "fast" }, $"_g{Num(w[1])}"))
            .Concat(new[] { $"tloop_x1_slow_g{Num(w[0])}", $"tloop_x1_fast_g{Num(w[1])}" }.Select(id => new object[] { id, false, 1.0 }))
            .Concat(WeldedCases().Select(c => new object[] { c[0], false, 1.0 }))
            .Concat(ZeroOffsetCases());
    }

    /// <summary>
    /// Every class at 1x at the window's lower end with no sensor offset: an offset of either sign brings one half-wave
    /// of an AC current nearer its threshold, so the ±0.5 mA corner alone does not bound the slowest AC trip.
    /// </summary>
    public static IEnumerable<object[]> ZeroOffsetCases() =>
        Classes.Select(c => new object[] { $"{c.Id}_x1_slow_g{Num(StatedWindow()[0])}_off0", c.Pulsating, 1.0 });

    /// <summary>A shorted SSR with a leak at 1x in the slow corner (relay 13 ms incl. bounce): only the relay can clear it.</summary>
    public static IEnumerable<object[]> WeldedCases() =>
        new[] { "dc", "ac50", "ac60", "hw50", "pc135_50" }.Select(c => new object[] { $"{c}_x1_slow_weld" });

    [Fact]
    public void Harness_runs_and_reports_every_case()
    {
        Assert.True(sim.Run.ExitCode == 0, "run_trip_sim.py failed:\n" + sim.Run.Output);
        var expected = AllCases().Select(c => (string)c[0]).ToHashSet();
        Assert.Equal(expected.OrderBy(x => x), sim.Cases.Keys.OrderBy(x => x));
        Assert.Equal(StatedWindow(), sim.Window);
    }

    [Fact]
    public void The_stated_window_holds_the_design_sensitivity_and_the_self_tests_acceptance_points()
    {
        // The self-test accepts +/-10 % and refuses -25 % / +35 % (issue 23); its accepted window must sit inside this one,
        // so at least +/-10 % around the design value must be proven here.
        double[] w = StatedWindow();
        Assert.InRange(DesignMvPerMa * 0.9, w[0], DesignMvPerMa);
        Assert.InRange(DesignMvPerMa * 1.1, DesignMvPerMa, w[1]);
    }

    [Fact]
    public void The_firmware_states_the_window_the_harness_proves()
    {
        // The self-test's accepted gain window is derived from PoleBoardRcm's copy of the window (OpenAmi.Safety); a copy
        // wider than the harness's would accept sensors no simulation covers.
        string source = File.ReadAllText(Path.Combine(HardwareTools.Root, "firmware", "OpenAmi.Safety", "Board", "PoleBoardRcm.cs"));
        double Constant(string name)
        {
            var m = System.Text.RegularExpressions.Regex.Match(source, $@"const double {name} = ([0-9.]+);");
            Assert.True(m.Success, $"PoleBoardRcm.cs has no {name}");
            return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(StatedWindow(), new[] { Constant("SimulatedWindowLowMvPerMa"), Constant("SimulatedWindowHighMvPerMa") });
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Trip_path_meets_the_40ms_requirement(string id, bool pulsating, double multiple)
    {
        Assert.True(sim.Cases.TryGetValue(id, out var result), $"case {id} missing from the simulation results; harness output:\n{sim.Run.Output}");
        Assert.True(result.GetProperty("energisedBeforeOnset").GetBoolean(), $"{id}: the line was not on before the fault, so the case proves nothing");
        bool tripped = result.GetProperty("tripped").GetBoolean();
        // tripTimeMs is when the line went dead for good; null if it was live again at the end (the latch let go).
        var dead = result.GetProperty("tripTimeMs");
        double? time = tripped ? (dead.ValueKind == JsonValueKind.Number ? dead.GetDouble() : double.PositiveInfinity) : null;
        var relay = result.GetProperty("relayOpenMs");

        if (multiple >= 1.0)
        {
            Assert.True(tripped, $"{id}: no trip at {multiple}x the rated residual current");
            Assert.True(relay.ValueKind == JsonValueKind.Number && relay.GetDouble() <= LimitMs, $"{id}: relay open after {relay} ms");
        }
        else if (!pulsating)
        {
            // 0.5x is the non-operating current for AC (IEC 61008-1) and smooth DC; pulsating DC may trip from 0.35x.
            Assert.False(tripped, $"{id}: nuisance trip at {multiple}x after {time} ms");
        }

        // Every trip at the design sensitivity, and every required trip anywhere, within 40 ms. At a window edge a 0.5x
        // pulsating current may trip later: IEC 61008-1 type A lets it trip from 0.35/0.25/0.11x, so a late trip only
        // opens a line the standard allows to open.
        bool atDesignSensitivity = !id.Contains("_g", StringComparison.Ordinal);
        if (tripped && (multiple >= 1.0 || atDesignSensitivity))
        {
            Assert.True(time <= LimitMs, $"{id}: onset to line dead {time} ms > {LimitMs} ms");
        }
    }

    [Theory]
    [MemberData(nameof(WeldedCases))]
    public void A_welded_SSR_is_cleared_by_the_relay(string id)
    {
        Assert.True(sim.Cases.TryGetValue(id, out var result), $"case {id} missing; harness output:\n{sim.Run.Output}");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("ssrOffMs").ValueKind); // the SSR never stopped conducting
        Assert.True(result.GetProperty("tripped").GetBoolean(), $"{id}: the line stayed live");
        Assert.Equal(result.GetProperty("relayOpenMs").GetDouble(), result.GetProperty("tripTimeMs").GetDouble());
    }
}
