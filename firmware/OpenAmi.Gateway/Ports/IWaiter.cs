namespace OpenAmi.Gateway.Ports
{
    /// <summary>
    /// Blocks the calling thread until a monotonic time, or earlier when another thread calls <see cref="Wake"/>
    /// (a command arrived). Device: an AutoResetEvent with a timeout; tests and emulator: simulated time.
    /// </summary>
    public interface IWaiter
    {
        /// <summary>Returns true when woken before <paramref name="dueMs"/>.</summary>
        bool WaitUntil(long dueMs);

        void Wake();
    }
}
