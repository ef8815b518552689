using System.Globalization;
using System.Text.Json;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// Tells a backfilled load-profile interval from a live telemetry envelope as docs/northbound.md ("Backfilled
/// intervals") tells a head-end: its ts on a whole 15-minute boundary and its registers exactly the emulated vendors'
/// load-profile columns (+A, voltage, power; docs/emulator.md). A live envelope's ts is its last reading's time,
/// after the sweep's first transaction, so never on the boundary itself.
/// </summary>
public static class IntervalEnvelopes
{
    public static readonly string[] Columns = ["1.8.0", "32.7.0", "1.7.0"];

    /// <summary>True for a backfilled interval's payload (a telemetry envelope).</summary>
    public static bool Is(JsonElement payload) =>
        DateTime.Parse(payload.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).Ticks % (15 * TimeSpan.TicksPerMinute) == 0
        && payload.GetProperty("registers").EnumerateArray().Select(r => r.GetProperty("obis").GetString()).SequenceEqual(Columns);
}
