using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Emulator.Feeder;

/// <summary>Counts what the metering layer produces on its way to the bridge, for the run's summary.</summary>
public sealed class CountingSink(IMeteringSink next) : IMeteringSink
{
    public long Readings { get; private set; }

    public Dictionary<string, long> Events { get; } = new();

    public void OnReading(Reading reading)
    {
        Readings++;
        next.OnReading(reading);
    }

    public void OnEvent(MeteringEvent meteringEvent)
    {
        string name = MeteringEvent.Name(meteringEvent.Kind);
        Events[name] = Events.GetValueOrDefault(name) + 1;
        next.OnEvent(meteringEvent);
    }
}
