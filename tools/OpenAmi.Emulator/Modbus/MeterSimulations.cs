namespace OpenAmi.Emulator.Modbus;

/// <summary>
/// Eastron SDM120-Modbus: input registers (function 04), IEEE 754 float, high word first. Addresses from the
/// Eastron SDM120 Modbus protocol table: 30001 voltage (0x0000), 30013 active power (0x000C), 30071 frequency
/// (0x0046), 30073 import active energy kWh (0x0048), 30075 export active energy kWh (0x004A); holding register
/// 464513 (0xFC00) serial number, unsigned 32-bit.
/// </summary>
public sealed class Sdm120Simulation : ModbusMeterSimulation
{
    /// <param name="serialNumber">The serial the meter reports (default: 12 000 000 + unit, an invented number).</param>
    public Sdm120Simulation(int unit, uint serialNumber = 0) : base(unit)
    {
        SerialNumber = serialNumber == 0 ? (uint)(12_000_000 + unit) : serialNumber;
        UInt32(SetHolding, 0xFC00, SerialNumber);
    }

    public uint SerialNumber { get; }

    public override void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz)
    {
        Float(SetInput, 0x0000, voltageV);
        Float(SetInput, 0x0006, powerW / voltageV);
        Float(SetInput, 0x000C, powerW);
        Float(SetInput, 0x0046, frequencyHz);
        Float(SetInput, 0x0048, importKWh);
        Float(SetInput, 0x004A, exportKWh);
        Float(SetInput, 0x0156, importKWh + exportKWh);
    }
}

/// <summary>
/// CHINT DDSU666: holding registers (function 03), IEEE 754 float, high word first. From the DDSU666 ModBus
/// address table: 0x2000 U (V), 0x2002 I (A), 0x2004 P (kW), 0x200E frequency (Hz), 0x4000 import active
/// energy (kWh), 0x400A export active energy (kWh).
/// </summary>
public sealed class Ddsu666Simulation(int unit) : ModbusMeterSimulation(unit)
{
    public override void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz)
    {
        Float(SetHolding, 0x2000, voltageV);
        Float(SetHolding, 0x2002, powerW / voltageV);
        Float(SetHolding, 0x2004, powerW / 1000.0);
        Float(SetHolding, 0x200E, frequencyHz);
        Float(SetHolding, 0x4000, importKWh);
        Float(SetHolding, 0x400A, exportKWh);
    }
}

/// <summary>
/// Hiking DDS238: holding registers (function 03), integers, high word first. From the DDS238-4 W manual,
/// 9.3: 0x0000 total kWh ×0.01 (2 registers), 0x0008 export kWh ×0.01, 0x000A import kWh ×0.01, 0x000C voltage
/// ×0.1 V, 0x000D current ×0.01 A, 0x000E active power ×0.001 kW (signed), 0x0010 power factor ×0.001,
/// 0x0011 frequency ×0.01 Hz.
/// </summary>
public sealed class Dds238Simulation(int unit) : ModbusMeterSimulation(unit)
{
    public override void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz)
    {
        UInt32(SetHolding, 0x0000, (uint)Math.Round((importKWh + exportKWh) * 100));
        UInt32(SetHolding, 0x0008, (uint)Math.Round(exportKWh * 100));
        UInt32(SetHolding, 0x000A, (uint)Math.Round(importKWh * 100));
        SetHolding(0x000C, (ushort)Math.Round(voltageV * 10));
        SetHolding(0x000D, (ushort)Math.Round(powerW / voltageV * 100));
        SetHolding(0x000E, unchecked((ushort)(short)Math.Round(powerW)));
        SetHolding(0x0010, 1000);
        SetHolding(0x0011, (ushort)Math.Round(frequencyHz * 100));
    }
}
