namespace OpenAmi.Emulator.Feeder;

/// <summary>How the simulated head-end reaches the gateway's broker, and hears back from it.</summary>
public interface IHeadEndChannel : IDisposable
{
    /// <summary>Publishes a command on its topic; returns once the gateway has it queued (or the wait gave up).</summary>
    void Send(string topic, byte[] payload);

    /// <summary>Messages the head-end receives on its subscriptions (the gateway's event topics).</summary>
    event Action<string, byte[]>? Received;
}
