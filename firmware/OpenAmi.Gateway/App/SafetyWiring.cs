using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// Wires the tenant lines' protection: Safety's <see cref="SafetyService"/> over the platform's line ports with the
    /// configured thresholds and lockout budget, its events relayed northbound, and the one road to a line
    /// (<see cref="Supply"/>) for remote reconnects and prepaid credit. Line numbers are the indexes of
    /// <see cref="SafetyConfig.Channels"/>.
    /// </summary>
    public sealed class SafetyWiring
    {
        private readonly string[] _channelIds;

        public SafetyWiring(GatewayConfig config, GatewayPorts ports, NorthboundWiring northbound, Scheduler scheduler)
        {
            SafetyChannelConfig[] channels = config.Safety.Channels;
            _channelIds = new string[channels.Length];
            var suppliedByDefault = new bool[channels.Length];
            var meterOfLine = new string[channels.Length];
            var lines = new LinePorts[channels.Length];
            for (int i = 0; i < channels.Length; i++)
            {
                _channelIds[i] = channels[i].Id;
                lines[i] = ports.SafetyLine(channels[i].Id);
                if (lines[i] == null)
                {
                    throw new GatewayCompositionException("safety channel '" + channels[i].Id + "' is configured but the platform gives it no line ports");
                }

                // OpenPAYGO lines are switched by their credit (Prepaid asks through Supply); the others are supplied
                // whenever Safety allows it, unless they were switched off on purpose before the reboot.
                suppliedByDefault[i] = !HasOpenPaygo(config, channels[i].Id);
            }

            if (channels.Length > 0)
            {
                RequirePort(ports.AnyTrip, "AnyTrip");
                RequirePort(ports.LocalReset, "LocalReset");
                RequirePort(ports.SafetyClock, "SafetyClock");
                RequirePort(ports.SafetyDelay, "SafetyDelay");
                RequirePort(ports.SafetyStore, "SafetyStore");
            }

            Relay = new SafetyEventRelay(_channelIds, meterOfLine, northbound.Topics, northbound.Uplink, ports.WallClock, scheduler);
            Service = new SafetyService(Settings(config), lines, suppliedByDefault, ports.AnyTrip, ports.LocalReset, ports.SafetyClock,
                ports.WallClock, ports.SafetyDelay, ports.SafetyStore, Relay, Relay, new SwitchedOffLines(ports.StateStore));
            Supply = new SupplyRouting(Service, Service.Deenergise);
            for (int m = 0; m < config.Meters.Length; m++)
            {
                int line = LineOf(config.Meters[m].Line);
                if (line >= 0)
                {
                    // The gateway publishes a meter under its configured id (MeterRecord.Serial), so commands address it by that.
                    meterOfLine[line] = config.Meters[m].Id;
                    Supply.Bind(config.Meters[m].Id, line);
                }
            }
        }

        /// <summary>The lines' supervisor; the device runs <see cref="SafetyService.Run"/> on its own high-priority thread.</summary>
        public SafetyService Service { get; }

        /// <summary>Remote reconnects (Northbound) and credit (Prepaid) reach a line only through this routing.</summary>
        public SupplyRouting Supply { get; }

        public SafetyEventRelay Relay { get; }

        /// <summary>
        /// The supervisor's settings for this configuration. The supervisor has one detector for every line, so each
        /// threshold is the most sensitive one configured (a configuration can only lower them, ConfigReader enforces it):
        /// every line trips at or below its own configured value.
        /// </summary>
        public static SafetySettings Settings(GatewayConfig config)
        {
            var settings = new SafetySettings
            {
                MaxAttempts = config.Safety.LockoutAttempts,
                AttemptWindowSeconds = config.Safety.LockoutWindowS,
            };
            SafetyChannelConfig[] channels = config.Safety.Channels;
            for (int i = 0; i < channels.Length; i++)
            {
                if (channels[i].DcTripMa < settings.Detector.DcRatedMa)
                {
                    settings.Detector.DcRatedMa = channels[i].DcTripMa;
                }

                if (channels[i].AcTripMa < settings.Detector.AcRatedMa)
                {
                    settings.Detector.AcRatedMa = channels[i].AcTripMa;
                }
            }

            return settings;
        }

        /// <summary>The line number of a safety channel id, or -1.</summary>
        public int LineOf(string channelId)
        {
            for (int i = 0; i < _channelIds.Length; i++)
            {
                if (channelId != null && _channelIds[i] == channelId)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool HasOpenPaygo(GatewayConfig config, string channelId)
        {
            for (int i = 0; i < config.OpenPaygoLines.Length; i++)
            {
                if (config.OpenPaygoLines[i].Line == channelId)
                {
                    return true;
                }
            }

            return false;
        }

        private static void RequirePort(object port, string name)
        {
            if (port == null)
            {
                throw new GatewayCompositionException("port " + name + " is not supplied by the platform (needed by the configured safety channels)");
            }
        }
    }
}
