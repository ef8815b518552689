namespace OpenAmi.Northbound.Events
{
    /// <summary>Where payloads that must not be lost go (the <see cref="Uplink"/> appends them to the outbox).</summary>
    public interface IEventSink
    {
        void Emit(string topic, byte[] payload, int offset, int count);
    }
}
