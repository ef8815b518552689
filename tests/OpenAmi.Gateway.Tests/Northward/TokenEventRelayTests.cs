using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.OpenPayGo;

namespace OpenAmi.Gateway.Tests.Northward;

/// <summary>
/// Token outcomes as northbound events. Expected payloads are written out by hand from docs/northbound.md
/// ("Events": envelope header member order schemaVersion, ts, feederId, gatewayId, meterSerial, then type and the
/// token_accepted / token_rejected data shape).
/// </summary>
public class TokenEventRelayTests
{
    private readonly RecordingEventSink _sink = new();
    private readonly TokenEventRelay _relay;

    public TokenEventRelayTests()
    {
        _relay = new TokenEventRelay(new Topics("feeder-demo-01", "pole-0001"), _sink, new FixedWallClock());
        _relay.Bind("4", "clinic-12000004");
    }

    [Fact]
    public void An_accepted_sts_token_is_reported_on_its_meters_event_topic()
    {
        _relay.OnOutcome(new TokenOutcome
        {
            Source = TokenSource.Remote, RequestId = "he-000002", Account = "4", Kind = TokenOutcomeKind.Accepted,
            Reason = "accepted", Feedback = KeypadFeedback.Accept, Scheme = "sts", StsClass = 0,
        });

        var (topic, payload) = Assert.Single(_sink.Messages);
        Assert.Equal("openami/v1/feeder-demo-01/pole-0001/meter/clinic-12000004/event", topic);
        Assert.Equal(
            "{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:30:00Z\",\"feederId\":\"feeder-demo-01\",\"gatewayId\":\"pole-0001\","
            + "\"meterSerial\":\"clinic-12000004\",\"type\":\"token_accepted\",\"data\":{\"source\":\"remote\",\"requestId\":\"he-000002\","
            + "\"scheme\":\"sts\",\"reason\":\"accepted\",\"feedback\":\"accept\",\"stsClass\":0}}",
            payload);
    }

    [Fact]
    public void An_openpaygo_outcome_of_an_unbound_account_goes_to_the_gateway_topic_with_its_type_value_and_count()
    {
        _relay.OnOutcome(new TokenOutcome
        {
            Source = TokenSource.Keypad, RequestId = "keypad-1", Account = "line:L9", Kind = TokenOutcomeKind.Accepted,
            Reason = "accepted", Feedback = KeypadFeedback.Accept, Scheme = "openpaygo", OpenPaygoType = OpenPaygoTokenType.AddTime, Value = 5, Count = 2,
        });
        _relay.OnOutcome(new TokenOutcome
        {
            Source = TokenSource.Keypad, RequestId = "keypad-2", Account = "4", Kind = TokenOutcomeKind.Rejected,
            Reason = "used", Feedback = KeypadFeedback.Used, Scheme = "sts", StsClass = 0,
        });
        _relay.OnOutcome(new TokenOutcome { Kind = TokenOutcomeKind.Queued, Account = "4" });

        Assert.Equal(2, _sink.Messages.Count);
        Assert.Equal("openami/v1/feeder-demo-01/pole-0001/event", _sink.Messages[0].Topic);
        Assert.EndsWith(
            "\"type\":\"token_accepted\",\"data\":{\"source\":\"keypad\",\"requestId\":\"keypad-1\",\"scheme\":\"openpaygo\",\"reason\":\"accepted\","
            + "\"feedback\":\"accept\",\"type\":\"add_time\",\"value\":5,\"count\":2}}",
            _sink.Messages[0].Payload);
        Assert.EndsWith(
            "\"type\":\"token_rejected\",\"data\":{\"source\":\"keypad\",\"requestId\":\"keypad-2\",\"scheme\":\"sts\",\"reason\":\"used\","
            + "\"feedback\":\"used\",\"stsClass\":0}}",
            _sink.Messages[1].Payload);
    }
}
