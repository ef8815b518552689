using OpenAmi.Dlms.Link;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Tests.Wiring;

/// <summary>
/// What <see cref="MeteringWiring"/> puts on a bus's wire, seen from a link that records everything and never
/// answers: the first bytes of a DLMS association on RS-485 (an HDLC SNRM) and behind an optical head (the
/// IEC 62056-21 sign-on at 300 Bd 7E1).
/// </summary>
public class MeteringWiringTests
{
    private sealed class RecordingLink : IByteLink
    {
        public List<string> Log { get; } = new();

        public List<byte[]> Writes { get; } = new();

        public void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(buffer.AsSpan(offset, count).ToArray());
            Log.Add("write");
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => 0;

        public void Configure(int baudRate, LineFormat format) => Log.Add($"configure {baudRate} {format}");

        public void DiscardInput()
        {
        }

        public void Delay(int milliseconds)
        {
        }
    }

    private sealed class Wall : IWallClock
    {
        public DateTime UtcNow => new(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc);

        public bool IsSynchronized => true;
    }

    private sealed class SwitchableWall : IWallClock
    {
        public DateTime UtcNow => new(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc);

        public bool IsSynchronized { get; set; }
    }

    private sealed class Sink : IMeteringSink
    {
        public List<MeteringEvent> Events { get; } = new();

        public void OnReading(Reading reading)
        {
        }

        public void OnEvent(MeteringEvent meteringEvent) => Events.Add(meteringEvent);
    }

    private static (MeteringWiring Wiring, RecordingLink Link, Sink Sink) Compose(BusKind kind)
    {
        var link = new RecordingLink();
        var ports = new GatewayPorts { Clock = new FakeClock(), WallClock = new Wall() };
        ports.AddBus("b", link);
        var config = new GatewayConfig
        {
            FeederId = "f",
            GatewayId = "g",
            Buses = new[] { new BusConfig { Id = "b", Kind = kind, Baud = 9600 } },
            Meters = new[] { new MeterConfig { Id = "kiosk-6", Bus = "b", Protocol = MeterProtocol.Dlms, Address = 17, Profile = "dlms-generic-single-phase" } },
        };
        var sink = new Sink();
        return (new MeteringWiring(config, ports, sink, null!, null!), link, sink);
    }

    [Fact]
    public void An_optical_bus_signs_on_at_300_baud_7e1_before_any_hdlc()
    {
        var (wiring, link, sink) = Compose(BusKind.Optical);

        wiring.Poller(0).Step();

        // IEC 62056-21 §6.3.1: the request message without a device address is "/?!" CR LF, sent at 300 Bd 7E1.
        Assert.Equal("configure 300 SevenEvenOne", link.Log[0]);
        Assert.Equal(new byte[] { 0x2F, 0x3F, 0x21, 0x0D, 0x0A }, link.Writes[0]);
        // No identification comes back: no HDLC frame is ever sent, and the meter is reported silent under its id.
        Assert.DoesNotContain(link.Writes, w => w[0] == 0x7E);
        var lost = Assert.IsType<CommsEvent>(Assert.Single(sink.Events));
        Assert.Equal("kiosk-6", lost.MeterSerial);
    }

    [Fact]
    public void An_rs485_bus_starts_a_dlms_association_with_snrm_at_the_line_speed()
    {
        var (wiring, link, _) = Compose(BusKind.Rs485);

        wiring.Poller(0).Step();

        Assert.DoesNotContain(link.Log, l => l.StartsWith("configure 300"));
        // IEC 62056-46 frame: flag 7E, frame format A0.., destination = server logical 1, physical 17 in two bytes
        // (1 << 1 = 0x02, 17 << 1 | 1 = 0x23), source = public client 16 (16 << 1 | 1 = 0x21), control SNRM with
        // poll bit (0x83 | 0x10 = 0x93).
        var snrm = link.Writes[0];
        Assert.Equal(0x7E, snrm[0]);
        Assert.Equal(0xA0, snrm[1] & 0xF0);
        Assert.Equal(new byte[] { 0x02, 0x23, 0x21, 0x93 }, snrm[3..7]);
    }

    [Fact]
    public void Profiles_added_by_the_platform_are_found_by_the_configuration()
    {
        var link = new RecordingLink();
        var ports = new GatewayPorts { Clock = new FakeClock(), WallClock = new Wall() };
        ports.AddBus("b", link);
        var config = new GatewayConfig
        {
            Buses = new[] { new BusConfig { Id = "b", Kind = BusKind.Rs485, Baud = 9600 } },
            Meters = new[] { new MeterConfig { Id = "m", Bus = "b", Protocol = MeterProtocol.Dlms, Address = 17, Profile = "on-flash" } },
        };
        Assert.Throws<GatewayCompositionException>(() => new MeteringWiring(config, ports, new Sink(), null!, null!));

        var onFlash = OpenAmi.Metering.Profiles.ProfileReader.Load(OpenAmi.Metering.Profiles.BuiltInProfiles.DlmsSinglePhase).Profile!;
        onFlash.Id = "on-flash";
        ports.AddProfile(onFlash);
        var wiring = new MeteringWiring(config, ports, new Sink(), null!, null!);
        Assert.Same(onFlash, wiring.Meter("m")!.Profile);
        Assert.Equal("m", wiring.Meter("m")!.Serial);
        Assert.Null(wiring.DeviceSerial("m"));
    }

    [Fact]
    public void The_gateway_asks_its_wall_clock_every_minute_until_it_knows_the_time_then_every_clock_check()
    {
        var clock = new FakeClock();
        var wall = new SwitchableWall();
        var ports = new GatewayPorts { Clock = clock, WallClock = wall };
        var wiring = new MeteringWiring(new GatewayConfig(), ports, new Sink(), null!, null!);
        var scheduler = new OpenAmi.Gateway.Scheduling.Scheduler(clock, OpenAmi.Gateway.Scheduling.SchedulerOptions.Default);
        wiring.Schedule(scheduler, clock.NowMs);
        var refresh = scheduler.Tasks().Single(t => t.Name == "time sources");
        Assert.Equal(OpenAmi.Metering.ClockSync.TimeHealth.Unsynced, wiring.Clock.Health);
        Assert.Equal(60_000, refresh.DueMs);

        // SNTP answers after 30 s; the next refresh (at 60 s) picks it up, then refreshes follow clockCheckS (21600 s default).
        clock.Advance(30_000);
        wall.IsSynchronized = true;
        clock.Advance(30_000);
        Assert.True(scheduler.RunNext());
        Assert.Equal(OpenAmi.Metering.ClockSync.TimeHealth.Healthy, wiring.Clock.Health);
        Assert.Equal(60_000 + 21_600_000, refresh.DueMs);
    }
}
