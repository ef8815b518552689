using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.AutoProfile;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Tests.Support;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.AutoProfile;

/// <summary>
/// Auto-profile over a port-level fake meter (one read per scaler_unit, no batching). Logical names and classes
/// are the standard ones of IEC 62056-6-1 / the Blue Book as resolved in docs/vmrs.md.
/// </summary>
public class AutoProfilerTests
{
    private static VendorProfile Access() => ProfileReader.Load(@"{ ""id"": ""probe"", ""protocol"": ""dlms"", ""link"": { ""medium"": ""optical"", ""baud"": 9600 },
        ""address"": 16, ""dlms"": { ""client"": 16, ""logicalDevice"": 1 }, ""clockDeviation"": ""inverted"", ""items"": {} }").Profile!;

    [Fact]
    public void Gaps_name_what_is_missing_and_why_and_the_profile_reads_back_valid()
    {
        var meter = new FakeCosemMeters();
        meter.ObjectList(16,
            (3, "1-0:1.8.0*255"), (3, "1-0:1.7.0*255"), (4, "1-0:32.7.0*255"), (3, "1-0:14.7.0*255"),
            (8, "0-0:1.0.0*255"), (1, "0-0:96.1.0*255"), (1, "0-0:96.5.0*255"), (70, "0-0:96.3.10*255"),
            (112, "0-0:19.10.0*255"), (1, "0-0:0.1.0*255"), (1, "0-0:42.0.0*255"),
            (3, "1-0:2.8.0*255"),      // export is kept in VA h: a unit that cannot be active energy
            (1, "0-0:96.11.5*255"));
        meter.ScalerUnit(16, "1-0:1.8.0*255", 2, Units.WattHour);
        meter.ScalerUnit(16, "1-0:1.7.0*255", 0, Units.Watt);
        meter.ScalerUnit(16, "1-0:32.7.0*255", -1, Units.Volt);
        meter.ScalerUnit(16, "1-0:2.8.0*255", 0, 31); // 31 = VAh (Blue Book unit table)
        meter.Bytes(16, "0-0:42.0.0*255", 2, "XYZ0123456789ABC"u8.ToArray());

        var result = new AutoProfiler(meter).Build(16, Access(), "auto-fake");

        Assert.True(result.Validated.IsValid, string.Join("; ", result.Validated.Errors.Cast<ProfileError>()));
        var gaps = result.Gaps.Cast<ProfileGap>().Select(g => g.Item.Code + ": " + g.Reason).ToArray();
        Assert.Equal(new[]
        {
            "2.8.0: unit \"VAh\" (31) cannot express kWh",
            "14.7.0: scaler_unit unreadable: object_undefined",
        }, gaps);
        var profile = result.Profile!;
        Assert.Equal("XYZ", profile.Vendor);
        Assert.True(profile.InvertedDeviationSign);
        Assert.Equal(LinkMedium.Optical, profile.Medium);
        Assert.Equal(10, profile.Items.Length);
        var voltage = profile.Find(VmrsCatalogue.Find("32.7.0"))!;
        Assert.Equal((4, -1, Units.Volt), (voltage.Target.ClassId, voltage.Scaler, voltage.UnitCode));
        Assert.Equal(112, profile.Find(VmrsCatalogue.Find(VmrsCatalogue.Credit))!.Target.ClassId);
        Assert.Equal(13, result.ObjectCount);
    }

    [Fact]
    public void An_unreadable_object_list_gives_no_profile()
    {
        var meter = new FakeCosemMeters();
        meter.Silent.Add(16);

        var result = new AutoProfiler(meter).Build(16, Access(), "auto-fake");

        Assert.Equal(OpenAmi.Metering.Data.ReadStatus.NoResponse, result.Status);
        Assert.Null(result.Profile);
        Assert.Null(result.Json);
    }
}
