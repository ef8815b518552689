using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// Tells the head-end what the outbox lost, when it can be heard: while the link is up, one data_gap event per
    /// <see cref="GapRange"/> of the <see cref="GapLedger"/>, oldest first and one at a time, ahead of the outbox's
    /// replay (the gateway event topic, QoS 1). A range leaves the ledger only on its PUBACK; after a reconnect the
    /// unacknowledged report is re-sent with DUP and its packet identifier, after a reboot with a new one. The
    /// range is frozen before its first send, so every re-send carries the same bytes (a head-end de-duplicates
    /// on them, or on stream and sequence range).
    /// </summary>
    public sealed class GapReporter
    {
        private readonly object _sync = new object();
        private readonly GapLedger _ledger;
        private readonly OutboxPublisher _publisher;
        private readonly IMqttLink _link;
        private readonly Topics _topics;
        private readonly IWallClock _clock;
        private readonly JsonWriter _writer = new JsonWriter();
        private GapRange _inFlight;
        private int _packetId;

        public GapReporter(GapLedger ledger, OutboxPublisher publisher, IMqttLink link, Topics topics, IWallClock clock)
        {
            _ledger = ledger;
            _publisher = publisher;
            _link = link;
            _topics = topics;
            _clock = clock;
            link.PublishAcknowledged += OnAcknowledged;
        }

        /// <summary>Sends the next report if none is waiting for its PUBACK.</summary>
        public void Pump()
        {
            lock (_sync)
            {
                if (_inFlight != null || !_link.IsConnected)
                {
                    return;
                }

                GapRange range = _ledger.NextReport(_clock.UtcNow.Ticks);
                if (range == null)
                {
                    return;
                }

                _inFlight = range;
                _packetId = _publisher.TakePacketId();
                Send(false);
            }
        }

        /// <summary>After CONNACK: re-sends the unacknowledged report (DUP), or starts the next one.</summary>
        public void Resume()
        {
            lock (_sync)
            {
                if (_inFlight != null)
                {
                    Send(true);
                    return;
                }
            }

            Pump();
        }

        private void OnAcknowledged(int packetId)
        {
            lock (_sync)
            {
                if (_inFlight == null || packetId != _packetId)
                {
                    return;
                }

                _ledger.Remove(_inFlight);
                _inFlight = null;
            }

            Pump();
        }

        private void Send(bool duplicate)
        {
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, null, new DateTime(_inFlight.ReportTicks, DateTimeKind.Utc), EventTypes.DataGap, EventEnvelope.DataGap(_inFlight, _topics));
            bool resend = duplicate; // a plain statement, not a call, right before the try (nanoCLR would run its catch for the call)
            try
            {
                _publisher.PublishTracked(_topics.GatewayEvent, _writer.Buffer, 0, _writer.Length, _packetId, resend);
            }
            catch (NorthboundException)
            {
                // The link dropped; Resume re-sends this report after the reconnect.
            }
        }
    }
}
