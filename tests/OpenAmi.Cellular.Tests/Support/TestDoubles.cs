using OpenAmi.Cellular.Ports;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Cellular.Tests.Support;

public sealed class FixedClock : IWallClock
{
    public DateTime UtcNow => new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public bool IsSynchronized => true;
}

public sealed class GatewayInfo : IGatewayInfo
{
    public string FirmwareVersion => "test";

    public long UptimeSeconds => 1;

    public int SignalDbm => 0;
}

public sealed class Health : ILinkHealth
{
    public bool IsUsable { get; set; }
}

public sealed class ManualClock : IMonotonicClock
{
    public long NowMs { get; set; }
}
