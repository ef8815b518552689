using OpenAmi.Gateway.Wiring;
using OpenAmi.Northbound.Ports;
using OpenAmi.Safety.Policy;

namespace OpenAmi.Gateway.Tests.Wiring;

/// <summary>Remote reconnects and credit reach a line only through Safety's re-energise gate (issue 7 §4, issue 5).</summary>
public class SupplyRoutingTests
{
    private sealed class RecordingGate(ReenergiseDecision answer) : IReenergiseGate
    {
        public readonly List<(int Line, ReenergiseSource Source)> Requests = new();

        public ReenergiseDecision Request(int line, ReenergiseSource source)
        {
            Requests.Add((line, source));
            return answer;
        }
    }

    private readonly List<int> _switchedOff = new();

    [Fact]
    public void A_remote_reconnect_asks_the_gate_for_the_meters_line_and_a_lockout_is_a_refusal_with_its_reason()
    {
        var gate = new RecordingGate(ReenergiseDecision.Refuse(RefusalReason.LockedOut));
        var routing = new SupplyRouting(gate, _switchedOff.Add);
        routing.Bind("DS1000-88421", 2);

        var answer = routing.RequestReconnect("DS1000-88421", out string reason);

        Assert.Equal(SupplyAnswer.Refused, answer);
        Assert.Equal("locked_out", reason);
        Assert.Equal(new[] { (2, ReenergiseSource.RemoteReconnect) }, gate.Requests);
        Assert.Empty(_switchedOff);
    }

    [Fact]
    public void A_started_probe_or_a_line_already_on_is_granted()
    {
        foreach (var decision in new[] { ReenergiseDecision.Probing(), ReenergiseDecision.Refuse(RefusalReason.AlreadyOn) })
        {
            var routing = new SupplyRouting(new RecordingGate(decision), _switchedOff.Add);
            routing.Bind("M1", 0);

            Assert.Equal(SupplyAnswer.Granted, routing.RequestReconnect("M1", out string reason));
            Assert.Null(reason);
        }
    }

    [Fact]
    public void A_meter_on_no_switched_line_is_refused_without_touching_any_line()
    {
        var gate = new RecordingGate(ReenergiseDecision.Probing());
        var routing = new SupplyRouting(gate, _switchedOff.Add);

        Assert.Equal(SupplyAnswer.Refused, routing.RequestReconnect("unknown", out string reason));
        Assert.Equal("no_switched_line", reason);
        Assert.Equal(SupplyAnswer.Refused, routing.RequestReconnect(null!, out _));
        Assert.Empty(gate.Requests);
    }

    [Fact]
    public void Credit_asks_the_gate_to_energise_but_switching_off_is_always_done()
    {
        var gate = new RecordingGate(ReenergiseDecision.Refuse(RefusalReason.SelfTestFailed));
        var routing = new SupplyRouting(gate, _switchedOff.Add);

        routing.RequestSupply(1, wanted: true, "credit_added");
        routing.RequestSupply(3, wanted: false, "credit_expired");

        Assert.Equal(new[] { (1, ReenergiseSource.CreditTopUp) }, gate.Requests);
        Assert.Equal(new[] { 3 }, _switchedOff);
    }
}
