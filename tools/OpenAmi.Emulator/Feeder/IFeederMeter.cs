using OpenAmi.Emulator.Bus;

namespace OpenAmi.Emulator.Feeder;

/// <summary>A meter on the feeder as its physics sees it, whatever protocol it speaks on the line.</summary>
public interface IFeederMeter : IBusDevice
{
    /// <summary>A silent meter (unpowered, broken wire) never answers.</summary>
    bool Silent { get; set; }

    /// <summary>Requests it answered (a meter the gateway never reached was not read).</summary>
    int RequestsSeen { get; }

    /// <summary>The physical state its registers show from now on.</summary>
    void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz);
}
