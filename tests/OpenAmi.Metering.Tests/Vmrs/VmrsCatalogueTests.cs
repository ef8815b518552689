using System.Text.Json;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Vmrs;

public class VmrsCatalogueTests
{
    /// <summary>The published draft (docs/specs/vmrs-registers.json, the project's copy of the shared spec), read independently of the firmware.</summary>
    private static JsonElement[] DraftRegisters()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OpenAmi.Firmware.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir!.FullName, "docs", "specs", "vmrs-registers.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("registers").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Fact]
    public void Every_draft_register_is_in_the_catalogue_with_its_unit_requirement_and_tier()
    {
        var draft = DraftRegisters();
        Assert.Equal(draft.Length, VmrsCatalogue.Items.Length);
        foreach (var register in draft)
        {
            string key = register.GetProperty("obis").GetString()!;
            var item = VmrsCatalogue.Items.Single(i => i.DraftCode == key);
            Assert.Equal(register.GetProperty("unit").GetString(), item.Unit);
            Assert.Equal(register.GetProperty("certainty").GetString()![0], item.Tier);
            var required = register.GetProperty("required");
            var expected = required.ValueKind == JsonValueKind.String ? VmrsRequirement.IfPrepaid
                : required.GetBoolean() ? VmrsRequirement.Required : VmrsRequirement.Optional;
            Assert.Equal(expected, item.Requirement);
        }
    }

    [Theory]
    // Errata of the published draft, listed in docs/vmrs.md (checked against IEC 62056-6-1):
    [InlineData("0.0.0", "0.0.1.0.0.255", 8, "0-0:1.0.0*255")]       // clock is 0-0:1.0.0*255, class 8
    [InlineData("96.1.0", "0.0.0.1.0.255", 1, "0-0:0.1.0*255")]      // billing period counter is 0.1.0
    [InlineData("96.8.0", "0.0.19.10.0.255", 112, "0-0:19.10.0*255")] // credit lives in the prepayment classes
    [InlineData("0.0.96.3.10.255", "0.0.96.3.10.255", 70, "0-0:96.3.10*255")] // disconnect control, class 70
    public void Errata_are_resolved(string draftKey, string code, int classId, string logicalName)
    {
        var item = VmrsCatalogue.Find(code)!;
        Assert.Equal(draftKey, item.DraftCode);
        Assert.Equal(classId, item.ClassId);
        Assert.Equal(logicalName, ObisName.Format(item.LogicalName));
    }

    [Fact]
    public void Serial_is_read_from_the_device_id_group()
    {
        var serial = VmrsCatalogue.Find(VmrsCatalogue.DeviceId)!;
        Assert.Equal("0-0:96.1.0*255", ObisName.Format(serial.LogicalName));
        Assert.Equal("0-0:96.1.1*255", ObisName.Format(serial.AlternateNames[0]));
    }

    [Fact]
    public void A_draft_key_that_an_erratum_renamed_is_not_a_code()
    {
        Assert.Null(VmrsCatalogue.Find("96.8.0"));
        Assert.Equal(VmrsCatalogue.Credit, VmrsCatalogue.FindRenamed("96.8.0")!.Code);
        Assert.Null(VmrsCatalogue.FindRenamed("1.8.0"));
    }

    [Theory]
    [InlineData(2301, -1, 230.1)]
    [InlineData(12345, 1, 123450)]
    [InlineData(5, -3, 0.005)]
    public void Scaling_is_exact_for_decimal_scalers(double raw, int scaler, double expected)
    {
        Assert.Equal(expected, UnitCodes.Scale(raw, scaler));
    }

    // A register's scaler and its unit's conversion to the VMRS unit are one power of ten: an SDM120 float32 kWh
    // register mapped as Wh with scaler 3 publishes the decoded value unchanged (× 1000 × 0.001 would give
    // 1400.8007999999998 for 1400.8008); a DLMS Wh integer with scaler 0 becomes kWh by one exact division.
    [Theory]
    [InlineData(1400.8008, 3, 1400.8008)]
    [InlineData(1003413, 0, 1003.413)]
    [InlineData(130000, 1, 1300)]
    public void Energy_in_wh_reaches_kwh_in_one_exact_step(double raw, int scaler, double expectedKWh)
    {
        int exponent = UnitCodes.ExponentToVmrs(OpenAmi.Dlms.Cosem.Units.WattHour, "kWh");
        Assert.Equal(-3, exponent);
        Assert.Equal(expectedKWh, UnitCodes.Scale(raw, scaler + exponent));
        Assert.Equal(0, UnitCodes.ExponentToVmrs(OpenAmi.Dlms.Cosem.Units.Watt, "W"));
    }
}
