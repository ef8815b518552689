namespace OpenAmi.Gateway.Buses
{
    /// <summary>
    /// Exclusive use of one UART that several meter buses share (the ESP32's COM2 carries both the RS-485 bus and the
    /// optical port). A poller acquires its bus for a whole transaction (request and answer, or a whole IEC 62056-21
    /// sign-on and read-out), so no byte of another bus can fall between them; only the thread that acquired a bus may
    /// release it.
    /// </summary>
    public interface IBusArbiter
    {
        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> (0 = do not wait) for the UART and routes it to
        /// <paramref name="busId"/>; false when the time ran out. Not re-entrant: a thread that already holds a bus must
        /// release it first.
        /// </summary>
        bool TryAcquire(int busId, int timeoutMs);

        /// <summary>Ends the calling thread's transaction on <paramref name="busId"/>; anyone else's call is refused.</summary>
        void Release(int busId);

        /// <summary>True when the calling thread holds <paramref name="busId"/>.</summary>
        bool Holds(int busId);
    }
}
