using System.Text;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Storage.Records;
using NorthboundOutbox = OpenAmi.Northbound.Outbox.Outbox;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The northbound half of the gateway: the durable outbox, the uplink that connects, resumes and pumps it,
    /// and the bridge that turns metering output into envelopes. Everything published goes through the outbox
    /// first, so an outage or a power cut loses nothing that fits in <see cref="NorthboundConfig.OutboxMaxBytes"/>.
    /// </summary>
    public sealed class NorthboundWiring : IScheduledUnit
    {
        /// <summary>QoS 1 messages in flight at once; more only fill the broker's inflight queue (mosquitto's default is 20).</summary>
        private const int InflightWindow = 8;

        /// <summary>Registers per telemetry envelope: the whole VMRS required set of one meter fits.</summary>
        private const int RegistersPerEnvelope = 16;

        /// <summary>Eviction works on whole segments: 16 of them keep the loss on overflow to 1/16 of the store.</summary>
        public const int SegmentsPerOutbox = 16;

        private const int FirstRetryMs = 1000;
        private const int LongestRetryMs = 5 * 60 * 1000;

        public NorthboundWiring(GatewayConfig config, GatewayPorts ports)
        {
            Topics = new Topics(config.FeederId, config.GatewayId);
            Outbox = new NorthboundOutbox(ports.OutboxStore, config.Northbound.OutboxMaxBytes, config.Northbound.OutboxMaxBytes / SegmentsPerOutbox);
            var options = new MqttConnectOptions
            {
                ClientId = config.Northbound.ClientId ?? config.GatewayId,
                Username = config.Northbound.Username,
                Password = config.Northbound.Password,
                KeepAliveSeconds = config.Northbound.KeepAliveS,
            };

            // Each gateway jitters on its own seed (string hashes differ per process on desktop .NET: use a CRC),
            // so a feeder of gateways does not reconnect in lockstep and an emulator run is repeatable.
            byte[] id = Encoding.UTF8.GetBytes(config.GatewayId);
            var backoff = new ReconnectBackoff(FirstRetryMs, LongestRetryMs, (int)Crc32.Compute(id, 0, id.Length));
            Uplink = new Uplink(ports.Mqtt, options, Topics, Outbox, InflightWindow, backoff, ports.WallClock, ports.Info);
            Bridge = new TelemetryBridge(Topics, Uplink, ports.WallClock, RegistersPerEnvelope);
        }

        public Topics Topics { get; }

        public NorthboundOutbox Outbox { get; }

        public Uplink Uplink { get; }

        public TelemetryBridge Bridge { get; }

        public void Schedule(Scheduler scheduler, long nowMs)
        {
            scheduler.AddPeriodic("uplink", Lane.Housekeeping, nowMs, FirstRetryMs, Uplink.Tick);
        }
    }
}
