using OpenAmi.Safety.Events;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Emulator.Rcm;

/// <summary>Records the supervisor's rcm_trip, rcm_fault, rcm_lockout and rcm_self_test events in order.</summary>
public sealed class SafetyEventLog : ISafetyEventSink
{
    public List<RcmTripEvent> Trips { get; } = new();

    public List<RcmFaultEvent> Faults { get; } = new();

    public List<RcmLockoutEvent> Lockouts { get; } = new();

    public List<RcmSelfTestEvent> SelfTests { get; } = new();

    public void RcmTrip(RcmTripEvent tripEvent) => Trips.Add(tripEvent);

    public void RcmFault(RcmFaultEvent faultEvent) => Faults.Add(faultEvent);

    public void RcmLockout(RcmLockoutEvent lockoutEvent) => Lockouts.Add(lockoutEvent);

    public void RcmSelfTest(RcmSelfTestEvent selfTestEvent) => SelfTests.Add(selfTestEvent);
}
