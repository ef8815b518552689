using OpenAmi.Cellular.Modem;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Gateway.Config
{
    /// <summary>
    /// Everything one pole gateway needs to know about its feeder: identity, buses and meters, polling
    /// intervals, tenant-line safety channels, the northbound endpoint and keys, OpenPAYGO lines.
    /// Loaded from JSON by <see cref="ConfigReader"/> (format in docs/gateway.md); never used unless valid.
    /// </summary>
    public sealed class GatewayConfig
    {
        public string FeederId { get; set; }

        public string GatewayId { get; set; }

        public BusConfig[] Buses { get; set; } = new BusConfig[0];

        public MeterConfig[] Meters { get; set; } = new MeterConfig[0];

        public IntervalConfig Intervals { get; set; } = new IntervalConfig();

        public SafetyConfig Safety { get; set; } = new SafetyConfig();

        public NorthboundConfig Northbound { get; set; } = new NorthboundConfig();

        public OpenPaygoLineConfig[] OpenPaygoLines { get; set; } = new OpenPaygoLineConfig[0];

        public CellularConfig Cellular { get; set; } = new CellularConfig();

        /// <summary>Technical losses allowed between the feeder head and the customers before theft is suspected.</summary>
        public double LossAllowancePercent { get; set; } = 8;

        /// <summary>Meter clocks further off than this are set (VMRS use case VI).</summary>
        public int ClockDriftLimitS { get; set; } = 2;

        public BusConfig Bus(string id)
        {
            for (int i = 0; i < Buses.Length; i++)
            {
                if (Buses[i].Id == id)
                {
                    return Buses[i];
                }
            }

            return null;
        }

        public SafetyChannelConfig Channel(string id)
        {
            for (int i = 0; i < Safety.Channels.Length; i++)
            {
                if (Safety.Channels[i].Id == id)
                {
                    return Safety.Channels[i];
                }
            }

            return null;
        }
    }

    public sealed class BusConfig
    {
        public string Id { get; set; }

        public BusKind Kind { get; set; }

        /// <summary>
        /// The UART the adapter opens (COM2 on the ESP32; the emulator names its simulated buses), or "host:port" of a
        /// TCP serial server, or "host[:port]" of a meter's wrapper endpoint (port 4059 when left out).
        /// </summary>
        public string Port { get; set; }

        /// <summary>RS-485 and TCP serial server (the line speed behind the converter, which paces Modbus); an optical head signs on at 300 Bd and negotiates.</summary>
        public int Baud { get; set; } = 9600;
    }

    public sealed class MeterConfig
    {
        /// <summary>Local name (the serial is read from the meter at registration).</summary>
        public string Id { get; set; }

        public string Bus { get; set; }

        public MeterProtocol Protocol { get; set; }

        /// <summary>DLMS: HDLC physical (lower) server address, or on a wrapper bus the meter's wPort (logical device); Modbus: unit id.</summary>
        public int Address { get; set; }

        /// <summary>Vendor profile id (built-in or on flash).</summary>
        public string Profile { get; set; }

        public MeterRole Role { get; set; }

        /// <summary>The board-switched tenant line (safety channel id) this meter measures; null if none.</summary>
        public string Line { get; set; }

        public PrepaidMode Prepaid { get; set; }

        /// <summary>Short keypad account code selecting this meter; null when keypad entry is not offered.</summary>
        public string Account { get; set; }

        /// <summary>Rating of the breaker in front of the meter, A (0 = site default); bounds plausible energy steps.</summary>
        public double BreakerA { get; set; }
    }

    /// <summary>Polling and housekeeping periods, seconds.</summary>
    public sealed class IntervalConfig
    {
        public int BillingS { get; set; } = 3600;

        public int InstantaneousS { get; set; } = 900;

        public int StaticS { get; set; } = 86400;

        public int ClockCheckS { get; set; } = 21600;

        public int StatusS { get; set; } = 300;

        public int EnergyBalanceS { get; set; } = 3600;

        /// <summary>How far back a load profile is read after an outage; older intervals are left in the meter (default 7 days).</summary>
        public int BackfillHorizonS { get; set; } = 7 * 86400;
    }

    public sealed class SafetyConfig
    {
        public SafetyChannelConfig[] Channels { get; set; } = new SafetyChannelConfig[0];

        /// <summary>Re-trips allowed within <see cref="LockoutWindowS"/> before the line waits for a local reset.</summary>
        public int LockoutAttempts { get; set; } = 3;

        public int LockoutWindowS { get; set; } = 86400;
    }

    /// <summary>One tenant line: its SSR, residual-current sensor and thresholds.</summary>
    public sealed class SafetyChannelConfig
    {
        public string Id { get; set; }

        /// <summary>ADC1 channel (0–7) of the line's residual-current sensor.</summary>
        public int AdcChannel { get; set; }

        public double DcTripMa { get; set; } = 6;

        public double AcTripMa { get; set; } = 30;
    }

    public sealed class NorthboundConfig
    {
        /// <summary>mqtts://host:port in production; mqtt:// only with <see cref="Insecure"/>.</summary>
        public string Broker { get; set; }

        public string Host { get; set; }

        public int Port { get; set; }

        public bool Tls { get; set; }

        public bool Insecure { get; set; }

        /// <summary>Defaults to the gateway id.</summary>
        public string ClientId { get; set; }

        public string Username { get; set; }

        public string Password { get; set; }

        /// <summary>CA certificate file on the device's flash (required with TLS).</summary>
        public string CaCertFile { get; set; }

        /// <summary>The per-gateway HMAC-SHA256 key that authenticates head-end commands.</summary>
        public byte[] CommandKey { get; set; }

        public int KeepAliveS { get; set; } = 60;

        /// <summary>
        /// Flash the outbox may use; when full, the oldest segment is evicted and a data_gap event says how many
        /// records were lost. It must fit the device's file-system partition beside the other state files.
        /// </summary>
        public int OutboxMaxBytes { get; set; } = 128 * 1024;
    }

    /// <summary>The cellular modem's northbound fallback (absent: the modem keeps what is stored in it).</summary>
    public sealed class CellularConfig
    {
        /// <summary>APN of the modem's data context; null leaves the one stored in the modem.</summary>
        public string Apn { get; set; }

        /// <summary>The fitted module family (docs/cellular.md, "Module families"); the board carries an A7670E.</summary>
        public ModemFamily Module { get; set; } = ModemFamily.A76xx;
    }

    /// <summary>A board-switched line sold by OpenPAYGO Token codes.</summary>
    public sealed class OpenPaygoLineConfig
    {
        /// <summary>Safety channel id of the line.</summary>
        public string Line { get; set; }

        /// <summary>The 16-byte secret key of the line's OpenPAYGO device.</summary>
        public byte[] Key { get; set; }

        public long StartingCode { get; set; }

        /// <summary>The line also takes extended (12-digit) codes.</summary>
        public bool Extended { get; set; }

        public bool Restricted { get; set; }

        /// <summary>What a unit of token value buys: days of supply, or <see cref="WhPerUnit"/> of the line meter's import energy.</summary>
        public OpenAmi.Prepaid.Ledger.CreditUnit Unit { get; set; } = OpenAmi.Prepaid.Ledger.CreditUnit.Time;

        public long WhPerUnit { get; set; } = 1000;
    }
}
