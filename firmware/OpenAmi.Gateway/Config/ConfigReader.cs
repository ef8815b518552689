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
        /// so 32 KiB leaves room for about 140 meters while the text, its bytes and their index still fit the
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

            JsonIndex document;
            try
            {
                document = JsonIndex.Parse(utf8, 0, utf8.Length, Limits);
            }
            catch (JsonException e)
            {
                return Refused("not valid JSON: " + e.Message);
            }

            return Read(document, knownProfiles);
        }

        private static ConfigLoadResult Refused(string reason)
        {
            var errors = new ArrayList();
            errors.Add(new ConfigError("$", reason));
            return new ConfigLoadResult(null, errors);
        }

        private static ConfigLoadResult Read(JsonIndex document, string[] knownProfiles)
        {
            var errors = new ArrayList();
            var fields = new ConfigFields(document, errors);
            var config = new GatewayConfig();
            int root = document.Root;
            if (document.Kind(root) != JsonKind.Object)
            {
                fields.Error("$", "the configuration is a JSON object");
                return new ConfigLoadResult(null, errors);
            }

            fields.RejectUnknown(root, "$", RootMembers);
            config.FeederId = fields.NonEmptyString(root, "feederId", "$", true);
            config.GatewayId = fields.NonEmptyString(root, "gatewayId", "$", true);
            config.Buses = ReadBuses(root, fields);
            config.Meters = ReadMeters(root, fields);
            ReadIntervals(root, fields, config.Intervals);
            ReadSafety(root, fields, config.Safety);
            ReadNorthbound(root, fields, config.Northbound);
            ReadCellular(root, fields, config.Cellular);
            config.OpenPaygoLines = ReadOpenPaygo(root, fields);
            config.LossAllowancePercent = fields.NumberAbove(root, "lossAllowancePercent", "$", -0.0001, 50, 8);
            config.ClockDriftLimitS = fields.Int(root, "clockDriftLimitS", "$", 1, 3600, 2);

            new ConfigValidator(fields, knownProfiles).Validate(config);
            return new ConfigLoadResult(config, errors);
        }

        private static BusConfig[] ReadBuses(int root, ConfigFields fields)
        {
            var list = new ArrayList();
            fields.ForEachObject(root, "buses", "$", true, BusMembers, (node, path, index) => list.Add(ReadBus(node, path, fields)));
            var buses = new BusConfig[list.Count];
            list.CopyTo(buses);
            return buses;
        }

        private static BusConfig ReadBus(int node, string path, ConfigFields fields)
        {
            var bus = new BusConfig();
            if (node == JsonIndex.None)
            {
                return bus;
            }

            bus.Id = fields.NonEmptyString(node, "id", path, true);
            bus.Kind = (BusKind)fields.Choice(node, "kind", path, ConfigNames.BusKinds, 0);
            bus.Port = fields.NonEmptyString(node, "port", path, true);
            if (bus.Kind == BusKind.Optical && fields.Document.Has(node, "baud"))
            {
                fields.Error(JsonPathReader.Member(path, "baud"), "an optical head signs on at 300 Bd and negotiates its baud rate (IEC 62056-21); remove it");
            }
            else if (bus.Kind == BusKind.DlmsWrapper && fields.Document.Has(node, "baud"))
            {
                fields.Error(JsonPathReader.Member(path, "baud"), "a wrapper bus is a TCP connection to the meter and has no baud rate; remove it");
            }
            else
            {
                bus.Baud = fields.Int(node, "baud", path, 0, int.MaxValue, 9600);
            }

            return bus;
        }

        private static MeterConfig[] ReadMeters(int root, ConfigFields fields)
        {
            var list = new ArrayList();
            fields.ForEachObject(root, "meters", "$", true, MeterMembers, (node, path, index) => list.Add(ReadMeter(node, path, fields)));
            var meters = new MeterConfig[list.Count];
            list.CopyTo(meters);
            return meters;
        }

        private static MeterConfig ReadMeter(int node, string path, ConfigFields fields)
        {
            var meter = new MeterConfig();
            if (node == JsonIndex.None)
            {
                return meter;
            }

            meter.Id = fields.NonEmptyString(node, "id", path, true);
            meter.Bus = fields.NonEmptyString(node, "bus", path, true);
            meter.Protocol = (MeterProtocol)fields.Choice(node, "protocol", path, ConfigNames.Protocols, 0);
            meter.Address = fields.RequiredInt(node, "address", path, 0, int.MaxValue);
            meter.Profile = fields.NonEmptyString(node, "profile", path, true);
            meter.Role = (MeterRole)fields.Choice(node, "role", path, ConfigNames.Roles, 0);
            meter.Line = fields.NonEmptyString(node, "line", path, false);
            meter.Prepaid = (PrepaidMode)fields.Choice(node, "prepaid", path, ConfigNames.PrepaidModes, 0);
            meter.Account = fields.NonEmptyString(node, "account", path, false);
            meter.BreakerA = fields.NumberAbove(node, "breakerA", path, 0, 1000, 0);
            return meter;
        }

        private static void ReadIntervals(int root, ConfigFields fields, IntervalConfig intervals)
        {
            int node = fields.Object(root, "intervals", "$", false);
            if (node == JsonIndex.None)
            {
                return;
            }

            fields.RejectUnknown(node, "$.intervals", IntervalMembers);
            const int Day = 86400;
            intervals.BillingS = fields.Int(node, "billingS", "$.intervals", 60, 31 * Day, intervals.BillingS);
            intervals.InstantaneousS = fields.Int(node, "instantaneousS", "$.intervals", 60, Day, intervals.InstantaneousS);
            intervals.StaticS = fields.Int(node, "staticS", "$.intervals", 3600, 31 * Day, intervals.StaticS);
            intervals.ClockCheckS = fields.Int(node, "clockCheckS", "$.intervals", 60, 7 * Day, intervals.ClockCheckS);
            intervals.StatusS = fields.Int(node, "statusS", "$.intervals", 10, Day, intervals.StatusS);
            intervals.EnergyBalanceS = fields.Int(node, "energyBalanceS", "$.intervals", 900, 31 * Day, intervals.EnergyBalanceS);
            intervals.BackfillHorizonS = fields.Int(node, "backfillHorizonS", "$.intervals", 3600, 31 * Day, intervals.BackfillHorizonS);
        }

        private static void ReadSafety(int root, ConfigFields fields, SafetyConfig safety)
        {
            int node = fields.Object(root, "safety", "$", false);
            if (node == JsonIndex.None)
            {
                return;
            }

            fields.RejectUnknown(node, "$.safety", SafetyMembers);
            safety.LockoutAttempts = fields.Int(node, "lockoutAttempts", "$.safety", 1, 10, safety.LockoutAttempts);
            safety.LockoutWindowS = fields.Int(node, "lockoutWindowS", "$.safety", 3600, 7 * 86400, safety.LockoutWindowS);
            var list = new ArrayList();
            fields.ForEachObject(node, "channels", "$.safety", false, ChannelMembers, (item, path, index) => list.Add(ReadChannel(item, path, fields)));
            safety.Channels = new SafetyChannelConfig[list.Count];
            list.CopyTo(safety.Channels);
        }

        private static SafetyChannelConfig ReadChannel(int item, string path, ConfigFields fields)
        {
            var channel = new SafetyChannelConfig();
            if (item == JsonIndex.None)
            {
                return channel;
            }

            channel.Id = fields.NonEmptyString(item, "id", path, true);
            channel.AdcChannel = fields.RequiredInt(item, "adcChannel", path, 0, 7);

            // A configuration may make a line more sensitive, never less: 6 mA smooth DC (IEC 62955 RDC-DD) and
            // 30 mA AC (IEC 60364-4-41 additional protection) are the product's promise to the people on the line.
            channel.DcTripMa = fields.NumberAbove(item, "dcTripMa", path, 0, 6, 6);
            channel.AcTripMa = fields.NumberAbove(item, "acTripMa", path, 0, 30, 30);
            return channel;
        }

        private static void ReadNorthbound(int root, ConfigFields fields, NorthboundConfig northbound)
        {
            int node = fields.Object(root, "northbound", "$", true);
            if (node == JsonIndex.None)
            {
                return;
            }

            fields.RejectUnknown(node, "$.northbound", NorthboundMembers);
            northbound.Broker = fields.NonEmptyString(node, "broker", "$.northbound", true);
            northbound.Insecure = fields.Bool(node, "insecure", "$.northbound", false);
            northbound.ClientId = fields.NonEmptyString(node, "clientId", "$.northbound", false);
            northbound.Username = fields.NonEmptyString(node, "username", "$.northbound", false);
            northbound.Password = fields.NonEmptyString(node, "password", "$.northbound", false);
            northbound.CaCertFile = fields.NonEmptyString(node, "caCertFile", "$.northbound", false);

            // RFC 2104 §3: an HMAC key shorter than the hash output (32 bytes for SHA-256) is strongly discouraged.
            northbound.CommandKey = fields.Hex(node, "commandKeyHex", "$.northbound", 32, true);
            northbound.KeepAliveS = fields.Int(node, "keepAliveS", "$.northbound", 10, 65535, northbound.KeepAliveS);
            northbound.OutboxMaxBytes = fields.Int(node, "outboxMaxBytes", "$.northbound", 32 * 1024, 64 * 1024 * 1024, northbound.OutboxMaxBytes);
        }

        private static void ReadCellular(int root, ConfigFields fields, CellularConfig cellular)
        {
            int node = fields.Object(root, "cellular", "$", false);
            if (node == JsonIndex.None)
            {
                return;
            }

            fields.RejectUnknown(node, "$.cellular", CellularMembers);
            cellular.Apn = fields.NonEmptyString(node, "apn", "$.cellular", false);

            cellular.Module = (ModemFamily)fields.Choice(node, "module", "$.cellular", ConfigNames.ModemFamilies, (int)ModemFamily.A76xx);
        }

        private static OpenPaygoLineConfig[] ReadOpenPaygo(int root, ConfigFields fields)
        {
            var list = new ArrayList();
            fields.ForEachObject(root, "openPaygoLines", "$", false, OpenPaygoMembers, (node, path, index) => list.Add(ReadOpenPaygoLine(node, path, fields)));
            var lines = new OpenPaygoLineConfig[list.Count];
            list.CopyTo(lines);
            return lines;
        }

        private static OpenPaygoLineConfig ReadOpenPaygoLine(int node, string path, ConfigFields fields)
        {
            var line = new OpenPaygoLineConfig();
            if (node == JsonIndex.None)
            {
                return line;
            }

            line.Line = fields.NonEmptyString(node, "line", path, true);

            // OpenPAYGO Token keys are 16 bytes (SipHash-2-4's 128-bit key); starting codes are 9 decimal digits.
            line.Key = fields.Hex(node, "keyHex", path, 16, false);
            line.StartingCode = fields.RequiredInt(node, "startingCode", path, 0, 999999999);
            line.Extended = fields.Bool(node, "extended", path, false);
            line.Restricted = fields.Bool(node, "restricted", path, false);
            line.Unit = (OpenAmi.Prepaid.Ledger.CreditUnit)fields.Choice(node, "unit", path, ConfigNames.CreditUnits, 0);
            line.WhPerUnit = fields.Long(node, "whPerUnit", path, 1, 1000000, 1000);
            return line;
        }
    }
}
