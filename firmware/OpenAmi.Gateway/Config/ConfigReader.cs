using System.Collections;
using System.Text;
using OpenAmi.Cellular.Modem;
using OpenAmi.Json;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Gateway.Config
{
    /// <summary>
    /// Reads the gateway configuration from JSON (format in docs/gateway.md) and validates all of it,
    /// reporting every error with its path: first each member's type and range, then the rules that
    /// relate members (<see cref="ConfigValidator"/>). A configuration with any error is not returned.
    /// </summary>
    public static class ConfigReader
    {
        private static readonly string[] RootMembers =
            { "feederId", "gatewayId", "buses", "meters", "intervals", "safety", "northbound", "openPaygoLines", "lossAllowancePercent", "clockDriftLimitS", "cellular" };
        private static readonly string[] BusMembers = { "id", "kind", "port", "baud" };
        private static readonly string[] MeterMembers = { "id", "bus", "protocol", "address", "profile", "role", "line", "prepaid", "account", "breakerA" };
        private static readonly string[] IntervalMembers = { "billingS", "instantaneousS", "staticS", "clockCheckS", "statusS", "energyBalanceS", "backfillHorizonS" };
        private static readonly string[] SafetyMembers = { "channels", "lockoutAttempts", "lockoutWindowS" };
        private static readonly string[] ChannelMembers = { "id", "adcChannel", "dcTripMa", "acTripMa" };
        private static readonly string[] NorthboundMembers =
            { "broker", "insecure", "clientId", "username", "password", "caCertFile", "commandKeyHex", "keepAliveS", "outboxMaxBytes" };
        private static readonly string[] CellularMembers = { "apn", "module" };
        private static readonly string[] OpenPaygoMembers = { "line", "keyHex", "startingCode", "extended", "restricted", "unit", "whPerUnit" };

        /// <summary>
        /// Longest configuration file in UTF-8 bytes: a 100-meter pole written one member per line is about 23 KB,
        /// so 32 KiB leaves room for about 140 meters while the text, its bytes and the parsed tree still fit the
        /// ESP32's heap at boot (docs/gateway.md, "Limits").
        /// </summary>
        public const int MaxBytes = 32 * 1024;

        private static readonly JsonLimits Limits = new JsonLimits(JsonLimits.Default.MaxDepth, MaxBytes);

        /// <summary>Parses and validates; <paramref name="knownProfiles"/> (may be null) lists the vendor profile ids available.</summary>
        public static ConfigLoadResult Load(string json, string[] knownProfiles)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            if (utf8.Length > MaxBytes)
            {
                return Refused("the configuration is " + utf8.Length.ToString() + " bytes; at most " + MaxBytes.ToString() + " are read");
            }

            JsonNode root;
            try
            {
                root = JsonParser.Parse(utf8, 0, utf8.Length, Limits);
            }
            catch (JsonException e)
            {
                return Refused("not valid JSON: " + e.Message);
            }

            return Read(root, knownProfiles);
        }

        private static ConfigLoadResult Refused(string reason)
        {
            var errors = new ArrayList();
            errors.Add(new ConfigError("$", reason));
            return new ConfigLoadResult(null, errors);
        }

        public static ConfigLoadResult Read(JsonNode root, string[] knownProfiles)
        {
            var errors = new ArrayList();
            var fields = new FieldReader(errors);
            var config = new GatewayConfig();
            if (root.Kind != JsonKind.Object)
            {
                fields.Error("$", "the configuration is a JSON object");
                return new ConfigLoadResult(null, errors);
            }

            fields.RejectUnknown(root, "$", RootMembers);
            config.FeederId = fields.String(root, "feederId", "$.feederId", true);
            config.GatewayId = fields.String(root, "gatewayId", "$.gatewayId", true);
            config.Buses = ReadBuses(root, fields);
            config.Meters = ReadMeters(root, fields);
            ReadIntervals(root, fields, config.Intervals);
            ReadSafety(root, fields, config.Safety);
            ReadNorthbound(root, fields, config.Northbound);
            ReadCellular(root, fields, config.Cellular);
            config.OpenPaygoLines = ReadOpenPaygo(root, fields);
            config.LossAllowancePercent = fields.Number(root, "lossAllowancePercent", "$.lossAllowancePercent", -0.0001, 50, 8);
            config.ClockDriftLimitS = fields.Int(root, "clockDriftLimitS", "$.clockDriftLimitS", 1, 3600, 2);

            new ConfigValidator(fields, knownProfiles).Validate(config);
            return new ConfigLoadResult(config, errors);
        }

        private static BusConfig[] ReadBuses(JsonNode root, FieldReader fields)
        {
            var list = new ArrayList();
            fields.ForEachObject(root, "buses", "$.buses", true, BusMembers, (node, path, index) => list.Add(ReadBus(node, path, fields)));
            var buses = new BusConfig[list.Count];
            list.CopyTo(buses);
            return buses;
        }

        private static BusConfig ReadBus(JsonNode node, string path, FieldReader fields)
        {
            var bus = new BusConfig();
            if (node == null)
            {
                return bus;
            }

            bus.Id = fields.String(node, "id", FieldReader.Member(path, "id"), true);
            bus.Kind = (BusKind)fields.Choice(node, "kind", FieldReader.Member(path, "kind"), ConfigNames.BusKinds, 0);
            bus.Port = fields.String(node, "port", FieldReader.Member(path, "port"), true);
            if (bus.Kind == BusKind.Optical && node.Has("baud"))
            {
                fields.Error(FieldReader.Member(path, "baud"), "an optical head signs on at 300 Bd and negotiates its baud rate (IEC 62056-21); remove it");
            }
            else if (bus.Kind == BusKind.DlmsWrapper && node.Has("baud"))
            {
                fields.Error(FieldReader.Member(path, "baud"), "a wrapper bus is a TCP connection to the meter and has no baud rate; remove it");
            }
            else
            {
                bus.Baud = fields.Int(node, "baud", FieldReader.Member(path, "baud"), 0, int.MaxValue, 9600);
            }

            return bus;
        }

        private static MeterConfig[] ReadMeters(JsonNode root, FieldReader fields)
        {
            var list = new ArrayList();
            fields.ForEachObject(root, "meters", "$.meters", true, MeterMembers, (node, path, index) => list.Add(ReadMeter(node, path, fields)));
            var meters = new MeterConfig[list.Count];
            list.CopyTo(meters);
            return meters;
        }

        private static MeterConfig ReadMeter(JsonNode node, string path, FieldReader fields)
        {
            var meter = new MeterConfig();
            if (node == null)
            {
                return meter;
            }

            meter.Id = fields.String(node, "id", FieldReader.Member(path, "id"), true);
            meter.Bus = fields.String(node, "bus", FieldReader.Member(path, "bus"), true);
            meter.Protocol = (MeterProtocol)fields.Choice(node, "protocol", FieldReader.Member(path, "protocol"), ConfigNames.Protocols, 0);
            meter.Address = fields.RequiredIndex(node, "address", FieldReader.Member(path, "address"), int.MaxValue);
            meter.Profile = fields.String(node, "profile", FieldReader.Member(path, "profile"), true);
            meter.Role = (MeterRole)fields.Choice(node, "role", FieldReader.Member(path, "role"), ConfigNames.Roles, 0);
            meter.Line = fields.String(node, "line", FieldReader.Member(path, "line"), false);
            meter.Prepaid = (PrepaidMode)fields.Choice(node, "prepaid", FieldReader.Member(path, "prepaid"), ConfigNames.PrepaidModes, 0);
            meter.Account = fields.String(node, "account", FieldReader.Member(path, "account"), false);
            meter.BreakerA = fields.Number(node, "breakerA", FieldReader.Member(path, "breakerA"), 0, 1000, 0);
            return meter;
        }

        private static void ReadIntervals(JsonNode root, FieldReader fields, IntervalConfig intervals)
        {
            JsonNode node = fields.Object(root, "intervals", "$.intervals", false);
            if (node == null)
            {
                return;
            }

            fields.RejectUnknown(node, "$.intervals", IntervalMembers);
            const int Day = 86400;
            intervals.BillingS = fields.Int(node, "billingS", "$.intervals.billingS", 60, 31 * Day, intervals.BillingS);
            intervals.InstantaneousS = fields.Int(node, "instantaneousS", "$.intervals.instantaneousS", 60, Day, intervals.InstantaneousS);
            intervals.StaticS = fields.Int(node, "staticS", "$.intervals.staticS", 3600, 31 * Day, intervals.StaticS);
            intervals.ClockCheckS = fields.Int(node, "clockCheckS", "$.intervals.clockCheckS", 60, 7 * Day, intervals.ClockCheckS);
            intervals.StatusS = fields.Int(node, "statusS", "$.intervals.statusS", 10, Day, intervals.StatusS);
            intervals.EnergyBalanceS = fields.Int(node, "energyBalanceS", "$.intervals.energyBalanceS", 900, 31 * Day, intervals.EnergyBalanceS);
            intervals.BackfillHorizonS = fields.Int(node, "backfillHorizonS", "$.intervals.backfillHorizonS", 3600, 31 * Day, intervals.BackfillHorizonS);
        }

        private static void ReadSafety(JsonNode root, FieldReader fields, SafetyConfig safety)
        {
            JsonNode node = fields.Object(root, "safety", "$.safety", false);
            if (node == null)
            {
                return;
            }

            fields.RejectUnknown(node, "$.safety", SafetyMembers);
            safety.LockoutAttempts = fields.Int(node, "lockoutAttempts", "$.safety.lockoutAttempts", 1, 10, safety.LockoutAttempts);
            safety.LockoutWindowS = fields.Int(node, "lockoutWindowS", "$.safety.lockoutWindowS", 3600, 7 * 86400, safety.LockoutWindowS);
            var list = new ArrayList();
            fields.ForEachObject(node, "channels", "$.safety.channels", false, ChannelMembers, (item, path, index) => list.Add(ReadChannel(item, path, fields)));
            safety.Channels = new SafetyChannelConfig[list.Count];
            list.CopyTo(safety.Channels);
        }

        private static SafetyChannelConfig ReadChannel(JsonNode item, string path, FieldReader fields)
        {
            var channel = new SafetyChannelConfig();
            if (item == null)
            {
                return channel;
            }

            channel.Id = fields.String(item, "id", FieldReader.Member(path, "id"), true);
            channel.AdcChannel = fields.RequiredIndex(item, "adcChannel", FieldReader.Member(path, "adcChannel"), 7);

            // A configuration may make a line more sensitive, never less: 6 mA smooth DC (IEC 62955 RDC-DD) and
            // 30 mA AC (IEC 60364-4-41 additional protection) are the product's promise to the people on the line.
            channel.DcTripMa = fields.Number(item, "dcTripMa", FieldReader.Member(path, "dcTripMa"), 0, 6, 6);
            channel.AcTripMa = fields.Number(item, "acTripMa", FieldReader.Member(path, "acTripMa"), 0, 30, 30);
            return channel;
        }

        private static void ReadNorthbound(JsonNode root, FieldReader fields, NorthboundConfig northbound)
        {
            JsonNode node = fields.Object(root, "northbound", "$.northbound", true);
            if (node == null)
            {
                return;
            }

            fields.RejectUnknown(node, "$.northbound", NorthboundMembers);
            northbound.Broker = fields.String(node, "broker", "$.northbound.broker", true);
            northbound.Insecure = fields.Bool(node, "insecure", "$.northbound.insecure", false);
            northbound.ClientId = fields.String(node, "clientId", "$.northbound.clientId", false);
            northbound.Username = fields.String(node, "username", "$.northbound.username", false);
            northbound.Password = fields.String(node, "password", "$.northbound.password", false);
            northbound.CaCertFile = fields.String(node, "caCertFile", "$.northbound.caCertFile", false);

            // RFC 2104 §3: an HMAC key shorter than the hash output (32 bytes for SHA-256) is strongly discouraged.
            northbound.CommandKey = fields.Hex(node, "commandKeyHex", "$.northbound.commandKeyHex", 32, true);
            northbound.KeepAliveS = fields.Int(node, "keepAliveS", "$.northbound.keepAliveS", 10, 65535, northbound.KeepAliveS);
            northbound.OutboxMaxBytes = fields.Int(node, "outboxMaxBytes", "$.northbound.outboxMaxBytes", 32 * 1024, 64 * 1024 * 1024, northbound.OutboxMaxBytes);
        }

        private static void ReadCellular(JsonNode root, FieldReader fields, CellularConfig cellular)
        {
            JsonNode node = fields.Object(root, "cellular", "$.cellular", false);
            if (node == null)
            {
                return;
            }

            fields.RejectUnknown(node, "$.cellular", CellularMembers);
            cellular.Apn = fields.String(node, "apn", "$.cellular.apn", false);

            cellular.Module = (ModemFamily)fields.Choice(node, "module", "$.cellular.module", ConfigNames.ModemFamilies, (int)ModemFamily.A76xx);
        }

        private static OpenPaygoLineConfig[] ReadOpenPaygo(JsonNode root, FieldReader fields)
        {
            var list = new ArrayList();
            fields.ForEachObject(root, "openPaygoLines", "$.openPaygoLines", false, OpenPaygoMembers, (node, path, index) => list.Add(ReadOpenPaygoLine(node, path, fields)));
            var lines = new OpenPaygoLineConfig[list.Count];
            list.CopyTo(lines);
            return lines;
        }

        private static OpenPaygoLineConfig ReadOpenPaygoLine(JsonNode node, string path, FieldReader fields)
        {
            var line = new OpenPaygoLineConfig();
            if (node == null)
            {
                return line;
            }

            line.Line = fields.String(node, "line", FieldReader.Member(path, "line"), true);

            // OpenPAYGO Token keys are 16 bytes (SipHash-2-4's 128-bit key); starting codes are 9 decimal digits.
            line.Key = fields.Hex(node, "keyHex", FieldReader.Member(path, "keyHex"), 16, false);
            if (!node.Has("startingCode"))
            {
                fields.Error(FieldReader.Member(path, "startingCode"), "required");
            }

            line.StartingCode = fields.Long(node, "startingCode", FieldReader.Member(path, "startingCode"), 0, 999999999, 0);
            line.Extended = fields.Bool(node, "extended", FieldReader.Member(path, "extended"), false);
            line.Restricted = fields.Bool(node, "restricted", FieldReader.Member(path, "restricted"), false);
            line.Unit = (OpenAmi.Prepaid.Ledger.CreditUnit)fields.Choice(node, "unit", FieldReader.Member(path, "unit"), ConfigNames.CreditUnits, 0);
            line.WhPerUnit = fields.Long(node, "whPerUnit", FieldReader.Member(path, "whPerUnit"), 1, 1000000, 1000);
            return line;
        }
    }
}
