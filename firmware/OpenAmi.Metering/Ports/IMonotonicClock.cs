namespace OpenAmi.Metering.Ports
{
    /// <summary>Milliseconds that only go forward (Environment.TickCount64 on the device, virtual time in the emulator).</summary>
    public interface IMonotonicClock
    {
        long NowMs { get; }
    }
}
