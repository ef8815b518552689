namespace OpenAmi.Platform
{
    /// <summary>
    /// A bounded wait on the calling thread: Thread.Sleep on the device; simulated time advances instead in the emulator
    /// and tests, so a wait costs nothing there and is exact.
    /// </summary>
    public interface IDelay
    {
        void Delay(int milliseconds);
    }
}
