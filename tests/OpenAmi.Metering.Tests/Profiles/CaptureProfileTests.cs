using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.AutoProfile;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Tests.Support;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Profiles;

/// <summary>
/// The vendor profile's "profiles": which Profile generic object holds which VMRS registers. Logical names are the
/// standard ones (IEC 62056-6-1: 1-0:99.1.0 load profile 1, 0-0:98.1.0 data of billing period 1) and the capture
/// objects those of the Gurux meter in the shared profile recordings' README ("Objects").
/// </summary>
public class CaptureProfileTests
{
    private const string Head = @"{ ""id"": ""lp"", ""protocol"": ""dlms"", ""link"": { ""medium"": ""rs485"" }, ""address"": 17, ";

    [Fact]
    public void Columns_capture_the_polled_register_unless_they_name_another()
    {
        var profile = Valid(Head + @"""items"": { ""1.8.0"": { ""class"": 4, ""logicalName"": ""1-0:1.8.0*255"", ""scaler"": 1, ""unit"": ""Wh"" } },
            ""profiles"": [
              { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {}, ""32.7.0"": { ""scaler"": -1, ""unit"": ""V"" } } },
              { ""logicalName"": ""0-0:98.1.0*255"", ""kind"": ""billing"", ""columns"": { ""1.8.0"": { ""logicalName"": ""1-0:1.8.0*101"", ""class"": 3 } } } ] }");

        Assert.Equal(2, profile.Profiles.Length);
        var load = profile.FindProfile(CaptureProfileKind.Load)!;
        Assert.Equal(ObisName.Parse("1-0:99.1.0*255"), load.LogicalName);
        var energy = load.Columns[0];
        Assert.Equal((4, "1-0:1.8.0*255", 2, true, 1, Units.WattHour),
            (energy.Target.ClassId, ObisName.Format(energy.Target.LogicalName), energy.Target.Attribute, energy.HasScaler, energy.Scaler, energy.UnitCode));
        var voltage = load.Columns[1];
        Assert.Equal((3, "1-0:32.7.0*255", -1, Units.Volt), (voltage.Target.ClassId, ObisName.Format(voltage.Target.LogicalName), voltage.Scaler, voltage.UnitCode));
        var billing = profile.FindProfile(CaptureProfileKind.Billing)!.Columns[0];
        Assert.Equal((3, "1-0:1.8.0*101", false, -1), (billing.Target.ClassId, ObisName.Format(billing.Target.LogicalName), billing.HasScaler, billing.UnitCode));
    }

    [Fact]
    public void A_variant_or_reduced_copy_of_the_profile_keeps_its_profiles()
    {
        var profile = Valid(Head + @"""items"": { ""1.8.0"": {}, ""32.7.0"": {} },
            ""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {} } } ] }");

        Assert.Single(profile.Without(VmrsCatalogue.Find("32.7.0")).Profiles);
    }

    [Theory]
    [InlineData(@"""profiles"": {}", "$.profiles", "expected an array of {logicalName, kind, columns}")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""load-1"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {} } } ]", "$.profiles[0].logicalName", ObisName.ExpectedForms)]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""daily"", ""columns"": { ""1.8.0"": {} } } ]", "$.profiles[0].kind", "expected \"load\" or \"billing\"")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""columns"": { ""1.8.0"": {} } } ]", "$.profiles[0].kind", "required")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": {} } ]", "$.profiles[0].columns", "name at least one VMRS register the profile captures")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.9.0"": {} } } ]", "$.profiles[0].columns[\"1.9.0\"]", "not a VMRS code")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""96.5.0"": {} } } ]", "$.profiles[0].columns[\"96.5.0\"]", "Internal operating / alarm status is not a scaled register value a profile column can carry")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": { ""unit"": ""V"" } } } ]", "$.profiles[0].columns[\"1.8.0\"].unit", "\"V\" cannot express Active energy import (total) (kWh)")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {} }, ""period"": 900 } ]", "$.profiles[0].period", "unknown member (allowed: \"logicalName\", \"kind\" or \"columns\")")]
    [InlineData(@"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {} } }, { ""logicalName"": ""1.0.99.1.0.255"", ""kind"": ""billing"", ""columns"": { ""1.8.0"": {} } } ]", "$.profiles[1].logicalName", "1.0.99.1.0.255 is already listed")]
    public void Profile_mistakes_are_reported_with_their_path(string profiles, string path, string reason)
    {
        var result = ProfileReader.Load(Head + @"""items"": { ""1.8.0"": {} }, " + profiles + " }");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors.Cast<ProfileError>(), e => e.Path == path && e.Reason == reason);
    }

    [Fact]
    public void A_modbus_meter_has_no_profiles()
    {
        var result = ProfileReader.Load(@"{ ""id"": ""m"", ""protocol"": ""modbus"", ""link"": { ""medium"": ""rs485"" }, ""address"": 1,
            ""items"": { ""1.8.0"": { ""function"": 4, ""register"": 72, ""encoding"": ""float32"", ""scaler"": 3, ""unit"": ""Wh"" } },
            ""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {} } } ] }");

        Assert.Contains(result.Errors.Cast<ProfileError>(), e => e.Path == "$.profiles" && e.Reason.StartsWith("Profile generic objects are DLMS", StringComparison.Ordinal));
    }

    [Fact]
    public void Auto_profile_proposes_the_class_7_objects_that_capture_the_clock_and_a_register_found()
    {
        var meter = new FakeCosemMeters();
        meter.ObjectList(17,
            (8, "0-0:1.0.0*255"), (3, "1-0:1.8.0*255"), (3, "1-0:32.7.0*255"),
            (7, "1-0:99.1.0*255"), (7, "0-0:98.1.0*255"),
            (7, "0-0:99.98.0*255"),   // an event log: captures no register the profile maps
            (7, "1-0:99.2.0*255"));   // capture_objects unreadable
        meter.ScalerUnit(17, "1-0:1.8.0*255", 1, Units.WattHour);
        meter.ScalerUnit(17, "1-0:32.7.0*255", -1, Units.Volt);
        // README of the Gurux recordings, "Objects": the load profile captures clock, +A, voltage every 900 s; the
        // daily billing profile clock, +A and its two rates every 86400 s.
        meter.Data(17, "1-0:99.1.0*255", 3, Captures("0.0.1.0.0.255", 8, "1.0.1.8.0.255", 3, "1.0.32.7.0.255", 3));
        meter.Number(17, "1-0:99.1.0*255", 4, 900);
        meter.Data(17, "0-0:98.1.0*255", 3, Captures("0.0.1.0.0.255", 8, "1.0.1.8.0.255", 3, "1.0.1.8.1.255", 3, "1.0.1.8.2.255", 3));
        meter.Number(17, "0-0:98.1.0*255", 4, 86400);
        meter.Data(17, "0-0:99.98.0*255", 3, Captures("0.0.1.0.0.255", 8, "0.0.96.11.0.255", 1));
        meter.Number(17, "0-0:99.98.0*255", 4, 0);
        var access = Valid(Head + @"""items"": {} }");

        var result = new AutoProfiler(meter).Build(17, access, "auto-lp");

        Assert.True(result.Validated.IsValid, string.Join("; ", result.Validated.Errors.Cast<ProfileError>().Select(e => e.Path + ": " + e.Reason)));
        var profiles = result.Profile!.Profiles;
        Assert.Equal(2, profiles.Length);
        Assert.Equal(("1-0:99.1.0*255", CaptureProfileKind.Load), (ObisName.Format(profiles[0].LogicalName), profiles[0].Kind));
        Assert.Equal(new[] { "1.8.0", "32.7.0" }, profiles[0].Columns.Select(c => c.Item.Code));
        Assert.Equal((1, Units.WattHour), (profiles[0].Columns[0].Scaler, profiles[0].Columns[0].UnitCode));
        Assert.Equal(("0-0:98.1.0*255", CaptureProfileKind.Billing), (ObisName.Format(profiles[1].LogicalName), profiles[1].Kind));
        Assert.Equal(new[] { "1.8.0" }, profiles[1].Columns.Select(c => c.Item.Code));
    }

    private static VendorProfile Valid(string json)
    {
        var result = ProfileReader.Load(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>().Select(e => e.Path + ": " + e.Reason)));
        return result.Profile!;
    }

    /// <summary>capture_objects: (logical name, class) pairs, attribute 2, data index 0.</summary>
    private static DataValue Captures(params object[] pairs) => DataValue.FromArray(Enumerable.Range(0, pairs.Length / 2)
        .Select(i => new CaptureObject((ushort)(int)pairs[2 * i + 1], ObisCode.Parse((string)pairs[2 * i]), 2, 0).ToData()).ToArray());
}
