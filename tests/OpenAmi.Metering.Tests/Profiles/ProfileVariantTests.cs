using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Profiles;

/// <summary>
/// Register layouts of one model name, as the documents give them: Hiking DDS238-4 W manual 9.3 and the published
/// DDS238-2 ZN/S holding-register table (export 0008h, import 000Ah, total 0000h, 0.01 kWh); the "version 1" DDS238
/// layout (export 0004h, import 0006h); CHINT DDSU666 manual ZTY0.464.922 (4000H ImpEp, which on the base meter also
/// counts reverse energy; 400AH ExpEp not supported on the DDSU666; Addr = label's last two digits); Eastron
/// SDM120-Modbus protocol V2.4 (factory 2400 Bd 8N1, address 1).
/// </summary>
public class ProfileVariantTests
{
    private static VendorProfile Load(string json) => ProfileReader.Load(json).Profile!;

    private static List<string> Errors(string json) =>
        ProfileReader.Load(json).Errors.Cast<ProfileError>().Select(e => e.ToString()).ToList();

    private static int Register(ProfileVariant variant, string code) => variant.Items.Single(i => i.Item.Code == code).Modbus!.Register;

    [Fact]
    public void Dds238_lists_both_energy_layouts_with_the_total_that_tells_them_apart()
    {
        var profile = Load(BuiltInProfiles.HikingDds238);

        Assert.Equal(new[] { "import-000A", "import-0006" }, profile.Variants.Select(v => v.Id));
        Assert.Equal((0x000A, 0x0008), (Register(profile.Variants[0], "1.8.0"), Register(profile.Variants[0], "2.8.0")));
        Assert.Equal((0x0006, 0x0004), (Register(profile.Variants[1], "1.8.0"), Register(profile.Variants[1], "2.8.0")));
        Assert.All(profile.Variants, v => Assert.Equal(0x0000, v.Total!.Modbus!.Register));
        // OBIS 1-0:15.8.0*255, active energy |+A| + |-A| (IEC 62056-6-1 quantity 15): what the DDS238 "total" is.
        Assert.All(profile.Variants, v => Assert.Equal(new byte[] { 1, 0, 15, 8, 0, 255 }, v.Total!.Target.LogicalName));
        // Energy is not guessed before registration: only the items every layout shares are common.
        Assert.Null(profile.Find(VmrsCatalogue.Find("1.8.0")!));
        Assert.Equal(0x000C, profile.Find(VmrsCatalogue.Find("32.7.0")!)!.Modbus!.Register);
        Assert.DoesNotContain(ProfileReader.Load(BuiltInProfiles.HikingDds238).Gaps.Cast<VmrsItem>(), g => g.Code is "1.8.0" or "2.8.0");
    }

    [Fact]
    public void A_variant_profile_carries_the_common_items_and_its_own()
    {
        var profile = Load(BuiltInProfiles.HikingDds238);
        var layout = profile.WithVariant(profile.Variants[1]);

        Assert.Same(profile.Variants[1], layout.Variant);
        Assert.Equal(0x0006, layout.Find(VmrsCatalogue.Find("1.8.0")!)!.Modbus!.Register);
        Assert.Equal(0x000E, layout.Find(VmrsCatalogue.Find("1.7.0")!)!.Modbus!.Register);
        Assert.Equal(profile.Id, layout.Id);
        Assert.True(layout.ImportOnly);
        Assert.Null(profile.CommonOnly().Variant);
        Assert.Equal(3, profile.CommonOnly().Items.Length);
    }

    [Fact]
    public void Ddsu666_base_meter_sums_both_directions_and_has_no_export_register()
    {
        var profile = Load(BuiltInProfiles.ChintDdsu666);

        Assert.Equal(new[] { "bidirectional", "base" }, profile.Variants.Select(v => v.Id));
        Assert.Equal((0x4000, 0x400A), (Register(profile.Variants[0], "1.8.0"), Register(profile.Variants[0], "2.8.0")));
        Assert.False(profile.Variants[0].ImportIncludesExport);
        Assert.Equal(0x4000, Register(profile.Variants[1], "1.8.0"));
        Assert.DoesNotContain(profile.Variants[1].Items, i => i.Item.Code == "2.8.0");
        Assert.True(profile.Variants[1].ImportIncludesExport);
        Assert.True(profile.AddressFromLabel);
    }

    [Fact]
    public void Sdm120_link_is_the_factory_default_of_protocol_v2()
    {
        var profile = Load(BuiltInProfiles.EastronSdm120);

        Assert.Equal((2400, Parity.None, 1, 8, 1), (profile.Baud, profile.Parity, profile.StopBits, profile.DataBits, profile.DefaultAddress));
        Assert.False(profile.AddressFromLabel);
        Assert.Empty(profile.Variants);
    }

    [Fact]
    public void An_import_only_model_whose_layout_sums_both_directions_cannot_check_reverse_energy()
    {
        var profile = Load(BuiltInProfiles.ChintDdsu666.Replace("\"address\": 1,", "\"address\": 1, \"importOnly\": true,"));

        Assert.True(profile.WithVariant(profile.Variants[0]).ChecksReverseEnergy);
        Assert.False(profile.WithVariant(profile.Variants[1]).ChecksReverseEnergy);
        Assert.False(Load(BuiltInProfiles.ChintDdsu666).WithVariant(profile.Variants[0]).ChecksReverseEnergy);
    }

    private const string Head = """
        { "id": "x", "protocol": "modbus", "link": { "medium": "rs485" },
          "items": { "32.7.0": { "function": 3, "register": 0, "encoding": "uint16", "scaler": -1, "unit": "V" } },
        """;

    [Fact]
    public void Variant_errors_name_their_path()
    {
        var errors = Errors(Head + """
            "variants": [
              { "id": "a", "evidence": "e", "items": { "32.7.0": { "function": 3, "register": 2, "encoding": "uint16", "scaler": -1, "unit": "V" } } },
              { "id": "a", "evidnce": "typo", "items": {}, "total": { "function": 3, "register": 4, "encoding": "uint32", "unit": "W" } }
            ] }
            """);

        Assert.Contains("$.variants[0].items[\"32.7.0\"]: already mapped by the profile's common items", errors);
        Assert.Contains("$.variants[1].id: \"a\" is already a variant of this profile", errors);
        Assert.Contains(errors, e => e.StartsWith("$.variants[1].evidnce: "));
        Assert.Contains(errors, e => e.StartsWith("$.variants[1].evidence: "));
        Assert.Contains("$.variants[1].total.unit: \"W\" cannot express Active energy import (total) (kWh)", errors);
    }

    [Fact]
    public void Variants_are_refused_on_dlms_profiles_and_unknown_address_rules_are_named()
    {
        var dlms = Errors("""
            { "id": "d", "protocol": "dlms", "link": { "medium": "rs485" }, "items": {}, "variants": [ { "id": "a", "evidence": "e", "items": {} } ] }
            """);
        var rule = Errors(Head + """ "addressRule": "dip-switch" } """);

        Assert.Single(dlms);
        Assert.StartsWith("$.variants: variants are register layouts of Modbus models", dlms[0]);
        Assert.Single(rule);
        Assert.StartsWith("$.addressRule: ", rule[0]);
    }
}
