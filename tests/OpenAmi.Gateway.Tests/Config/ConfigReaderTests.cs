using OpenAmi.Cellular.Modem;
using OpenAmi.Gateway.Config;
using System.Text.Json.Nodes;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Gateway.Tests.Config;

public class ConfigReaderTests
{
    private static ConfigLoadResult Load(string json) => ConfigReader.Load(json, ConfigSamples.Profiles);

    private static string[] Errors(string json)
    {
        var result = Load(json);
        Assert.Null(result.Config);
        return result.Errors.Cast<ConfigError>().Select(e => e.ToString()).ToArray();
    }

    private static void AssertSingleError(string expected, Action<JsonObject> edit)
    {
        Assert.Equal(new[] { expected }, Errors(ConfigSamples.With(edit)));
    }

    [Fact]
    public void The_sample_feeder_loads_with_every_member_and_the_documented_defaults()
    {
        var result = Load(ConfigSamples.Valid);

        Assert.Empty(result.Errors.Cast<ConfigError>().Select(e => e.ToString()));
        var config = result.Config!;
        Assert.Equal("feeder-north-paravur-01", config.FeederId);
        Assert.Equal("pole-ems-0042", config.GatewayId);
        Assert.Equal(2, config.Buses.Length);
        Assert.Equal(BusKind.Optical, config.Buses[1].Kind);
        Assert.Equal(4, config.Meters.Length);
        Assert.Equal(MeterRole.FeederHead, config.Meters[0].Role);
        Assert.Equal(PrepaidMode.Sts, config.Meters[1].Prepaid);
        Assert.Equal("12", config.Meters[1].Account);
        Assert.Equal(MeterProtocol.Modbus, config.Meters[2].Protocol);
        Assert.Equal(3, config.Meters[2].Address);
        Assert.Equal(32.0, config.Meters[2].BreakerA);
        Assert.Equal("L1", config.Meters[2].Line);
        Assert.Equal(900, config.Intervals.InstantaneousS);
        Assert.Equal(60, config.Intervals.StatusS);
        Assert.Equal(3600, config.Intervals.BillingS); // default
        Assert.Equal(6.0, config.Safety.Channels[0].DcTripMa); // default: IEC 62955 6 mA DC
        Assert.Equal(30.0, config.Safety.Channels[0].AcTripMa); // default: 30 mA AC
        Assert.Equal(5.0, config.Safety.Channels[1].DcTripMa);
        Assert.Equal("hes.example.org", config.Northbound.Host);
        Assert.Equal(8883, config.Northbound.Port);
        Assert.True(config.Northbound.Tls);
        Assert.Equal("pole-ems-0042", config.Northbound.ClientId); // defaults to the gateway id
        Assert.Equal(Convert.FromHexString(ConfigSamples.CommandKey), config.Northbound.CommandKey);
        Assert.Equal(Convert.FromHexString("bc41ec9530f6dac86b1a29ab82edc5fb"), config.OpenPaygoLines[0].Key);
        Assert.Equal(516959010, config.OpenPaygoLines[0].StartingCode);
        Assert.Equal(2, config.ClockDriftLimitS);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"feederId\": ")]
    [InlineData("{\"feederId\": \"a\",}")]
    public void Text_that_is_not_JSON_is_one_error_at_the_root(string text)
    {
        var errors = Errors(text);

        Assert.Single(errors);
        Assert.StartsWith("$: not valid JSON: ", errors[0]);
    }

    [Fact]
    public void A_JSON_value_that_is_not_an_object_is_refused()
    {
        Assert.Equal(new[] { "$: the configuration is a JSON object" }, Errors("[1,2]"));
    }

    [Fact]
    public void A_misspelt_member_is_an_error_not_a_silent_default()
    {
        AssertSingleError(
            "$.intervals.instantaneousSec: unknown member (allowed: billingS, instantaneousS, staticS, clockCheckS, statusS, energyBalanceS, backfillHorizonS)",
            root => root["intervals"]!.AsObject()["instantaneousSec"] = 600);
    }

    [Fact]
    public void Missing_required_members_are_each_reported()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root.Remove("gatewayId");
            root["meters"]![1]!.AsObject().Remove("address");
            root["northbound"]!.AsObject().Remove("commandKeyHex");
        }));

        Assert.Equal(new[]
        {
            "$.gatewayId: required",
            "$.meters[1].address: required",
            "$.northbound.commandKeyHex: required",
        }, errors);
    }

    [Fact]
    public void Wrong_kinds_name_the_expected_and_the_actual_kind()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["feederId"] = 42;
            root["buses"]![0]!["baud"] = "9600";
            root["meters"]![2] = "mill";
        }));

        Assert.Equal(new[]
        {
            "$.feederId: must be a string, not integer",
            "$.buses[0].baud: must be an integer, not string",
            "$.meters[2]: must be an object, not string",
        }, errors);
    }

    // Modbus over Serial Line v1.02 (modbus.org, 2006) §2.2: unicast slave addresses are 1–247.
    [Theory]
    [InlineData(0)]
    [InlineData(248)]
    public void A_Modbus_unit_id_outside_1_to_247_is_refused(int address)
    {
        AssertSingleError($"$.meters[2].address: a Modbus unit id is 1–247, not {address}", root => root["meters"]![2]!["address"] = address);
    }

    // IEC 62056-46 (HDLC) §6.4.2.2: physical device addresses 0x10–0x3FFD; 0x00–0x0F are reserved.
    [Theory]
    [InlineData(15)]
    [InlineData(16382)]
    public void A_DLMS_physical_address_outside_16_to_16381_is_refused(int address)
    {
        AssertSingleError($"$.meters[0].address: a DLMS HDLC physical address is 16–16381, not {address}", root => root["meters"]![0]!["address"] = address);
    }

    [Fact]
    public void Two_meters_cannot_share_an_address_on_one_bus()
    {
        AssertSingleError("$.meters[1].address: address 17 is already used on bus 'rs485' by $.meters[0]", root => root["meters"]![1]!["address"] = 17);
    }

    [Fact]
    public void References_to_buses_and_lines_must_resolve()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["meters"]![0]!["bus"] = "rs-485";
            root["meters"]![2]!["line"] = "L9";
            root["openPaygoLines"]![0]!["line"] = "L7";
        }));

        Assert.Equal(new[]
        {
            "$.meters[0].bus: no bus 'rs-485' in $.buses",
            "$.meters[2].line: no safety channel 'L9' in $.safety.channels",
            "$.openPaygoLines[0].line: no safety channel 'L7' in $.safety.channels: OpenPAYGO credit switches a board line",
        }, errors);
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["meters"]![3]!["id"] = "head";
            root["safety"]!["channels"]![1]!["id"] = "L1";
            root["openPaygoLines"]![0]!["line"] = "L1";
        }));

        Assert.Equal(new[]
        {
            "$.meters[3].id: meter id 'head' is already used by item 0",
            "$.safety.channels[1].id: channel id 'L1' is already used by item 0",
        }, errors);
    }

    [Fact]
    public void An_optical_head_takes_no_baud_no_Modbus_and_one_meter()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["buses"]![1]!["baud"] = 9600;
            root["meters"]!.AsArray().Add(JsonNode.Parse("""{ "id": "x", "bus": "optical", "protocol": "modbus", "address": 5, "profile": "vendor-a" }"""));
        }));

        Assert.Equal(new[]
        {
            "$.buses[1].baud: an optical head signs on at 300 Bd and negotiates its baud rate (IEC 62056-21); remove it",
            "$.meters[4].protocol: Modbus RTU meters hang on RS-485, not on an optical head",
            "$.meters[4].bus: an optical head reads one meter; bus 'optical' already has one",
        }, errors);
    }

    [Fact]
    public void Network_buses_reach_a_TCP_serial_server_and_a_meter_s_wrapper_port()
    {
        var result = Load(ConfigSamples.With(root =>
        {
            root["buses"]!.AsArray().Add(JsonNode.Parse("""{ "id": "converter", "kind": "tcp_serial", "port": "192.168.4.20:4001", "baud": 9600 }"""));
            root["buses"]!.AsArray().Add(JsonNode.Parse("""{ "id": "ip-meter", "kind": "dlms_wrapper", "port": "192.168.4.21" }"""));
            root["meters"]!.AsArray().Add(JsonNode.Parse("""{ "id": "pump", "bus": "converter", "protocol": "modbus", "address": 4, "profile": "eastron-sdm120" }"""));
            root["meters"]!.AsArray().Add(JsonNode.Parse("""{ "id": "school", "bus": "converter", "protocol": "dlms", "address": 17, "profile": "vendor-a" }"""));
            root["meters"]!.AsArray().Add(JsonNode.Parse("""{ "id": "bank", "bus": "ip-meter", "protocol": "dlms", "address": 1, "profile": "vendor-a" }"""));
        }));

        Assert.Empty(result.Errors.Cast<ConfigError>().Select(e => e.ToString()));
        Assert.Equal(BusKind.TcpSerial, result.Config!.Bus("converter").Kind);
        Assert.Equal(BusKind.DlmsWrapper, result.Config.Bus("ip-meter").Kind);
        Assert.Equal("192.168.4.21", result.Config.Bus("ip-meter").Port);
    }

    [Fact]
    public void Network_buses_need_an_endpoint_and_a_wrapper_carries_only_DLMS()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["buses"]!.AsArray().Add(JsonNode.Parse("""{ "id": "converter", "kind": "tcp_serial", "port": "192.168.4.20" }"""));
            root["buses"]!.AsArray().Add(JsonNode.Parse("""{ "id": "ip-meter", "kind": "dlms_wrapper", "port": "192.168.4.21:70000", "baud": 9600 }"""));
            root["meters"]!.AsArray().Add(JsonNode.Parse("""{ "id": "pump", "bus": "ip-meter", "protocol": "modbus", "address": 4, "profile": "eastron-sdm120" }"""));
            root["meters"]!.AsArray().Add(JsonNode.Parse("""{ "id": "bank", "bus": "ip-meter", "protocol": "dlms", "address": 70000, "profile": "vendor-a" }"""));
        }));

        Assert.Equal(new[]
        {
            "$.buses[3].baud: a wrapper bus is a TCP connection to the meter and has no baud rate; remove it",
            "$.buses[2].port: a TCP serial server is 'host:port' (port 1–65535), not '192.168.4.20'",
            "$.buses[3].port: a wrapper endpoint is 'host' or 'host:port' (port 1–65535), not '192.168.4.21:70000'",
            "$.meters[4].protocol: a wrapper bus carries DLMS only; a Modbus RTU meter behind a converter goes on a tcp_serial bus",
            "$.meters[5].address: on a wrapper bus the address is the meter's wPort (logical device) 1–65535, not 70000",
        }, errors);
    }

    [Fact]
    public void The_debug_UART_and_nonstandard_bauds_are_refused()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["buses"]![0]!["port"] = "COM1";
            root["buses"]![0]!["baud"] = 9000;
        }));

        Assert.Equal(new[]
        {
            "$.buses[0].port: COM1 is the ESP32's debug and deployment port; meter buses use COM2",
            "$.buses[0].baud: must be a standard rate (300 … 115200), not 9000",
        }, errors);
    }

    [Fact]
    public void COM2_carries_one_rs485_line_and_one_optical_head_and_COM3_is_the_modem()
    {
        // The sample puts both on COM2 (time-shared, docs/device-subset.md "Device facts"): valid, as the sample test shows.
        AssertSingleError("$.buses[1].port: COM3 is the modem's UART; meter buses use COM2", root => root["buses"]![1]!["port"] = "COM3");
        AssertSingleError("$.buses[1].port: port 'COM2' already carries a bus of this kind: $.buses[0]", root => root["buses"]![1]!["kind"] = "rs485");
    }

    [Fact]
    public void A_feeder_has_one_head_meter()
    {
        AssertSingleError("$.meters[3].role: a feeder has one head meter; $.meters[0] is already feeder_head", root => root["meters"]![3]!["role"] = "feeder_head");
    }

    [Fact]
    public void An_unknown_vendor_profile_is_refused_when_the_catalogue_is_known()
    {
        AssertSingleError("$.meters[3].profile: no vendor profile 'vendor-z' (built in or on flash)", root => root["meters"]![3]!["profile"] = "vendor-z");
    }

    [Fact]
    public void Enumerations_list_their_allowed_spellings()
    {
        AssertSingleError("$.meters[0].role: must be one of customer, feeder_head, not 'head'", root => root["meters"]![0]!["role"] = "head");
    }

    [Fact]
    public void STS_meters_need_a_keypad_account_of_digits_that_no_other_meter_uses()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["meters"]![1]!.AsObject().Remove("account");
            root["meters"]![2]!["account"] = "1a";
            root["meters"]![3]!["account"] = "1a";
        }));

        Assert.Equal(new[]
        {
            "$.meters[1].account: an STS meter needs a keypad account code",
            "$.meters[2].account: a keypad account code is 1–6 digits",
            "$.meters[3].account: a keypad account code is 1–6 digits",
            "$.meters[3].account: account '1a' is already used by $.meters[2]",
        }, errors);
    }

    [Theory]
    [InlineData("dcTripMa", 6.5, "must be above 0 and at most 6, not 6.5")]
    [InlineData("acTripMa", 31, "must be above 0 and at most 30, not 31")]
    [InlineData("acTripMa", 0, "must be above 0 and at most 30, not 0")]
    public void A_configuration_may_make_a_line_more_sensitive_but_never_less(string member, double value, string reason)
    {
        // Limits: 6 mA smooth DC (IEC 62955 RDC-DD) and 30 mA AC (IEC 60364-4-41 additional protection), issue 7.
        AssertSingleError($"$.safety.channels[0].{member}: {reason}", root => root["safety"]!["channels"]![0]![member] = value);
    }

    [Fact]
    public void Two_lines_cannot_share_one_ADC_channel()
    {
        AssertSingleError("$.safety.channels[1].adcChannel: ADC channel 0 already senses $.safety.channels[0]", root => root["safety"]!["channels"]![1]!["adcChannel"] = 0);
    }

    [Theory]
    [InlineData("mqtt://broker:1883", "$.northbound.broker: plain mqtt:// needs \"insecure\": true (the northbound profile requires TLS in production)")]
    [InlineData("tcp://broker:1883", "$.northbound.broker: must start with mqtts:// (or mqtt:// for a test broker)")]
    [InlineData("mqtts://broker:99999", "$.northbound.broker: the port must be 1–65535")]
    [InlineData("mqtts://broker:", "$.northbound.broker: the port must be 1–65535")]
    [InlineData("mqtts://:8883", "$.northbound.broker: must be scheme://host[:port] with no path")]
    [InlineData("mqtts://broker/openami", "$.northbound.broker: must be scheme://host[:port] with no path")]
    public void The_broker_endpoint_is_checked(string broker, string expected)
    {
        AssertSingleError(expected, root => root["northbound"]!["broker"] = broker);
    }

    [Fact]
    public void A_plaintext_test_broker_is_allowed_when_declared_insecure_and_gets_the_default_port()
    {
        var result = Load(ConfigSamples.With(root =>
        {
            root["northbound"]!["broker"] = "mqtt://localhost";
            root["northbound"]!["insecure"] = true;
        }));

        Assert.True(result.IsValid);
        Assert.Equal(1883, result.Config!.Northbound.Port);
        Assert.False(result.Config.Northbound.Tls);
    }

    [Fact]
    public void TLS_needs_a_CA_certificate()
    {
        AssertSingleError("$.northbound.caCertFile: required with mqtts:// (the gateway verifies the broker against it)", root => root["northbound"]!.AsObject().Remove("caCertFile"));
    }

    [Theory]
    // RFC 2104 §3: keys shorter than the hash output length (32 bytes for SHA-256) are strongly discouraged.
    [InlineData("000102030405060708090a0b0c0d0e0f", "must be at least 32 bytes, not 16")]
    [InlineData("0g0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "must be hexadecimal digits, two per byte")]
    [InlineData("000", "must be hexadecimal digits, two per byte")]
    public void The_command_key_is_long_enough_hex(string hex, string reason)
    {
        AssertSingleError("$.northbound.commandKeyHex: " + reason, root => root["northbound"]!["commandKeyHex"] = hex);
    }

    [Fact]
    public void OpenPAYGO_lines_need_a_16_byte_key_and_a_9_digit_starting_code()
    {
        // Key and starting code shapes from the OpenPAYGO-js README example (github.com/EnAccess/OpenPAYGO-js):
        // secretKeyHex "bc41ec9530f6dac86b1a29ab82edc5fb" (16 bytes), startingCode 516959010.
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["openPaygoLines"]![0]!["keyHex"] = "bc41ec9530f6dac86b1a29ab82edc5";
            root["openPaygoLines"]![0]!["startingCode"] = 1000000000;
        }));

        Assert.Equal(new[]
        {
            "$.openPaygoLines[0].keyHex: must be exactly 16 bytes, not 15",
            "$.openPaygoLines[0].startingCode: must be between 0 and 999999999, not 1000000000",
        }, errors);
    }

    [Theory]
    [InlineData("feeder/01", "character '/' at 6 cannot appear in an MQTT topic level (use letters, digits, '.', '_', '-')")]
    [InlineData("feeder+", "character '+' at 6 cannot appear in an MQTT topic level (use letters, digits, '.', '_', '-')")]
    [InlineData("feeder #1", "character ' ' at 6 cannot appear in an MQTT topic level (use letters, digits, '.', '_', '-')")]
    public void Ids_must_be_usable_as_MQTT_topic_levels(string id, string reason)
    {
        // MQTT 3.1.1 §4.7: '/' separates levels, '+' and '#' are wildcards and must not appear in a topic name.
        AssertSingleError("$.feederId: " + reason, root => root["feederId"] = id);
    }

    [Fact]
    public void The_backfill_horizon_defaults_to_seven_days_and_is_read_from_the_intervals()
    {
        // Issue 17: the load-profile backfill reaches back 7 days unless the configuration says otherwise.
        Assert.Equal(7 * 86400, Load(ConfigSamples.Valid).Config!.Intervals.BackfillHorizonS);

        var config = Load(ConfigSamples.With(root => root["intervals"]!["backfillHorizonS"] = 2 * 86400)).Config!;

        Assert.Equal(2 * 86400, config.Intervals.BackfillHorizonS);
    }

    [Theory]
    [InlineData(3599)]
    [InlineData(31 * 86400 + 1)]
    public void A_backfill_horizon_under_an_hour_or_over_a_month_is_refused(int seconds)
    {
        AssertSingleError(
            $"$.intervals.backfillHorizonS: must be between 3600 and 2678400, not {seconds}",
            root => root["intervals"]!["backfillHorizonS"] = seconds);
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_in_one_pass()
    {
        var errors = Errors(ConfigSamples.With(root =>
        {
            root["gatewayId"] = "";
            root["intervals"]!["statusS"] = 1;
            root["safety"]!["lockoutAttempts"] = 0;
            root["northbound"]!["keepAliveS"] = 5;
        }));

        Assert.Equal(new[]
        {
            "$.gatewayId: must not be empty",
            "$.intervals.statusS: must be between 10 and 86400, not 1",
            "$.safety.lockoutAttempts: must be between 1 and 10, not 0",
            "$.northbound.keepAliveS: must be between 10 and 65535, not 5",
        }, errors);
    }
}

public class CellularConfigTests
{
    [Fact]
    public void Without_a_cellular_section_the_modem_keeps_what_is_stored_in_it()
    {
        var config = ConfigReader.Load(ConfigSamples.Valid, ConfigSamples.Profiles).Config!;

        Assert.Null(config.Cellular.Apn);
        Assert.Equal(ModemFamily.A76xx, config.Cellular.Module);
    }

    [Fact]
    public void The_apn_and_the_module_family_are_read()
    {
        string json = ConfigSamples.With(root => root["cellular"] = new JsonObject { ["apn"] = "internet.mtn", ["module"] = "sim7600" });

        var config = ConfigReader.Load(json, ConfigSamples.Profiles).Config!;

        Assert.Equal("internet.mtn", config.Cellular.Apn);
        Assert.Equal(ModemFamily.Sim7600, config.Cellular.Module);
    }

    [Fact]
    public void A_module_family_the_firmware_does_not_know_and_an_unknown_member_are_both_reported_with_their_paths()
    {
        string json = ConfigSamples.With(root => root["cellular"] = new JsonObject { ["module"] = "sim800", ["pin"] = "1234" });

        var errors = ConfigReader.Load(json, ConfigSamples.Profiles).Errors.Cast<ConfigError>().Select(e => e.Path).ToArray();

        Assert.Equal(new[] { "$.cellular.pin", "$.cellular.module" }, errors);
    }
}
