using System.Buffers.Binary;
using OpenAmi.Emulator.Bus;

namespace OpenAmi.Emulator.Modbus;

/// <summary>
/// A simulated Modbus RTU slave meter: answers functions 03 and 04 from its register banks, with exception
/// responses per the Modbus Application Protocol V1.1b3 (01 illegal function, 02 illegal data address,
/// 03 illegal data value). Subclasses lay out registers as their datasheet says. The CRC here is computed
/// bit by bit (the firmware uses a table) so the two implementations check each other.
/// </summary>
public abstract class ModbusMeterSimulation : IBusDevice
{
    private readonly Dictionary<int, ushort> _holding = new();
    private readonly Dictionary<int, ushort> _input = new();

    protected ModbusMeterSimulation(int unit) => Unit = unit;

    /// <summary>Profile ids of the built-in Modbus profiles the emulator has a meter for.</summary>
    public static readonly string[] ProfileIds = ["eastron-sdm120", "chint-ddsu666", "hiking-dds238"];

    /// <summary>The simulated meter for a built-in Modbus profile id (in the register layout its manual describes), or null.</summary>
    public static ModbusMeterSimulation? ForProfile(string profileId, int unit) => profileId switch
    {
        "eastron-sdm120" => new Sdm120Simulation(unit),
        "chint-ddsu666" => new Ddsu666Simulation(unit),
        "hiking-dds238" => new Dds238Simulation(unit),
        _ => null,
    };

    public int Unit { get; }

    /// <summary>The speed the meter's UART runs at (8N1); a master at another speed is line noise to it.</summary>
    public int Baud { get; set; } = 9600;

    /// <summary>A silent meter (unpowered, wrong address, broken wire) never answers.</summary>
    public bool Silent { get; set; }

    /// <summary>Flips a bit in the next response after its CRC was computed (line noise).</summary>
    public bool CorruptNextResponse { get; set; }

    /// <summary>Requests answered (for tests that check the bus was or was not used).</summary>
    public int RequestsSeen { get; private set; }

    /// <summary>Sets the physical state; subclasses write it into their registers in the datasheet's encoding.</summary>
    public abstract void SetState(double importKWh, double exportKWh, double voltageV, double powerW, double frequencyHz);

    /// <summary>The answer to one request frame, or null for no answer.</summary>
    public byte[]? Handle(byte[] request)
    {
        if (Silent || request.Length < 4 || request[0] != Unit || Crc(request, request.Length - 2) != ReadCrc(request))
        {
            return null;
        }

        RequestsSeen++;
        int function = request[1];
        byte[] response;
        if ((function != 3 && function != 4) || request.Length != 8)
        {
            response = Exception(function, 1);
        }
        else
        {
            int start = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(2));
            int count = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(4));
            var bank = function == 3 ? _holding : _input;
            response = count is < 1 or > 125 ? Exception(function, 3) : Read(function, bank, start, count);
        }

        if (CorruptNextResponse)
        {
            CorruptNextResponse = false;
            response[^3] ^= 0x01;
        }

        return response;
    }

    protected void SetHolding(int register, ushort value) => _holding[register] = value;

    protected void SetInput(int register, ushort value) => _input[register] = value;

    protected static void Float(Action<int, ushort> set, int register, double value)
    {
        uint bits = BitConverter.SingleToUInt32Bits((float)value);
        set(register, (ushort)(bits >> 16));
        set(register + 1, (ushort)bits);
    }

    protected static void UInt32(Action<int, ushort> set, int register, uint value)
    {
        set(register, (ushort)(value >> 16));
        set(register + 1, (ushort)value);
    }

    private byte[] Read(int function, Dictionary<int, ushort> bank, int start, int count)
    {
        var frame = new byte[3 + 2 * count + 2];
        frame[0] = (byte)Unit;
        frame[1] = (byte)function;
        frame[2] = (byte)(2 * count);
        for (int i = 0; i < count; i++)
        {
            if (!bank.TryGetValue(start + i, out ushort value))
            {
                return Exception(function, 2);
            }

            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3 + 2 * i), value);
        }

        WriteCrc(frame);
        return frame;
    }

    private byte[] Exception(int function, int code)
    {
        var frame = new byte[] { (byte)Unit, (byte)(function | 0x80), (byte)code, 0, 0 };
        WriteCrc(frame);
        return frame;
    }

    /// <summary>CRC-16/MODBUS, bitwise: polynomial 0xA001 reflected, initial 0xFFFF.</summary>
    public static ushort Crc(byte[] data, int length)
    {
        ushort crc = 0xFFFF;
        for (int i = 0; i < length; i++)
        {
            crc ^= data[i];
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }

    private static ushort ReadCrc(byte[] frame) => (ushort)(frame[^2] | (frame[^1] << 8));

    private static void WriteCrc(byte[] frame)
    {
        ushort crc = Crc(frame, frame.Length - 2);
        frame[^2] = (byte)crc;
        frame[^1] = (byte)(crc >> 8);
    }
}
