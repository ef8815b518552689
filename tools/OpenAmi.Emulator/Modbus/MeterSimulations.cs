namespace OpenAmi.Emulator.Modbus;

/// <summary>
/// Eastron SDM120-Modbus: input registers (function 04), IEEE 754 float, high word first. Addresses from the
/// Eastron SDM120 Modbus protocol table: 30001 voltage (0x0000), 30013 active power (0x000C), 30071 frequency
/// (0x0046), 30073 import active energy kWh (0x0048), 30075 export active energy kWh (0x004A); holding register
/// 464513 (0xFC00) serial number, unsigned 32-bit (protocol V2.x; the older Eastron-Europe edition has no serial
/// register, and such a unit answers exception 02 there). Out of the box it runs at 2400 Bd (set <see cref="ModbusMeterSimulation.Baud"/>).
/// </summary>
public sealed class Sdm120Simulation : ModbusMeterSimulation
{
    /// <param name="serialNumber">The serial the meter reports (default: 12 000 000 + unit, an invented number).</param>
    /// <param name="serialRegister">False for a unit of the older edition, which has no 0xFC00.</param>
    public Sdm120Simulation(int unit, uint serialNumber = 0, bool serialRegister = true) : base(unit)
    {
        SerialNumber = serialNumber == 0 ? (uint)(12_000_000 + unit) : serialNumber;
        if (serialRegister)
        {
            UInt32(SetHolding, 0xFC00, SerialNumber);
        }
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
/// CHINT DDSU666: holding registers (function 03), IEEE 754 float, high word first. From the DDSU666 manual
/// ZTY0.464.922, ModBus address table: 0x2000 U (V), 0x2002 I (A), 0x2004 P (kW), 0x200E frequency (Hz), 0x4000
/// ImpEp (kWh). The base meter adds reverse energy into 0x4000 and answers exception 02 at 0x400A (ExpEp, marked not
/// supported on the DDSU666); a bidirectional unit keeps import at 0x4000 and export at 0x400A.
/// </summary>
public sealed class Ddsu666Simulation(int unit, bool bidirectional = true) : ModbusMeterSimulation(unit)
{
    public bool Bidirectional { get; } = bidirectional;

    public override void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz)
    {
        Float(SetHolding, 0x2000, voltageV);
        Float(SetHolding, 0x2002, powerW / voltageV);
        Float(SetHolding, 0x2004, powerW / 1000.0);
        Float(SetHolding, 0x200E, frequencyHz);
        Float(SetHolding, 0x4000, Bidirectional ? importKWh : importKWh + exportKWh);
        if (Bidirectional)
        {
            Float(SetHolding, 0x400A, exportKWh);
        }
    }
}

/// <summary>Where a DDS238 unit keeps import and export energy (all layouts keep the total at 0x0000).</summary>
public enum Dds238Layout
{
    /// <summary>DDS238-4 W manual 9.3 and the DDS238-2 ZN/S table: export 0x0008, import 0x000A; 0x0002-0x0007 reserved.</summary>
    Import000A,
    /// <summary>The "version 1" layout: export 0x0004, import 0x0006; 0x0008-0x000B read 0.</summary>
    Import0006,
    /// <summary>A layout the gateway does not know (as reported for the DDS238-2 WIFI): import/export at 0x0100/0x0102, 0x0002-0x000B read 0.</summary>
    Unlisted,
}

/// <summary>
/// Hiking DDS238: holding registers (function 03), integers, high word first. From the DDS238-4 W manual,
/// 9.3, and the DDS238-2 ZN/S table: 0x0000 total kWh ×0.01 (2 registers), import and export kWh ×0.01 where
/// <see cref="Dds238Layout"/> puts them, 0x000C voltage ×0.1 V, 0x000D current ×0.01 A, 0x000E active power W
/// (signed), 0x0010 power factor ×0.001, 0x0011 frequency ×0.01 Hz.
/// </summary>
public sealed class Dds238Simulation(int unit, Dds238Layout layout = Dds238Layout.Import000A) : ModbusMeterSimulation(unit)
{
    public Dds238Layout Layout { get; } = layout;

    public override void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz)
    {
        UInt32(SetHolding, 0x0000, Hundredths(importKWh + exportKWh));
        for (int reserved = 0x0002; reserved <= 0x000B; reserved++)
        {
            SetHolding(reserved, 0);
        }

        (int import, int export) = Layout switch
        {
            Dds238Layout.Import000A => (0x000A, 0x0008),
            Dds238Layout.Import0006 => (0x0006, 0x0004),
            _ => (0x0100, 0x0102),
        };
        UInt32(SetHolding, export, Hundredths(exportKWh));
        UInt32(SetHolding, import, Hundredths(importKWh));
        SetHolding(0x000C, (ushort)Math.Round(voltageV * 10));
        SetHolding(0x000D, (ushort)Math.Round(powerW / voltageV * 100));
        SetHolding(0x000E, unchecked((ushort)(short)Math.Round(powerW)));
        SetHolding(0x0010, 1000);
        SetHolding(0x0011, (ushort)Math.Round(frequencyHz * 100));
    }

    private static uint Hundredths(double kWh) => (uint)Math.Round(kWh * 100);
}
