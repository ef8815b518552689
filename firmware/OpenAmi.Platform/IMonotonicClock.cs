namespace OpenAmi.Platform
{
    /// <summary>
    /// Milliseconds since an arbitrary origin that never go backwards and ignore wall-clock corrections
    /// (SNTP, modem time, meter clock sync). Device: Environment.TickCount64; emulator and tests: simulated time.
    /// </summary>
    public interface IMonotonicClock
    {
        long NowMs { get; }
    }
}
