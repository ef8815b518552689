using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Tests.Support;

/// <summary>A small feeder of fake COSEM meters behind the generic DLMS profile, wired like the gateway wires it.</summary>
public sealed class Feeder
{
    public ManualClock Clock { get; } = new();
    public FakeCosemMeters Meters { get; } = new();
    public RecordingSink Sink { get; } = new();
    public PollPlan Plan { get; } = new();
    public GatewayClock GatewayClock { get; }
    public FixedTimeSource TimeSource { get; }
    public ItemReader Items { get; }
    public PollScheduler Scheduler { get; }
    public VendorProfile Profile { get; } = ProfileReader.Load(BuiltInProfiles.DlmsSinglePhase).Profile!;

    public static readonly DateTime Epoch = new(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc);

    public Feeder(IMeteringSink? sink = null)
    {
        Meters.Clock = Clock;
        Meters.TransactionMs = 100;
        TimeSource = new FixedTimeSource(Clock, Epoch);
        GatewayClock = new GatewayClock(Clock, [TimeSource], 6 * 3600_000, 2000);
        GatewayClock.Refresh();
        Items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), Clock, GatewayClock);
        Scheduler = new PollScheduler(Items, new ClockSynchroniser(GatewayClock, Clock, 2000), Clock, Plan, sink ?? Sink);
    }

    /// <summary>A meter with every generic-profile object, its clock <paramref name="clockOffsetS"/> off true time.</summary>
    public MeterRecord AddMeter(int address, string serial, double importKWh, double clockOffsetS = 0, double voltage = 230.1)
    {
        Meters.Number(address, "1-0:1.8.0*255", 2, importKWh * 1000);
        Meters.ScalerUnit(address, "1-0:1.8.0*255", 0, Units.WattHour);
        Meters.Number(address, "1-0:2.8.0*255", 2, 0);
        Meters.ScalerUnit(address, "1-0:2.8.0*255", 0, Units.WattHour);
        Meters.Number(address, "1-0:1.7.0*255", 2, 1200);
        Meters.ScalerUnit(address, "1-0:1.7.0*255", 0, Units.Watt);
        Meters.Number(address, "1-0:32.7.0*255", 2, voltage * 10);
        Meters.ScalerUnit(address, "1-0:32.7.0*255", -1, Units.Volt);
        Meters.Number(address, "1-0:14.7.0*255", 2, 5001);
        Meters.ScalerUnit(address, "1-0:14.7.0*255", -2, Units.Hertz);
        Meters.Bytes(address, "0-0:96.1.0*255", 2, System.Text.Encoding.ASCII.GetBytes(serial));
        Meters.Number(address, "0-0:96.5.0*255", 2, 0);
        Meters.Boolean(address, "0-0:96.3.10*255", 2, true);
        SetMeterClock(address, Epoch.AddSeconds(clockOffsetS), 0);
        var record = new MeterRecord(Meters, address, Profile) { Serial = serial, BreakerA = 20 };
        Scheduler.Add(record);
        return record;
    }

    /// <summary>Sets the meter's clock as UTC + deviation 0 (status as given).</summary>
    public void SetMeterClock(int address, DateTime utc, int status)
    {
        var time = CosemDateTime.FromUtc(utc);
        time.ClockStatus = status;
        Meters.Bytes(address, "0-0:1.0.0*255", 2, time.ToBytes());
    }

    public List<Reading> ReadingsOf(int address, string code) =>
        Sink.Readings.Where(r => r.Meter.Address == address && r.Item.Code == code).ToList();
}

/// <summary>A time source that knows true time exactly (true time = epoch + monotonic elapsed).</summary>
public sealed class FixedTimeSource(ManualClock clock, DateTime epoch) : ITimeSource
{
    private readonly long _startMs = clock.NowMs;
    public bool Available { get; set; } = true;
    public double SkewSeconds { get; set; }
    public string Name => "fixed";

    public bool TryGetUtc(out DateTime utc)
    {
        utc = epoch.AddMilliseconds(clock.NowMs - _startMs).AddSeconds(SkewSeconds);
        return Available;
    }
}
