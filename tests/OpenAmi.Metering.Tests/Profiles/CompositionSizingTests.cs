using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Tests.Support;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Profiles;

/// <summary>
/// Issue 15: what the gateway makes for its meters at composition is sized from what they map. Expected values come
/// from the profile texts themselves (BuiltInProfiles: the register numbers of the CHINT DDSU666 and Hiking DDS238
/// tables they cite, the generic DLMS profile's nine OBIS items) and from VMRS (docs/vmrs.md: 1.8.0 and 2.8.0 are the
/// two active-energy registers; a register's scaler_unit is its attribute 3, IEC 62056-6-2 class 3).
/// </summary>
public class CompositionSizingTests
{
    [Theory]
    [InlineData("hiking-dds238")]
    [InlineData("chint-ddsu666")]
    [InlineData("dlms-generic-single-phase")]
    public void A_profile_read_through_a_shared_index_table_equals_one_read_alone(string id)
    {
        var text = new byte[BuiltInProfiles.All.Max(p => p.Length) * 3];
        int tableLength = BuiltInProfiles.Ids.Max(other => BuiltInProfiles.TableLength(other, text));
        var table = new int[tableLength];
        // Another profile's index first, so the table holds stale values when this one is read into it.
        BuiltInProfiles.Load(BuiltInProfiles.Ids.First(other => other != id), text, table);

        VendorProfile shared = BuiltInProfiles.Load(id, text, table)!;
        VendorProfile alone = ProfileReader.Load(BuiltInProfiles.All[Array.IndexOf(BuiltInProfiles.Ids, id)]).Profile!;

        Assert.Equal(Describe(alone), Describe(shared));
    }

    [Fact]
    public void The_shared_table_holds_the_hiking_profile_registers_from_its_manual()
    {
        var text = new byte[4096];
        var table = new int[BuiltInProfiles.TableLength("hiking-dds238", text)];
        VendorProfile hiking = BuiltInProfiles.Load("hiking-dds238", text, table)!;

        // DDS238 table: 000Ch voltage, 000Eh power, 0011h frequency; variant import-000A: import 000Ah, export 0008h.
        Assert.Equal(new[] { 12, 14, 17 }, hiking.Items.Select(i => i.Modbus.Register).ToArray());
        Assert.Equal(new[] { 10, 8 }, hiking.Variants[0].Items.Select(i => i.Modbus.Register).ToArray());
        Assert.Equal(0, BuiltInProfiles.TableLength("no-such-profile", text));
    }

    [Fact]
    public void The_gateway_copy_of_a_profile_lists_no_gaps_and_the_full_read_does()
    {
        string json = BuiltInProfiles.DlmsSinglePhase;
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);

        Assert.Null(ProfileReader.LoadForGateway(utf8, utf8.Length).Gaps);
        // VMRS has 12 items; the generic DLMS profile maps 9 of them.
        Assert.Equal(12 - 9, ProfileReader.Load(json).Gaps.Count);
    }

    [Fact]
    public void Only_active_energy_items_keep_an_energy_track()
    {
        var feeder = new Feeder();
        MeterRecord meter = new(feeder.Meters, 17, feeder.Profile);

        var withTrack = VmrsCatalogue.Items.Where((item, i) => meter.Items[i]?.Energy != null).Select(item => item.Code);
        Assert.Equal(new[] { "1.8.0", "2.8.0" }, withTrack.OrderBy(c => c).ToArray());
    }

    [Fact]
    public void An_items_scaler_target_is_attribute_3_of_its_object_made_once()
    {
        var feeder = new Feeder();
        MeterRecord meter = new(feeder.Meters, 17, feeder.Profile);
        ItemState voltage = meter.State(VmrsCatalogue.Find("32.7.0")!)!;

        var target = voltage.ScalerTarget;
        Assert.Equal(3, target.ClassId);
        Assert.Equal(new byte[] { 1, 0, 32, 7, 0, 255 }, target.LogicalName);
        Assert.Equal(3, target.Attribute);
        Assert.Same(target, voltage.ScalerTarget);
    }

    [Fact]
    public void A_poller_that_never_had_a_read_now_request_steps_and_then_takes_one()
    {
        var feeder = new Feeder();
        MeterRecord meter = feeder.AddMeter(17, "SER-17", importKWh: 5);
        feeder.Scheduler.RunSweep();
        int before = feeder.Sink.Readings.Count;

        Assert.True(feeder.Scheduler.NextDueMs() > feeder.Clock.NowMs);
        Assert.True(feeder.Scheduler.RequestNow(meter, VmrsCatalogue.Find(VmrsCatalogue.ActiveEnergyImport)!));
        Assert.Equal(feeder.Clock.NowMs, feeder.Scheduler.NextDueMs());
        Assert.True(feeder.Scheduler.Step());
        Assert.Equal(5, feeder.Sink.Readings.Skip(before).Single().Number);
    }

    private static string Describe(VendorProfile p) =>
        string.Join(";", new[] { p.Id, p.Protocol.ToString(), p.Baud.ToString(), p.DefaultAddress.ToString(), p.ImportOnly.ToString() }
            .Concat(p.Items.Select(Item))
            .Concat(p.Variants.Select(v => v.Id + ":" + string.Join(",", v.Items.Select(Item)) + (v.Total == null ? "" : "+" + Item(v.Total)))));

    private static string Item(ProfileItem i) =>
        $"{i.Item.Code}/{i.Target.ClassId}/{Convert.ToHexString(i.Target.LogicalName)}/{i.Target.Attribute}/{i.HasScaler}/{i.Scaler}/{i.UnitCode}" +
        (i.Modbus == null ? "" : $"/{i.Modbus.Function}/{i.Modbus.Register}/{i.Modbus.Encoding}/{i.Modbus.Order}");
}
