using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Profiles;

public class ProfileReaderTests
{
    private static List<string> Errors(string json) =>
        ProfileReader.Load(json).Errors.Cast<ProfileError>().Select(e => e.ToString()).ToList();

    [Fact]
    public void Every_built_in_profile_is_valid()
    {
        foreach (var json in BuiltInProfiles.All)
        {
            var result = ProfileReader.Load(json);
            Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>()));
        }
    }

    [Fact]
    public void Each_built_in_id_names_the_profile_at_its_index_and_loads_only_that_one()
    {
        Assert.Equal(BuiltInProfiles.All.Length, BuiltInProfiles.Ids.Length);
        for (int i = 0; i < BuiltInProfiles.All.Length; i++)
        {
            string parsedId = ProfileReader.Load(BuiltInProfiles.All[i]).Profile!.Id;
            Assert.Equal(parsedId, BuiltInProfiles.Ids[i]);
            Assert.True(BuiltInProfiles.Has(parsedId));
            Assert.Equal(parsedId, BuiltInProfiles.Load(parsedId)!.Id);
        }
    }

    [Fact]
    public void Loading_a_profile_allocates_its_text_index_and_objects_not_a_node_tree()
    {
        // Issue 15: hiking-dds238 (2,226 characters) took 21.8 KB of heap while read through a node tree (18.7 KB of it
        // the tree); read through a JsonIndex 10.2 KB, and 8.8 KB once its "source" text is not kept and an item's
        // error path is built only for an error (`openami bench device` measures the whole composition).
        BuiltInProfiles.Load("hiking-dds238");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var profile = BuiltInProfiles.Load("hiking-dds238");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, profile!.Variants.Length);
        Assert.InRange(allocated, 1, 9 * 1024);
    }

    [Fact]
    public void A_built_in_text_length_is_its_utf8_byte_count()
    {
        for (int i = 0; i < BuiltInProfiles.All.Length; i++)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(BuiltInProfiles.All[i]), BuiltInProfiles.TextLength(BuiltInProfiles.Ids[i]));
        }

        Assert.Equal(0, BuiltInProfiles.TextLength("profile-on-flash"));
    }

    [Fact]
    public void The_gateway_copy_keeps_no_descriptions_and_the_tools_copy_keeps_them()
    {
        var tools = ProfileReader.Load(BuiltInProfiles.HikingDds238).Profile!;
        var gateway = BuiltInProfiles.Load("hiking-dds238")!;

        // Hiking DDS238's "vendor" and its first variant's "evidence", as written in BuiltInProfiles.
        Assert.Equal("Hiking", tools.Vendor);
        Assert.StartsWith("DDS238-4 W manual 9.3", tools.Variants[0].Evidence);
        Assert.Null(gateway.Vendor);
        Assert.Null(gateway.Model);
        Assert.Null(gateway.Variants[0].Evidence);
        Assert.Equal(tools.Variants[0].Items[0].Modbus.Register, gateway.Variants[0].Items[0].Modbus.Register);
    }

    [Fact]
    public void The_gateway_copy_still_checks_the_descriptions()
    {
        string json = BuiltInProfiles.HikingDds238.Replace("\"model\": \"DDS238 (-1/-2/-4 W)\"", "\"model\": 238");
        Assert.NotEqual(BuiltInProfiles.HikingDds238, json);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        var result = ProfileReader.LoadForGateway(utf8, utf8.Length);

        Assert.Null(result.Profile);
        Assert.Equal(new[] { "$.model: expected a string" }, result.Errors.Cast<ProfileError>().Select(e => e.ToString()));
    }

    [Fact]
    public void Profiles_read_through_one_text_buffer_allocate_no_copy_of_their_text()
    {
        // Issue 15: the composition reads every built-in profile it names through one buffer sized for the longest.
        var text = new byte[BuiltInProfiles.TextLength("hiking-dds238")];
        BuiltInProfiles.Load("hiking-dds238", text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        BuiltInProfiles.Load("hiking-dds238");
        long own = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var profile = BuiltInProfiles.Load("hiking-dds238", text);
        long shared = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        BuiltInProfiles.Load("chint-ddsu666", text); // shorter: fits the same buffer
        long shorter = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, profile!.Variants.Length);
        Assert.InRange(own - shared, text.Length, text.Length + 32);
        Assert.InRange(shared, 1, 6 * 1024);
        Assert.InRange(shorter, 1, 6 * 1024);
    }

    [Fact]
    public void A_source_that_is_not_a_string_is_refused_though_the_gateway_does_not_keep_it()
    {
        string json = BuiltInProfiles.DlmsSinglePhase.Replace("\"source\": \"IEC 62056-6-1 OBIS codes as resolved in docs/vmrs.md\"", "\"source\": 62056");
        Assert.NotEqual(BuiltInProfiles.DlmsSinglePhase, json);
        Assert.Equal(new[] { "$.source: expected a string" }, Errors(json));
    }

    [Fact]
    public void A_member_given_twice_is_refused_as_invalid_json()
    {
        var errors = Errors("{\"id\":\"a\",\"id\":\"b\"}");
        Assert.Single(errors);
        Assert.Contains("duplicate member name 'id'", errors[0]);
    }

    [Fact]
    public void An_id_that_is_not_built_in_loads_nothing()
    {
        Assert.False(BuiltInProfiles.Has("profile-on-flash"));
        Assert.Null(BuiltInProfiles.Load("profile-on-flash"));
    }

    [Fact]
    public void Sdm120_maps_import_energy_to_input_register_30073_as_float_kwh()
    {
        // Eastron SDM120 Modbus protocol: 30073 (start address 0x0048) import active energy, float, kWh, function 04.
        var profile = ProfileReader.Load(BuiltInProfiles.EastronSdm120).Profile!;
        var point = profile.Find(VmrsCatalogue.Find("1.8.0")!)!.Modbus!;
        Assert.Equal(4, point.Function);
        Assert.Equal(0x0048, point.Register);
        Assert.Equal(RegisterEncoding.Float32, point.Encoding);
        Assert.Equal(3, point.Scaler); // kWh = 10^3 Wh
    }

    [Fact]
    public void Errors_name_the_path_and_the_reason_and_all_are_reported()
    {
        var errors = Errors("""
        {
          "id": "bad profile",
          "protocol": "modbus",
          "link": { "medium": "optical", "baud": 9601 },
          "address": 300,
          "items": {
            "96.8.0": {},
            "1.8.0": { "function": 6, "register": 70000, "encoding": "float64", "unit": "W" },
            "32.7.0": { "function": 4, "register": 0, "encoding": "float32", "unit": "V", "scalar": 0 }
          },
          "statusBits": [ { "bit": 3, "name": "cover_open", "tamper": true }, { "bit": 3, "name": "again" } ]
        }
        """);
        Assert.Contains("$.id: character ' ' not allowed (letters, digits, '-', '_', '.')", errors);
        Assert.Contains("$.link.medium: Modbus RTU meters are read over RS-485, not the optical port", errors);
        Assert.Contains("$.link.baud: not a standard serial baud rate (300 … 115200)", errors);
        Assert.Contains("$.address: 300 is outside 1 … 247", errors);
        Assert.Contains("$.items[\"96.8.0\"]: draft key \"96.8.0\" was corrected to \"0.0.19.10.0.255\" (Remaining credit / prepayment balance); see docs/vmrs.md", errors);
        Assert.Contains("$.items[\"1.8.0\"].function: 6 is outside 3 … 4", errors);
        Assert.Contains("$.items[\"1.8.0\"].register: 70000 is outside 0 … 65535", errors);
        Assert.Contains("$.items[\"1.8.0\"].encoding: expected \"uint16\", \"int16\", \"uint32\", \"int32\" or \"float32\"", errors);
        Assert.Contains("$.items[\"1.8.0\"].unit: \"W\" cannot express Active energy import (total) (kWh)", errors);
        Assert.Contains(errors, e => e.StartsWith("$.items[\"32.7.0\"].scalar: unknown member"));
        Assert.Contains("$.statusBits[1].bit: bit 3 is already named", errors);
    }

    [Fact]
    public void Secrets_are_refused_and_authentication_needs_a_secret_reference()
    {
        var errors = Errors("""
        { "id": "x", "protocol": "dlms", "link": { "medium": "rs485" },
          "dlms": { "authentication": "low", "password": "00000000" }, "items": {} }
        """);
        Assert.Contains("$.dlms.password: secrets do not belong in profiles: name the key-store entry with \"secretRef\"", errors);
        Assert.Contains(errors, e => e.StartsWith("$.dlms.secretRef: required"));
    }

    [Fact]
    public void Garbage_json_is_one_error_at_the_root()
    {
        var result = ProfileReader.Load("{ \"id\": ");
        Assert.False(result.IsValid);
        Assert.StartsWith("$: not valid JSON", result.Errors.Cast<ProfileError>().Single().ToString());
    }

    [Fact]
    public void Dlms_items_default_to_the_catalogue_object_and_accept_overrides()
    {
        var profile = ProfileReader.Load("""
        { "id": "v", "protocol": "dlms", "link": { "medium": "optical", "baud": 9600 }, "tokenEncoding": "bcd10",
          "items": { "1.8.0": { "logicalName": "1-0:1.8.0*101", "scaler": -2, "unit": "Wh" }, "32.7.0": {} },
          "statusBits": [ { "bit": 0, "name": "cover_open", "tamper": true } ] }
        """).Profile!;
        var energy = profile.Find(VmrsCatalogue.Find("1.8.0")!)!;
        Assert.Equal("1-0:1.8.0*101", ObisName.Format(energy.Target.LogicalName));
        Assert.True(energy.HasScaler);
        Assert.Equal(-2, energy.Scaler);
        Assert.Equal("1-0:32.7.0*255", ObisName.Format(profile.Find(VmrsCatalogue.Find("32.7.0")!)!.Target.LogicalName));
        Assert.Equal(TokenEncoding.Bcd10, profile.TokenEncoding);
        Assert.Equal(LinkMedium.Optical, profile.Medium);
    }
}
