using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Tests.Fakes;

/// <summary>A set wall clock standing at 2026-06-22 14:30:00 UTC (the docs' example time).</summary>
public sealed class FixedWallClock : IWallClock
{
    public DateTime UtcNow => new(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc);

    public bool IsSynchronized => true;
}
