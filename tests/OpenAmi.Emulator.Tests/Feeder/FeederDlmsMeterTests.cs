using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// Emulated DLMS meters as devices on the feeder's simulated-time line: the gateway's own readers (Metering's
/// DlmsMeterReader, ModbusMeterReader over ModbusRtuLine) against them, wire time checked against the baud rate.
/// </summary>
public class FeederDlmsMeterTests
{
    private static readonly DateTime Start = new(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc);

    private static MeterValue Read(IMeterBus reader, int address, VendorProfile profile, string vmrsCode)
    {
        var value = new MeterValue();
        var status = reader.Read(address, profile.Find(VmrsCatalogue.Find(vmrsCode))!.Target, value);
        Assert.Equal(ReadStatus.Ok, status);
        return value;
    }

    private static DlmsMeterReader DlmsReader(IByteLink link, bool opticalHead = false) =>
        new(link, new DlmsReaderOptions { SystemTitle = EmulatedVendorProfiles.GatewaySystemTitle, OpticalHead = opticalHead },
            new EmulatedVendorProfiles.Secrets(), new HostAesBlockCipher(), new HostRandomSource());

    [Fact]
    public void Dlms_and_modbus_meters_share_one_line_and_show_the_same_physics()
    {
        var clock = new SimulatedClock(Start, 0);
        var bus = new FeederBus(clock, 9600);
        var dlmsMeter = new FeederDlmsMeter(bus, clock, MeterProfile.Sunbird);
        var modbusMeter = new ModbusFeederMeter(new Sdm120Simulation(1));
        bus.Add(dlmsMeter);
        bus.Add(modbusMeter);
        dlmsMeter.SetState(1234.567, 0, 230, 415, 50);
        modbusMeter.SetState(1234.567, 0, 230, 415, 50);

        var sunbird = EmulatedVendorProfiles.Load(MeterProfile.Sunbird);
        var dlms = DlmsReader(bus);
        dlms.Declare(17, sunbird);
        var sdm120 = BuiltInProfiles.Load("eastron-sdm120");
        var modbus = new ModbusMeterReader(new ModbusMaster(new ModbusRtuLine(bus, 9600), 200));
        modbus.Declare(1, sdm120);

        // Sunbird keeps active energy in Wh with scaler 0 (MeterProfile.Sunbird): 1234.567 kWh = 1 234 567 Wh.
        var energy = Read(dlms, 17, sunbird, "1.8.0");
        Assert.Equal(1_234_567, energy.Number);
        // SDM120 holds kWh as float32; the float nearest 1234.567 reads back as 1234.567 (shortest decimal).
        Assert.Equal(1234.567, Read(modbus, 1, sdm120, "1.8.0").Number);
        // Interleaved on the same line, in both orders: the DLMS association survives a Modbus transaction.
        Assert.Equal(415, Read(dlms, 17, sunbird, "1.7.0").Number);
        Assert.Equal(415, Read(modbus, 1, sdm120, "1.7.0").Number);
        Assert.Equal(1, dlms.Associations);
        Assert.Equal(2, modbusMeter.RequestsSeen);
    }

    [Fact]
    public void Wire_time_follows_the_baud_rate()
    {
        // A Modbus FC04 read of 2 registers: request 8 bytes, answer 3 + 4 + 2 = 9 bytes (Modbus over serial line
        // v1.02 §2.5.1, application protocol §6.4). At 9600 Bd a 10-bit character takes 10/9600 s, so the exchange
        // costs 17 × 1.0417 ms + the line's 10 ms turnaround = 27.7 ms; ModbusRtuLine first keeps the 3.5-character
        // silence (3.65 ms at 9600 Bd), which rounds the total up to 31 whole milliseconds at most.
        var clock = new SimulatedClock(Start, 0);
        var bus = new FeederBus(clock, 9600);
        var meter = new ModbusFeederMeter(new Sdm120Simulation(1));
        bus.Add(meter);
        bus.Add(new FeederDlmsMeter(bus, clock, MeterProfile.Sunbird));
        meter.SetState(1, 0, 230, 100, 50);
        var sdm120 = BuiltInProfiles.Load("eastron-sdm120");
        var modbus = new ModbusMeterReader(new ModbusMaster(new ModbusRtuLine(bus, 9600), 200));
        modbus.Declare(1, sdm120);

        long before = clock.NowMs;
        Read(modbus, 1, sdm120, "32.7.0");
        long elapsed = clock.NowMs - before;

        Assert.Equal(17, bus.BytesCarried);
        Assert.InRange(elapsed, 27, 32);
    }

    [Fact]
    public void A_silent_dlms_meter_costs_its_timeouts_in_simulated_time_not_more()
    {
        // DlmsReaderOptions: 1000 ms response timeout, 1 retry → SNRM twice, 2 s of silence.
        var clock = new SimulatedClock(Start, 0);
        var bus = new FeederBus(clock, 9600);
        var meter = new FeederDlmsMeter(bus, clock, MeterProfile.Sunbird) { Silent = true };
        bus.Add(meter);
        var sunbird = EmulatedVendorProfiles.Load(MeterProfile.Sunbird);
        var dlms = DlmsReader(bus);
        dlms.Declare(17, sunbird);

        var value = new MeterValue();
        var status = dlms.Read(17, sunbird.Find(VmrsCatalogue.Find("1.8.0"))!.Target, value);

        Assert.Equal(ReadStatus.NoResponse, status);
        Assert.InRange(clock.NowMs, 2000, 2100);
    }

    [Fact]
    public void An_optical_meter_answers_only_after_the_mode_e_sign_on_at_300_baud()
    {
        var clock = new SimulatedClock(Start, 0);
        var optiq = EmulatedVendorProfiles.Load(MeterProfile.Optiq);

        // Straight HDLC at 9600 Bd (the same meter declared as if it had an RS-485 port): it waits for a sign-on
        // at 300 Bd 7E1 and never answers.
        var plainBus = new FeederBus(clock, 9600);
        var silent = new FeederDlmsMeter(plainBus, clock, MeterProfile.Optiq);
        plainBus.Add(silent);
        var asRs485 = EmulatedVendorProfiles.Load(MeterProfile.Optiq);
        asRs485.Medium = LinkMedium.Rs485;
        var plain = DlmsReader(plainBus);
        plain.Declare(16, asRs485);
        Assert.Equal(ReadStatus.NoResponse, plain.Read(16, asRs485.Find(VmrsCatalogue.Find("1.8.0"))!.Target, new MeterValue()));
        Assert.Equal(0, silent.RequestsSeen);
        Assert.True(silent.Station.AwaitingSignOn);

        // Through an optical head: sign-on, identification, ACK, then HDLC at 9600 Bd.
        var head = new FeederBus(clock, 300);
        var meter = new FeederDlmsMeter(head, clock, MeterProfile.Optiq);
        head.Add(meter);
        meter.SetState(52.3, 0, 231, 120, 50);
        var reader = DlmsReader(head, opticalHead: true);
        reader.Declare(16, optiq);
        long before = clock.NowMs;

        // Optiq keeps energy in 0.1 Wh (scaler -1, MeterProfile.Optiq): 52.3 kWh = 523 000 × 10^-1 Wh.
        var energy = Read(reader, 16, optiq, "1.8.0");
        Assert.Equal(523_000, energy.Number);
        Assert.Equal(9600, head.Baud);
        Assert.False(meter.Station.AwaitingSignOn);

        // IEC 62056-21 at 300 Bd 7E1 (10-bit characters, 33.3 ms each): "/?!␍␊" 5 characters, the identification
        // "/OPQ5\2OPTIQ-E1␍␊" 17, the ACK "␆252␍␊" 6: 28 characters = 933 ms, plus the meter's reaction time
        // before identifying (Iec21.ReactionTimeMs), before any HDLC.
        Assert.True(clock.NowMs - before >= 933 + OpenAmi.Dlms.Iec21.Iec21.ReactionTimeMs, $"open took {clock.NowMs - before} ms");

        // Releasing the association (DISC) sends the meter back to the sign-on speed; the next read signs on again.
        reader.Release();
        Assert.True(meter.Station.AwaitingSignOn);
        // Optiq's voltage has scaler -1 (MeterProfile default): 231 V = 2310 × 10^-1 V.
        Assert.Equal(2310, Read(reader, 16, optiq, "32.7.0").Number);
        Assert.False(meter.Station.AwaitingSignOn);
    }

    [Fact]
    public void A_clock_write_by_the_gateway_resets_the_meter_clock_offset()
    {
        var clock = new SimulatedClock(Start, 0);
        var bus = new FeederBus(clock, 9600);
        var meter = new FeederDlmsMeter(bus, clock, MeterProfile.Sunbird);
        bus.Add(meter);
        meter.DriftClock(TimeSpan.FromSeconds(45));
        var sunbird = EmulatedVendorProfiles.Load(MeterProfile.Sunbird);
        var dlms = DlmsReader(bus);
        dlms.Declare(17, sunbird);
        var target = sunbird.Find(VmrsCatalogue.Find(VmrsCatalogue.Clock))!.Target;

        var read = new MeterValue();
        Assert.Equal(ReadStatus.Ok, dlms.Read(17, target, read));
        var shown = OpenAmi.Dlms.Cosem.CosemDateTime.Parse(read.Bytes.AsSpan(0, read.ByteCount).ToArray());
        Assert.True(shown.TryToUtc(out var meterUtc));
        Assert.InRange((meterUtc - clock.UtcNow).TotalSeconds, 44, 46);

        var set = new MeterValue();
        var now = OpenAmi.Dlms.Cosem.CosemDateTime.FromUtc(clock.UtcNow).ToBytes();
        set.SetBytes(now, 0, now.Length);
        Assert.Equal(ReadStatus.Ok, dlms.Write(17, target, set));
        Assert.InRange(meter.ClockOffset.TotalSeconds, -1, 1);
    }
}
