using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Feeder;

/// <summary>The gateway's MQTT link as a scenario can disturb it: outages on demand, and what got through.</summary>
public interface IFeederBroker : IMqttLink
{
    void GoDown();

    void ComeBack();

    /// <summary>
    /// Before simulated time jumps ahead in a run as fast as the host allows: waits (in real time, bounded) for the
    /// PUBACKs of what the gateway has sent on its present connection. A pole's replay after an outage takes seconds
    /// against 15-minute sweeps; without this wait the simulation would sweep, and evict, while the acks are on
    /// their way.
    /// </summary>
    void Settle();

    long Published { get; }

    /// <summary>Messages by the last topic level (telemetry, event, status).</summary>
    IReadOnlyDictionary<string, long> PublishedByKind { get; }

    /// <summary>Event envelopes by their "type" (first sends only: a DUP re-send after a reconnect is not a new event).</summary>
    IReadOnlyDictionary<string, long> PublishedEventTypes { get; }
}
