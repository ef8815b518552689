using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.Northbound.Status;
using OpenAmi.Platform;

namespace OpenAmi.Northbound
{
    /// <summary>
    /// The northbound connection as a whole, driven by <see cref="Tick"/> from the gateway's loop: connects with
    /// back-off (will = retained "offline"), subscribes to the command topics, publishes the retained birth
    /// message, resumes the outbox, and accepts payloads through <see cref="Emit"/> (persist first, then send).
    /// </summary>
    public sealed class Uplink : IEventSink
    {
        private readonly IMqttLink _link;
        private readonly MqttConnectOptions _options;
        private readonly Topics _topics;
        private readonly Outbox.Outbox _outbox;
        private readonly Outbox.OutboxPublisher _publisher;
        private readonly Outbox.GapReporter _gaps;
        private readonly ReconnectBackoff _backoff;
        private readonly IWallClock _clock;
        private readonly IGatewayInfo _info;
        private readonly JsonWriter _writer = new JsonWriter();
        private long _nextAttemptMs;

        public Uplink(IMqttLink link, MqttConnectOptions options, Topics topics, Outbox.Outbox outbox, int window, ReconnectBackoff backoff, IWallClock clock, IGatewayInfo info)
        {
            _link = link;
            _options = options;
            _topics = topics;
            _outbox = outbox;
            _backoff = backoff;
            _clock = clock;
            _info = info;
            _publisher = new Outbox.OutboxPublisher(outbox, link, window);
            _gaps = new Outbox.GapReporter(outbox.Gaps, _publisher, link, topics, clock);
            GatewayStatus.WriteWill(_writer, topics);
            options.WillTopic = topics.Status;
            options.WillPayload = _writer.ToArray();
            options.WillQos = 1;
            options.WillRetain = true;
        }

        /// <summary>A rejected configuration's `path: reason` lines, carried in every birth message; null when it was accepted.</summary>
        public string[] ConfigErrors { get; set; }

        /// <summary>The most recent connection failure, for diagnostics; null after a successful connect.</summary>
        public string LastError { get; private set; }

        /// <summary>Also shown every payload once it is persisted, whether or not the broker is reachable (the installer's events); null for none.</summary>
        public IEventSink Tap { get; set; }

        /// <summary>Connects when due, otherwise sends what the outbox holds.</summary>
        public void Tick(long nowMs)
        {
            if (_link.IsConnected)
            {
                _gaps.Pump();
                _publisher.Pump();
                return;
            }

            if (nowMs < _nextAttemptMs)
            {
                return;
            }

            try
            {
                _link.Connect(_options);
                _link.Subscribe(_topics.CommandFilter, 1);
                PublishBirth();
                LastError = null;
                _backoff.Reset();
                _gaps.Resume();
                _publisher.Resume();
            }
            catch (NorthboundException error)
            {
                LastError = error.Message;
                _nextAttemptMs = nowMs + _backoff.NextDelayMs();
            }
        }

        /// <summary>
        /// Persists a payload (telemetry, event, ack) and sends it when the link allows. What eviction loses is
        /// counted in the outbox's gap ledger and reported as data_gap once the link is up.
        /// </summary>
        public void Emit(string topic, byte[] payload, int offset, int count)
        {
            _outbox.Append(topic, payload, offset, count);
            IEventSink tap = Tap;
            if (tap != null)
            {
                tap.Emit(topic, payload, offset, count);
            }

            _gaps.Pump();
            _publisher.Pump();
        }

        /// <summary>Publishes the retained "offline" status (a clean DISCONNECT suppresses the will) and disconnects.</summary>
        public void Stop()
        {
            if (!_link.IsConnected)
            {
                return;
            }

            try
            {
                _publisher.PublishDirect(_topics.Status, _options.WillPayload, 0, _options.WillPayload.Length, true);
            }
            finally
            {
                _link.Disconnect();
            }
        }

        private void PublishBirth()
        {
            _writer.Reset();
            GatewayStatus.WriteBirth(_writer, _topics, _clock.UtcNow, _info.FirmwareVersion, _info.UptimeSeconds, _info.SignalDbm, _outbox.Depth, ConfigErrors);
            _publisher.PublishDirect(_topics.Status, _writer.Buffer, 0, _writer.Length, true);
        }
    }
}
