using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Northbound.Commands
{
    /// <summary>
    /// Authenticates and runs commands arriving on .../meter/{serial}/command. Order of checks: parse and shape
    /// (malformed), HMAC (bad_signature), type (unknown_type), time (clock_unsynchronized, expired, not_yet_valid),
    /// replay (replayed). Any failure emits a "rejected" command_ack and changes nothing. A passing command is
    /// remembered by the <see cref="ReplayGuard"/> first, acknowledged "accepted", run, then acknowledged "done" or
    /// "rejected" with the reason. "reconnect" only ever asks the <see cref="ISupplyPolicy"/>.
    /// </summary>
    public sealed class CommandProcessor
    {
        /// <summary>Longest accepted expiry − issued window.</summary>
        public static readonly TimeSpan MaxValidity = new TimeSpan(24, 0, 0);

        /// <summary>Tolerated clock skew for "issued" in the future.</summary>
        public static readonly TimeSpan MaxSkew = new TimeSpan(0, 5, 0);

        /// <summary>Rejection acks written per minute, each of the two budgets.</summary>
        public const int RejectionAcksPerMinute = 10;

        private readonly Topics _topics;
        private readonly ICommandKey _key;
        private readonly IWallClock _clock;
        private readonly ReplayGuard _guard;
        private readonly ISupplyPolicy _supply;
        private readonly ICommandHandler _handler;
        private readonly IEventSink _sink;
        private readonly JsonWriter _writer = new JsonWriter();

        /// <summary>Rejections anyone can cause (wrong target, malformed, bad signature).</summary>
        private readonly AckBudget _unauthenticated = new AckBudget(RejectionAcksPerMinute);

        /// <summary>Rejections of correctly signed commands (expired, replayed, busy …): a replayed capture cannot exhaust the other budget.</summary>
        private readonly AckBudget _authenticated = new AckBudget(RejectionAcksPerMinute);
        private long _count;

        public CommandProcessor(Topics topics, ICommandKey key, IWallClock clock, ReplayGuard guard, ISupplyPolicy supply, ICommandHandler handler, IEventSink sink)
        {
            _topics = topics;
            _key = key;
            _clock = clock;
            _guard = guard;
            _supply = supply;
            _handler = handler;
            _sink = sink;
        }

        /// <summary>The id of the command being executed (for handlers that correlate later events with it), else null.</summary>
        public string CurrentId { get; private set; }

        /// <summary>
        /// Called by a handler while it runs: the final ack (done or rejected) carries <paramref name="count"/> in its data
        /// (read-profile: the envelopes published, also when the meter failed part-way).
        /// </summary>
        public void ReportCount(long count)
        {
            _count = count;
        }

        /// <summary>Rejections not acknowledged because their budget for the minute was spent.</summary>
        public long RejectionsSuppressed => _unauthenticated.Suppressed + _authenticated.Suppressed;

        /// <summary>Handles one received PUBLISH; never throws for bad input.</summary>
        public void Handle(string topic, byte[] payload, int offset, int count)
        {
            Process(topic, payload, offset, count, false);
        }

        /// <summary>
        /// A command that found the queue full: checked like any other, and if it is authentic and fresh it is
        /// refused with reason "busy" (nothing remembered, nothing run), so the head-end knows to send it again.
        /// </summary>
        public void RefuseBusy(string topic, byte[] payload, int offset, int count)
        {
            Process(topic, payload, offset, count, true);
        }

        private void Process(string topic, byte[] payload, int offset, int count, bool busy)
        {
            if (_guard.Damaged && _clock.IsSynchronized)
            {
                RecoverReplayFloor();
            }

            string meter = _topics.MeterOfCommandTopic(topic);
            if (meter == null)
            {
                Reject(_unauthenticated, null, null, null, RejectReasons.WrongTarget);
                return;
            }

            JsonNode command = null;
            string id;
            string type;
            DateTime issued;
            DateTime expiry;
            JsonNode parameters;
            string signature;
            try
            {
                command = JsonParser.Parse(payload, offset, count);
                id = command.GetString("id");
                type = command.GetString("type");
                issued = IsoTime.Parse(command.GetString("issued"));
                expiry = IsoTime.Parse(command.GetString("expiry"));
                signature = command.GetString("signature");
                parameters = command.Get("params") ?? JsonNode.NewObject();
                if (!IsValidId(id) || parameters.Kind != JsonKind.Object || expiry <= issued || expiry - issued > MaxValidity)
                {
                    throw new JsonException("invalid id, params or validity window");
                }
            }
            catch (JsonException)
            {
                Reject(_unauthenticated, meter, UsableId(command), null, RejectReasons.Malformed);
                return;
            }

            string reason = Authorise(topic, command, id, type, issued, expiry, signature);
            if (reason == RejectReasons.BadSignature)
            {
                // Nothing of an unauthenticated command is echoed but its id (bounded by IsValidId).
                Reject(_unauthenticated, meter, id, null, reason);
                return;
            }

            if (reason != null || busy)
            {
                Reject(_authenticated, meter, id, CommandTypes.IsKnown(type) ? type : null, reason ?? RejectReasons.Busy);
                return;
            }

            _guard.Remember(id, issued);
            Ack(meter, id, type, AckStatus.Accepted, null);
            CurrentId = id;
            _count = CommandAck.NoCount;
            string failure = Execute(meter, type, parameters);
            CurrentId = null;
            Ack(meter, id, type, failure == null ? AckStatus.Done : AckStatus.Rejected, failure, _count);
        }

        private string Authorise(string topic, JsonNode command, string id, string type, DateTime issued, DateTime expiry, string signature)
        {
            if (!CommandSignature.Verify(_key, topic, command, signature))
            {
                return RejectReasons.BadSignature;
            }

            if (!CommandTypes.IsKnown(type))
            {
                return RejectReasons.UnknownType;
            }

            // Without a set clock only clock-sync may pass (its freshness rests on the replay guard alone).
            if (_clock.IsSynchronized)
            {
                DateTime now = _clock.UtcNow;
                if (expiry <= now)
                {
                    return RejectReasons.Expired;
                }

                if (issued > now + MaxSkew)
                {
                    return RejectReasons.NotYetValid;
                }
            }
            else if (type != CommandTypes.ClockSync)
            {
                return RejectReasons.ClockUnsynchronized;
            }

            return _guard.IsFresh(id, issued) ? null : RejectReasons.Replayed;
        }

        private string Execute(string meter, string type, JsonNode parameters)
        {
            try
            {
                if (type == CommandTypes.Reconnect)
                {
                    return _supply.RequestReconnect(meter, out string refusal) == SupplyAnswer.Granted ? null : (refusal ?? "refused_by_safety_policy");
                }

                return _handler.Execute(meter, type, parameters);
            }
            catch (JsonException error)
            {
                return "bad_params: " + error.Reason;
            }
            catch (Exception error)
            {
                // A failing handler must not take the command loop down; the head-end learns why.
                return "failed: " + error.Message;
            }
        }

        /// <summary>
        /// The replay table was damaged: nothing issued before now can be proven unexecuted, so the floor moves to
        /// now (the head-end re-issues what it still wants, with a new "issued") and a diagnostic event says so.
        /// </summary>
        private void RecoverReplayFloor()
        {
            DateTime now = _clock.UtcNow;
            _guard.RaiseFloor(now);
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, null, now, EventTypes.Diagnostic, EventEnvelope.Diagnostic(DiagnosticCodes.ReplayRecordDamaged, IsoTime.Format(now)));
            _sink.Emit(_topics.GatewayEvent, _writer.Buffer, 0, _writer.Length);
        }

        private void Reject(AckBudget budget, string meter, string id, string type, string reason)
        {
            if (budget.TryTake(_clock.UtcNow))
            {
                Ack(meter, id, type, AckStatus.Rejected, reason);
            }
        }

        private void Ack(string meter, string id, string type, string status, string reason)
        {
            Ack(meter, id, type, status, reason, CommandAck.NoCount);
        }

        private void Ack(string meter, string id, string type, string status, string reason, long count)
        {
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, meter, _clock.UtcNow, EventTypes.CommandAck, CommandAck.Data(id, type, status, reason, count));
            _sink.Emit(_topics.EventOf(meter), _writer.Buffer, 0, _writer.Length);
        }

        /// <summary>Ids are 1-64 characters of [A-Za-z0-9._:-] so they can be stored and echoed safely.</summary>
        private static bool IsValidId(string id)
        {
            if (id.Length == 0 || id.Length > ReplayGuard.MaxIdLength)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Best effort: the id of a command rejected as malformed, from the one parse already made (null if it failed).</summary>
        private static string UsableId(JsonNode command)
        {
            JsonNode value = command != null && command.Kind == JsonKind.Object ? command.Get("id") : null;
            return value != null && value.Kind == JsonKind.String && IsValidId(value.AsString()) ? value.AsString() : null;
        }
    }
}
