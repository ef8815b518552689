using System.Collections;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Gateway.Northward
{
    /// <summary>
    /// Every final token outcome, keypad or remote, as a <c>token_accepted</c> / <c>token_rejected</c> event
    /// (docs/prepaid.md, "Events") on the event topic of the account's meter — or the gateway's for a line with
    /// no meter — through the uplink, which persists it in the outbox before sending.
    /// </summary>
    public sealed class TokenEventRelay : ITokenOutcomeSink
    {
        private readonly Topics _topics;
        private readonly IEventSink _uplink;
        private readonly IWallClock _wallClock;
        private readonly Hashtable _meterOfAccount = new Hashtable();
        private readonly JsonWriter _writer = new JsonWriter();

        public TokenEventRelay(Topics topics, IEventSink uplink, IWallClock wallClock)
        {
            _topics = topics;
            _uplink = uplink;
            _wallClock = wallClock;
        }

        /// <summary>Events emitted so far.</summary>
        public int Emitted { get; private set; }

        /// <summary>Outcomes of <paramref name="accountCode"/> are reported on this meter's event topic.</summary>
        public void Bind(string accountCode, string meterSerial)
        {
            _meterOfAccount[accountCode] = meterSerial;
        }

        public void OnOutcome(TokenOutcome outcome)
        {
            if (outcome.Kind == TokenOutcomeKind.Queued)
            {
                return;
            }

            var meter = outcome.Account == null ? null : (string)_meterOfAccount[outcome.Account];
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, meter, _wallClock.UtcNow, outcome.EventName, Data(outcome));
            _uplink.Emit(_topics.EventOf(meter), _writer.Buffer, 0, _writer.Length);
            Emitted++;
        }

        private static JsonNode Data(TokenOutcome outcome)
        {
            JsonNode data = JsonNode.NewObject()
                .Set("source", outcome.Source == TokenSource.Keypad ? "keypad" : "remote")
                .Set("requestId", outcome.RequestId)
                .Set("scheme", outcome.Scheme)
                .Set("reason", outcome.Reason)
                .Set("feedback", KeypadFeedbackNames.ToName(outcome.Feedback));
            if (outcome.StsClass >= 0)
            {
                data.Set("stsClass", outcome.StsClass);
            }

            if (outcome.Scheme == "openpaygo" && outcome.Kind == TokenOutcomeKind.Accepted)
            {
                data.Set("type", OpenPaygoTokenTypeNames.ToName(outcome.OpenPaygoType)).Set("value", outcome.Value).Set("count", outcome.Count);
            }

            return data;
        }
    }
}
