namespace OpenAmi.Cellular.Ports
{
    /// <summary>Milliseconds that only go forward (device: Environment.TickCount64; host tests: the scripted modem's virtual time).</summary>
    public interface IMonotonicClock
    {
        long NowMs { get; }
    }
}
