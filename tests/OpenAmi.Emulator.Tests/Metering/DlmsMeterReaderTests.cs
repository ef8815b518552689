using System.Collections;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Emulator.Tests.Metering;

/// <summary>
/// The metering layer's DLMS adapter against emulated meters of three security personalities on one 9600 Bd
/// bus. Expected values are the emulated meters' physical state (EmulatedMeterState), never the protocol path.
/// </summary>
public class DlmsMeterReaderTests
{
    private static readonly MeterProfile[] Vendors = { MeterProfile.Sunbird, MeterProfile.Kestrel, DlmsFeeder.Plain };

    private static PollScheduler Scheduler(DlmsFeeder f, RecordingSink sink, out MeterRecord[] meters)
    {
        var mono = new HostMonotonicClock();
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), mono, null), null, mono, new PollPlan(), sink);
        meters = Vendors.Select(p =>
        {
            var profile = DlmsFeeder.Profile(p);
            f.Reader.Declare(p.ServerLower, profile);
            var meter = new MeterRecord(f.Reader, p.ServerLower, profile) { Serial = p.Serial };
            scheduler.Add(meter);
            return meter;
        }).ToArray();
        return scheduler;
    }

    private static double Resolved(double value, int scaler) => Math.Round(value / Math.Pow(10, scaler)) * Math.Pow(10, scaler);

    private static Reading Of(RecordingSink sink, MeterRecord meter, string code) =>
        sink.Readings.Last(r => r.Meter == meter && r.Item.Code == code);

    [Fact]
    public void A_sweep_over_three_vendor_profiles_reads_every_item_with_one_association_per_meter()
    {
        using var f = new DlmsFeeder(Vendors);
        var sink = new RecordingSink();
        var scheduler = Scheduler(f, sink, out var meters);

        var sweep = scheduler.RunSweep();

        Assert.Equal(3 * 9, sweep.Readings);
        Assert.Equal(0, sweep.CommsLost);
        Assert.Equal(3, f.Reader.Associations);
        for (int m = 0; m < Vendors.Length; m++)
        {
            var state = f.Meter(Vendors[m]).State;
            var meter = meters[m];
            Assert.All(sink.Readings.Where(r => r.Meter == meter), r => Assert.Equal(ReadingQuality.Good, r.Quality));
            // Each meter resolves a quantity to 10^scaler of its unit (Kestrel counts energy in 10 Wh steps).
            var p = Vendors[m];
            Assert.Equal(Resolved(state.EnergyImportWh, p.EnergyScaler) / 1000.0, Of(sink, meter, "1.8.0").Number, 9);
            Assert.Equal(Resolved(state.EnergyExportWh, p.EnergyScaler) / 1000.0, Of(sink, meter, "2.8.0").Number, 9);
            Assert.Equal(Resolved(state.VoltageV, p.VoltageScaler), Of(sink, meter, "32.7.0").Number, 9);
            Assert.Equal(Resolved(state.PowerW, p.PowerScaler), Of(sink, meter, "1.7.0").Number, 9);
            Assert.Equal(state.FrequencyHz, Of(sink, meter, "14.7.0").Number, 9);
            Assert.Equal(Vendors[m].Serial, Of(sink, meter, "0.0.96.1.1.255").Text);
            Assert.Equal("connected", Of(sink, meter, "0.0.96.3.10.255").Text);
            Assert.Equal("2026-01-15T10:30:00Z", Of(sink, meter, "0.0.1.0.0.255").Text);
        }
    }

    [Fact]
    public void A_meter_that_goes_silent_is_published_comms_lost_while_the_others_stay_good()
    {
        using var f = new DlmsFeeder(Vendors);
        var sink = new RecordingSink();
        var scheduler = Scheduler(f, sink, out var meters);
        var kestrel = f.Meter(MeterProfile.Kestrel);
        kestrel.Faults.SilentReplies = 1000;

        scheduler.RunSweep();

        var silent = meters[1];
        var lost = Assert.Single(sink.Events.OfType<CommsEvent>());
        Assert.Equal(MeteringEventKind.CommsLost, lost.Kind);
        Assert.Equal(MeterProfile.Kestrel.ServerLower, lost.MeterAddress);
        Assert.Equal(ReadStatus.NoResponse, lost.LastStatus);
        Assert.Equal(9, sink.Readings.Count(r => r.Meter == silent));
        Assert.All(sink.Readings.Where(r => r.Meter == silent), r => Assert.Equal(ReadingQuality.CommsLost, r.Quality));
        Assert.All(sink.Readings.Where(r => r.Meter != silent), r => Assert.Equal(ReadingQuality.Good, r.Quality));
        // One association attempt costs the silent meter's timeouts; its remaining items are backed off without bus time.
        Assert.Equal(2, f.Reader.Associations);
    }

    [Fact]
    public void Get_with_list_reads_several_attributes_in_one_request_with_per_item_results()
    {
        using var f = new DlmsFeeder(MeterProfile.Sunbird);
        var meter = f.Meter(MeterProfile.Sunbird);
        f.Reader.Declare(17, DlmsFeeder.Profile(MeterProfile.Sunbird));
        var targets = new[]
        {
            new CosemAttributeRef(3, ObisName.Parse("1-0:1.8.0*255"), 2),
            new CosemAttributeRef(3, ObisName.Parse("1-0:32.7.0*255"), 3),
            new CosemAttributeRef(3, ObisName.Parse("1-0:99.99.0*255"), 2), // not in the meter
            new CosemAttributeRef(1, MeterProfile.Sunbird.SerialNumber.ToBytes(), 2),
        };
        var values = targets.Select(_ => new MeterValue()).ToArray();
        var statuses = new ReadStatus[targets.Length];
        Assert.Equal(ReadStatus.Ok, f.Reader.Read(17, targets[0], values[0])); // opens the association
        int framesBefore = meter.FramesReceived;

        Assert.Equal(ReadStatus.Ok, f.Reader.ReadMany(17, targets, targets.Length, values, statuses));

        Assert.True(f.Reader.SupportsLists(17));
        Assert.Equal(1, meter.FramesReceived - framesBefore);
        Assert.Equal(new[] { ReadStatus.Ok, ReadStatus.Ok, ReadStatus.ObjectUndefined, ReadStatus.Ok }, statuses);
        Assert.Equal(meter.State.EnergyImportWh, values[0].Number);
        Assert.Equal((MeterValueKind.ScalerUnit, -1, Units.Volt), (values[1].Kind, values[1].Scaler, values[1].UnitCode));
        Assert.Equal(MeterProfile.Sunbird.Serial, values[3].BytesAsText());
    }

    [Fact]
    public void The_object_list_is_the_meters_own_and_refusals_map_to_typed_statuses()
    {
        using var f = new DlmsFeeder(MeterProfile.Sunbird);
        var state = f.Meter(MeterProfile.Sunbird).State;
        f.Reader.Declare(17, DlmsFeeder.Profile(MeterProfile.Sunbird));
        var list = new ArrayList();

        Assert.Equal(ReadStatus.Ok, f.Reader.ReadObjectList(17, list));

        var expected = state.Model.Objects.Select(o => (int)o.ClassId + "/" + o.LogicalName.ToDottedString());
        Assert.Equal(expected, list.Cast<CosemObjectInfo>().Select(o => o.ClassId + "/" + ObisCode.FromBytes(o.LogicalName, 0).ToDottedString()));
        var value = new MeterValue();
        Assert.Equal(ReadStatus.ObjectUndefined, f.Reader.Read(17, new CosemAttributeRef(3, ObisName.Parse("1-0:99.99.0*255"), 2), value));
        // Attribute 2 of the clock is writable, attribute 3 (time_zone) is not: read-write-denied.
        value.SetNumber(60);
        Assert.Equal(ReadStatus.AccessDenied, f.Reader.Write(17, new CosemAttributeRef(8, ObisName.Parse("0-0:1.0.0*255"), 3), value));
        Assert.Equal(ReadStatus.NotSupported, f.Reader.Read(99, new CosemAttributeRef(3, ObisName.Parse("1-0:1.8.0*255"), 2), value));
    }

    [Fact]
    public void A_wrong_password_is_access_denied_not_silence()
    {
        // The meter was given another password than the one in the gateway's key store.
        using var f = new DlmsFeeder(MeterProfile.Sunbird with { Password = "12345678"u8.ToArray() });
        var reader = new OpenAmi.Metering.Dlms.DlmsMeterReader(f.Port, new OpenAmi.Metering.Dlms.DlmsReaderOptions { ResponseTimeoutMs = 300 },
            new FixedSecret("00000000"u8.ToArray()), null, null);
        reader.Declare(17, DlmsFeeder.Profile(MeterProfile.Sunbird));

        var status = reader.Read(17, new CosemAttributeRef(3, ObisName.Parse("1-0:1.8.0*255"), 2), new MeterValue());

        Assert.Equal(ReadStatus.AccessDenied, status);
        Assert.False(ReadStatusNames.IsSilence(status));
    }

    private sealed class FixedSecret : OpenAmi.Metering.Dlms.IDlmsSecretStore
    {
        private readonly byte[] _password;

        public FixedSecret(byte[] password) => _password = password;

        public OpenAmi.Metering.Dlms.DlmsSecret Find(string secretRef) => new() { Password = _password };
    }

    private sealed class MemoryCounters : OpenAmi.Metering.Dlms.IInvocationCounterStore
    {
        public Dictionary<int, uint> Saved { get; } = new();

        public uint Load(int meterAddress) => Saved.GetValueOrDefault(meterAddress);

        public void Save(int meterAddress, uint next) => Saved[meterAddress] = next;
    }

    [Fact]
    public void Invocation_counters_persist_so_a_restarted_gateway_is_not_refused_by_a_meter_that_remembers_them()
    {
        var meter = MeterProfile.Kestrel with { KeepsInvocationCounter = true };
        using var f = new DlmsFeeder(meter);
        var counters = new MemoryCounters();
        var energy = new CosemAttributeRef(3, ObisName.Parse("1-0:1.8.0*255"), 2);
        var value = new MeterValue();
        uint? afterFirstBoot = null;
        foreach (int boot in new[] { 1, 2, 3 })
        {
            var reader = f.NewReader(counters);
            reader.Declare(meter.ServerLower, DlmsFeeder.Profile(meter));
            Assert.True(ReadStatus.Ok == reader.Read(meter.ServerLower, energy, value), "boot " + boot);
            reader.Release();
            afterFirstBoot ??= counters.Saved.GetValueOrDefault(meter.ServerLower);
        }

        // One block reserved per boot: each restart continues above every counter the last one could have used.
        Assert.Equal(afterFirstBoot + 2 * OpenAmi.Metering.Dlms.DlmsMeterReader.CounterBlock, counters.Saved[meter.ServerLower]);
        Assert.Equal(0, f.Meter(meter).Server.SecurityRejections);
    }
}
