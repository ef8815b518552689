using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Feeder;

/// <summary>The gateway's MQTT link as a scenario can disturb it: outages on demand, and what got through.</summary>
public interface IFeederBroker : IMqttLink
{
    void GoDown();

    void ComeBack();

    long Published { get; }

    /// <summary>Messages by the last topic level (telemetry, event, status).</summary>
    IReadOnlyDictionary<string, long> PublishedByKind { get; }

    /// <summary>Event envelopes by their "type" (first sends only: a DUP re-send after a reconnect is not a new event).</summary>
    IReadOnlyDictionary<string, long> PublishedEventTypes { get; }
}
