using OpenAmi.Emulator.Bus;

namespace OpenAmi.Emulator.Feeder;

/// <summary>A device that starts its answer later than the line's usual turnaround (an optical meter's reaction time).</summary>
public interface ITimedBusDevice : IBusDevice
{
    /// <summary>How long after the request the last answer started, ms (0 = the bus's turnaround).</summary>
    double LastReplyDelayMs { get; }
}
