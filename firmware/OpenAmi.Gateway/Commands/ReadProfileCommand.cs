using System;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Northward;
using OpenAmi.Json;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "read-profile" {"profile": "load" | "billing", "from": ISO time, "to": ISO time}: the rows the meter's load or
    /// billing profile captured in that range (both bounds inclusive) are read on its bus and published as ordinary
    /// telemetry envelopes, each stamped with its capture time, oldest first — as the backfill publishes them, but
    /// without moving the backfill's marks (the head-end asked to see them again). The final ack carries the number
    /// of envelopes published.
    /// </summary>
    public sealed class ReadProfileCommand : ICommandHandler
    {
        /// <summary>
        /// The backfill's horizon: a week of a 15-minute profile (672 envelopes, about half a minute of a 9600 Bd
        /// line) is as much as one command may hold the bus and fill the outbox with.
        /// </summary>
        public const long MaxRangeSeconds = BackfillOptions.DefaultHorizonSeconds;

        private readonly MeteringWiring _metering;
        private readonly TelemetryBridge _telemetry;
        private readonly CommandWiring _commands;

        /// <param name="telemetry">Its interval envelopes are taken when a command runs (made on first use, not at composition).</param>
        public ReadProfileCommand(MeteringWiring metering, TelemetryBridge telemetry, CommandWiring commands)
        {
            _metering = metering;
            _telemetry = telemetry;
            _commands = commands;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            MeterRecord meter = _metering.Meter(meterSerial);
            if (meter == null)
            {
                return "unknown_meter";
            }

            string profile = parameters.GetString("profile");
            CaptureProfileKind kind;
            if (profile == "load")
            {
                kind = CaptureProfileKind.Load;
            }
            else if (profile == "billing")
            {
                kind = CaptureProfileKind.Billing;
            }
            else
            {
                return "bad_params: profile must be load or billing";
            }

            DateTime from = Utc(parameters.GetString("from"));
            DateTime to = Utc(parameters.GetString("to"));
            if (to < from)
            {
                return "bad_params: to is before from";
            }

            if (to.Ticks - from.Ticks > MaxRangeSeconds * TimeSpan.TicksPerSecond)
            {
                return "bad_params: the range is longer than " + (MaxRangeSeconds / 86400).ToString() + " days";
            }

            int published;
            string failure = _metering.ReadProfile(meter, kind, from, to, _telemetry.Intervals, out published);
            _commands.ReportCount(published);
            return failure;
        }

        /// <summary>An ISO time as a UTC instant (a malformed one is a JsonException, acked "bad_params").</summary>
        private static DateTime Utc(string iso) => new DateTime(IsoTime.Parse(iso).Ticks, DateTimeKind.Utc);
    }
}
