using System;
using System.Collections;
using OpenAmi.Json;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Gateway.Config
{
    /// <summary>
    /// The rules that relate members of a configuration: identifiers usable as MQTT topic levels, unique
    /// names and addresses, references between meters, buses, tenant lines and OpenPAYGO lines, and the
    /// broker endpoint. Members already reported by the reader (left null) are skipped, not reported twice, and a
    /// duplicate is reported once, naming the first item it repeats, so n copies of one item cost n errors, not n².
    /// </summary>
    internal sealed class ConfigValidator
    {
        /// <summary>Standard UART rates a meter port may use.</summary>
        private static readonly int[] Bauds = { 300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };

        private readonly ConfigFields _fields;
        private readonly string[] _knownProfiles;

        public ConfigValidator(ConfigFields fields, string[] knownProfiles)
        {
            _fields = fields;
            _knownProfiles = knownProfiles;
        }

        public void Validate(GatewayConfig config)
        {
            TopicLevel(config.FeederId, "$.feederId");
            TopicLevel(config.GatewayId, "$.gatewayId");
            ValidateBuses(config);
            ValidateMeters(config);
            ValidateChannels(config);
            ValidateOpenPaygo(config);
            ValidateNorthbound(config);
        }

        /// <summary>
        /// Ids become MQTT topic levels (openami/v1/{feederId}/{gatewayId}/…), so '/', '+', '#' and spaces are
        /// out; the set is kept to letters, digits, '.', '_' and '-', at most 64 characters.
        /// </summary>
        private void TopicLevel(string id, string path)
        {
            if (id == null)
            {
                return;
            }

            if (id.Length > 64)
            {
                _fields.Error(path, "must be at most 64 characters");
                return;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    _fields.Error(path, "character '" + c.ToString() + "' at " + i.ToString() + " cannot appear in an MQTT topic level (use letters, digits, '.', '_', '-')");
                    return;
                }
            }
        }

        private void ValidateBuses(GatewayConfig config)
        {
            if (config.Buses.Length == 0 && config.Meters.Length > 0)
            {
                _fields.Error("$.buses", "meters are configured but no bus");
            }

            for (int i = 0; i < config.Buses.Length; i++)
            {
                BusConfig bus = config.Buses[i];
                string path = JsonPathReader.Item("$.buses", i);
                Unique(bus.Id, JsonPathReader.Member(path, "id"), config.Buses, i, "bus id");
                if (bus.Port != null && (bus.Kind == BusKind.TcpSerial || bus.Kind == BusKind.DlmsWrapper))
                {
                    ValidateEndpoint(bus, JsonPathReader.Member(path, "port"));
                }
                else if (bus.Port != null)
                {
                    if (bus.Port == "COM1" || bus.Port == "COM3")
                    {
                        // docs/device-subset.md "Device facts": COM1 carries the debugger and nanoff, COM3 the modem.
                        _fields.Error(JsonPathReader.Member(path, "port"), bus.Port + " is the " + (bus.Port == "COM1" ? "ESP32's debug and deployment port" : "modem's UART") + "; meter buses use COM2");
                    }

                    // COM2 is time-shared: one RS-485 line and one optical head, never two of a kind.
                    for (int j = 0; j < i; j++)
                    {
                        if (config.Buses[j].Port == bus.Port && config.Buses[j].Kind == bus.Kind)
                        {
                            _fields.Error(JsonPathReader.Member(path, "port"), "port '" + bus.Port + "' already carries a bus of this kind: $.buses[" + j.ToString() + "]");
                            break;
                        }
                    }
                }

                if ((bus.Kind == BusKind.Rs485 || bus.Kind == BusKind.TcpSerial) && Array.IndexOf(Bauds, bus.Baud) < 0)
                {
                    _fields.Error(JsonPathReader.Member(path, "baud"), "must be a standard rate (300 … 115200), not " + bus.Baud.ToString());
                }
            }
        }

        /// <summary>"host:port" for a TCP serial server (no default port exists); "host[:port]" for a wrapper bus (4059, IEC 62056-47).</summary>
        private void ValidateEndpoint(BusConfig bus, string path)
        {
            int colon = bus.Port.LastIndexOf(':');
            string host = colon < 0 ? bus.Port : bus.Port.Substring(0, colon);
            int port = colon < 0 ? (bus.Kind == BusKind.DlmsWrapper ? 4059 : -1) : ParsePort(bus.Port.Substring(colon + 1));
            if (host.Length == 0 || host.IndexOf(' ') >= 0 || port < 1)
            {
                _fields.Error(path, bus.Kind == BusKind.TcpSerial
                    ? "a TCP serial server is 'host:port' (port 1–65535), not '" + bus.Port + "'"
                    : "a wrapper endpoint is 'host' or 'host:port' (port 1–65535), not '" + bus.Port + "'");
            }
        }

        /// <summary>A decimal TCP port 0–65535, or -1.</summary>
        private static int ParsePort(string text)
        {
            if (text.Length == 0 || text.Length > 5 || !AllDigits(text))
            {
                return -1;
            }

            int port = int.Parse(text);
            return port <= 65535 ? port : -1;
        }

        private void ValidateMeters(GatewayConfig config)
        {
            int head = -1;
            for (int i = 0; i < config.Meters.Length; i++)
            {
                MeterConfig meter = config.Meters[i];
                string path = JsonPathReader.Item("$.meters", i);
                Unique(meter.Id, JsonPathReader.Member(path, "id"), config.Meters, i, "meter id");
                ValidateMeterBus(config, meter, i, path);
                if (meter.Profile != null && _knownProfiles != null && Array.IndexOf(_knownProfiles, meter.Profile) < 0)
                {
                    _fields.Error(JsonPathReader.Member(path, "profile"), "no vendor profile '" + meter.Profile + "' (built in or on flash)");
                }

                if (meter.Role == MeterRole.FeederHead)
                {
                    if (head >= 0)
                    {
                        _fields.Error(JsonPathReader.Member(path, "role"), "a feeder has one head meter; $.meters[" + head.ToString() + "] is already feeder_head");
                    }
                    else
                    {
                        head = i;
                    }
                }

                if (meter.Line != null)
                {
                    if (config.Channel(meter.Line) == null)
                    {
                        _fields.Error(JsonPathReader.Member(path, "line"), "no safety channel '" + meter.Line + "' in $.safety.channels");
                    }

                    for (int j = 0; j < i; j++)
                    {
                        if (config.Meters[j].Line == meter.Line)
                        {
                            _fields.Error(JsonPathReader.Member(path, "line"), "line '" + meter.Line + "' is already measured by $.meters[" + j.ToString() + "]");
                            break;
                        }
                    }
                }

                ValidateAccount(config, meter, i, path);
            }
        }

        private void ValidateMeterBus(GatewayConfig config, MeterConfig meter, int index, string path)
        {
            if (meter.Bus == null)
            {
                return;
            }

            BusConfig bus = config.Bus(meter.Bus);
            if (bus == null)
            {
                _fields.Error(JsonPathReader.Member(path, "bus"), "no bus '" + meter.Bus + "' in $.buses");
                return;
            }

            string addressPath = JsonPathReader.Member(path, "address");
            if (meter.Address < 0)
            {
                return;
            }

            if (meter.Protocol == MeterProtocol.Modbus)
            {
                if (bus.Kind == BusKind.Optical)
                {
                    _fields.Error(JsonPathReader.Member(path, "protocol"), "Modbus RTU meters hang on RS-485, not on an optical head");
                }
                else if (bus.Kind == BusKind.DlmsWrapper)
                {
                    _fields.Error(JsonPathReader.Member(path, "protocol"), "a wrapper bus carries DLMS only; a Modbus RTU meter behind a converter goes on a tcp_serial bus");
                }

                // Modbus over serial line v1.02 §2.2: unicast addresses are 1–247.
                if (meter.Address < 1 || meter.Address > 247)
                {
                    _fields.Error(addressPath, "a Modbus unit id is 1–247, not " + meter.Address.ToString());
                }
            }
            else if (bus.Kind == BusKind.DlmsWrapper)
            {
                // IEC 62056-47: a wPort is 16 bits; 0 is no logical device.
                if (meter.Address < 1 || meter.Address > 0xFFFF)
                {
                    _fields.Error(addressPath, "on a wrapper bus the address is the meter's wPort (logical device) 1–65535, not " + meter.Address.ToString());
                }
            }
            else if (meter.Address < 0x10 || meter.Address > 0x3FFD)
            {
                // IEC 62056-46: physical device addresses 0x10–0x3FFD (lower values are reserved).
                _fields.Error(addressPath, "a DLMS HDLC physical address is 16–16381, not " + meter.Address.ToString());
            }

            int earlierOnBus = 0;
            bool addressTaken = false;
            for (int j = 0; j < index; j++)
            {
                MeterConfig other = config.Meters[j];
                if (other.Bus != meter.Bus)
                {
                    continue;
                }

                earlierOnBus++;
                if (!addressTaken && other.Address == meter.Address && other.Protocol == meter.Protocol)
                {
                    addressTaken = true;
                    _fields.Error(addressPath, "address " + meter.Address.ToString() + " is already used on bus '" + meter.Bus + "' by $.meters[" + j.ToString() + "]");
                }
            }

            if (bus.Kind == BusKind.Optical && earlierOnBus > 0)
            {
                _fields.Error(JsonPathReader.Member(path, "bus"), "an optical head reads one meter; bus '" + meter.Bus + "' already has one");
            }
        }

        private void ValidateAccount(GatewayConfig config, MeterConfig meter, int index, string path)
        {
            string accountPath = JsonPathReader.Member(path, "account");
            if (meter.Prepaid == PrepaidMode.Sts && meter.Account == null)
            {
                _fields.Error(accountPath, "an STS meter needs a keypad account code");
            }

            if (meter.Account == null)
            {
                return;
            }

            if (meter.Account.Length > 6 || !AllDigits(meter.Account))
            {
                _fields.Error(accountPath, "a keypad account code is 1–6 digits");
            }

            for (int j = 0; j < index; j++)
            {
                if (config.Meters[j].Account == meter.Account)
                {
                    _fields.Error(accountPath, "account '" + meter.Account + "' is already used by $.meters[" + j.ToString() + "]");
                    break;
                }
            }
        }

        private void ValidateChannels(GatewayConfig config)
        {
            SafetyChannelConfig[] channels = config.Safety.Channels;
            for (int i = 0; i < channels.Length; i++)
            {
                string path = JsonPathReader.Item("$.safety.channels", i);
                Unique(channels[i].Id, JsonPathReader.Member(path, "id"), channels, i, "channel id");
                for (int j = 0; j < i; j++)
                {
                    if (channels[i].AdcChannel >= 0 && channels[j].AdcChannel == channels[i].AdcChannel)
                    {
                        _fields.Error(JsonPathReader.Member(path, "adcChannel"), "ADC channel " + channels[i].AdcChannel.ToString() + " already senses $.safety.channels[" + j.ToString() + "]");
                        break;
                    }
                }
            }
        }

        private void ValidateOpenPaygo(GatewayConfig config)
        {
            for (int i = 0; i < config.OpenPaygoLines.Length; i++)
            {
                OpenPaygoLineConfig line = config.OpenPaygoLines[i];
                string path = JsonPathReader.Member(JsonPathReader.Item("$.openPaygoLines", i), "line");
                if (line.Line == null)
                {
                    continue;
                }

                if (config.Channel(line.Line) == null)
                {
                    _fields.Error(path, "no safety channel '" + line.Line + "' in $.safety.channels: OpenPAYGO credit switches a board line");
                }

                if (line.Unit == OpenAmi.Prepaid.Ledger.CreditUnit.Energy && MeterOnLine(config, line.Line) == null)
                {
                    _fields.Error(JsonPathReader.Member(JsonPathReader.Item("$.openPaygoLines", i), "unit"), "energy credit needs a meter on line '" + line.Line + "' ($.meters[].line) to measure what the line uses");
                }

                for (int j = 0; j < i; j++)
                {
                    if (config.OpenPaygoLines[j].Line == line.Line)
                    {
                        _fields.Error(path, "line '" + line.Line + "' already has $.openPaygoLines[" + j.ToString() + "]");
                        break;
                    }
                }
            }
        }

        private static MeterConfig MeterOnLine(GatewayConfig config, string channelId)
        {
            for (int i = 0; i < config.Meters.Length; i++)
            {
                if (config.Meters[i].Line == channelId)
                {
                    return config.Meters[i];
                }
            }

            return null;
        }

        private void ValidateNorthbound(GatewayConfig config)
        {
            NorthboundConfig northbound = config.Northbound;
            if (northbound.ClientId == null)
            {
                northbound.ClientId = config.GatewayId;
            }

            if (northbound.Broker == null)
            {
                return;
            }

            const string Path = "$.northbound.broker";
            string broker = northbound.Broker;
            string rest;
            if (broker.StartsWith("mqtts://"))
            {
                northbound.Tls = true;
                rest = broker.Substring(8);
            }
            else if (broker.StartsWith("mqtt://"))
            {
                rest = broker.Substring(7);
            }
            else
            {
                _fields.Error(Path, "must start with mqtts:// (or mqtt:// for a test broker)");
                return;
            }

            int colon = rest.IndexOf(':');
            string host = colon < 0 ? rest : rest.Substring(0, colon);
            int port = northbound.Tls ? 8883 : 1883;
            if (colon >= 0)
            {
                port = ParsePort(rest.Substring(colon + 1));
                if (port < 1)
                {
                    _fields.Error(Path, "the port must be 1–65535");
                    return;
                }
            }

            if (host.Length == 0 || host.IndexOf('/') >= 0)
            {
                _fields.Error(Path, "must be scheme://host[:port] with no path");
                return;
            }

            northbound.Host = host;
            northbound.Port = port;
            if (!northbound.Tls && !northbound.Insecure)
            {
                _fields.Error(Path, "plain mqtt:// needs \"insecure\": true (the northbound profile requires TLS in production)");
            }

            if (northbound.Tls && northbound.CaCertFile == null)
            {
                _fields.Error("$.northbound.caCertFile", "required with mqtts:// (the gateway verifies the broker against it)");
            }
        }

        /// <summary>Reports a duplicate of items[index]'s id among the items before it.</summary>
        private void Unique(string id, string path, Array items, int index, string what)
        {
            if (id == null)
            {
                return;
            }

            for (int j = 0; j < index; j++)
            {
                if (IdOf(items.GetValue(j)) == id)
                {
                    _fields.Error(path, what + " '" + id + "' is already used by item " + j.ToString());
                    return;
                }
            }
        }

        private static string IdOf(object item)
        {
            if (item is BusConfig bus)
            {
                return bus.Id;
            }

            if (item is MeterConfig meter)
            {
                return meter.Id;
            }

            return ((SafetyChannelConfig)item).Id;
        }

        private static bool AllDigits(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return text.Length > 0;
        }
    }
}
