using OpenAmi.Gateway.Ports;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Site;
using OpenAmi.Platform;

namespace OpenAmi.Installer.Tests.Support;

/// <summary>A gateway stand-in: fixed views the tests set, and a log of the actions asked of it.</summary>
public sealed class FakeSite : IInstallerSite
{
    public StatusView Status { get; } = new();
    public List<MeterView> Meters { get; } = new();
    public List<LineView> Lines { get; } = new();
    public List<string> Actions { get; } = new();
    public string[] Buses { get; set; } = { "rs485" };

    public void ReadStatus(StatusView into)
    {
        into.GatewayId = Status.GatewayId;
        into.Firmware = Status.Firmware;
        into.UptimeS = Status.UptimeS;
        into.ClockUtc = Status.ClockUtc;
        into.ClockSource = Status.ClockSource;
        into.SignalDbm = Status.SignalDbm;
        into.Uplink = Status.Uplink;
        into.Broker = Status.Broker;
        into.OutboxRecords = Status.OutboxRecords;
        into.OutboxOldestUtc = Status.OutboxOldestUtc;
        into.FreeHeapBytes = Status.FreeHeapBytes;
    }

    public int MeterCount => Meters.Count;
    public MeterView Meter(int index) => Meters[index];
    public int LineCount => Lines.Count;
    public LineView Line(int index) => Lines[index];

    public int ReadNow(string meterId)
    {
        Actions.Add("read " + meterId);
        var meter = Meters.Find(m => m.Id == meterId);
        return meter == null ? -1 : meter.Registers.Count;
    }

    public bool ScanBus(string busId)
    {
        Actions.Add("scan " + busId);
        return Array.IndexOf(Buses, busId) >= 0;
    }

    public int CheckClocks()
    {
        Actions.Add("clocks");
        return Meters.Count;
    }

    public bool SelfTest(int line)
    {
        Actions.Add("self-test " + line);
        return Lines.Exists(l => l.Line == line);
    }

    public string[] KnownProfiles => ConfigSamples.Profiles;
}

public sealed class ManualClock : IMonotonicClock
{
    public long NowMs { get; set; }
}

/// <summary>A fast stand-in for the slow PBKDF2 hash: HMAC-SHA256 keyed with the salt (still salted, 32 bytes).</summary>
public sealed class HmacHasher : IPasswordHasher
{
    public int Calls { get; private set; }

    public byte[] Hash(byte[] salt, byte[] password)
    {
        Calls++;
        return System.Security.Cryptography.HMACSHA256.HashData(salt, password);
    }
}
