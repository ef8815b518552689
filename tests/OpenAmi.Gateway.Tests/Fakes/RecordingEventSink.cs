using System.Text;
using OpenAmi.Northbound.Events;

namespace OpenAmi.Gateway.Tests.Fakes;

/// <summary>What reached the uplink: each emitted payload as text, with its topic.</summary>
public sealed class RecordingEventSink : IEventSink
{
    public readonly List<(string Topic, string Payload)> Messages = new();

    public void Emit(string topic, byte[] payload, int offset, int count) => Messages.Add((topic, Encoding.UTF8.GetString(payload, offset, count)));
}
