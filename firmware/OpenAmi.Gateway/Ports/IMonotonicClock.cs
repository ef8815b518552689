namespace OpenAmi.Gateway.Ports
{
    /// <summary>
    /// Milliseconds since an arbitrary origin that never go backwards and ignore wall-clock corrections
    /// (SNTP, modem time, meter clock sync). Device: Environment.TickCount64; emulator: simulated time.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMs { get; }
    }
}
