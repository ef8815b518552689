using OpenAmi.Emulator.Modbus;

namespace OpenAmi.Emulator.Feeder;

/// <summary>A Modbus meter simulation as a feeder meter (the simulation already has everything; this only names it so).</summary>
public sealed class ModbusFeederMeter(ModbusMeterSimulation simulation) : IFeederMeter
{
    public ModbusMeterSimulation Simulation { get; } = simulation;

    public bool Silent { get => Simulation.Silent; set => Simulation.Silent = value; }

    public int RequestsSeen => Simulation.RequestsSeen;

    public byte[]? Handle(byte[] frame) => Simulation.Handle(frame);

    public void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz) =>
        Simulation.SetState(importKWh, exportKWh, voltageV, powerW, frequencyHz);
}
