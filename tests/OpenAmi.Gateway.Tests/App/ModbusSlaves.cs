using OpenAmi.Platform;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// Modbus RTU slaves on one RS-485 line, written from the standard alone (Modbus Application Protocol V1.1b3
/// sections 6.3/6.4 for functions 03/04 and 7 for exceptions; Modbus over Serial Line V1.02 section 6.2.2 for the
/// CRC), independent of the firmware's master. Each unit answers from its own register table; registers it does
/// not hold answer exception 02 (illegal data address). A unit can be made silent (a meter that died).
/// </summary>
public sealed class ModbusSlaves : IByteLink
{
    private readonly Dictionary<(int Unit, int Function, int Register), ushort> _registers = new();
    private byte[] _pending = [];
    private int _pendingRead;

    public HashSet<int> Silent { get; } = [];

    /// <summary>Requests seen per unit (answered or not).</summary>
    public Dictionary<int, int> Requests { get; } = new();

    /// <summary>An IEEE 754 single in two registers, high word first (byte order ABCD).</summary>
    public void SetFloat(int unit, int function, int register, float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        SetUInt32(unit, function, register, bits);
    }

    public void SetUInt32(int unit, int function, int register, uint value)
    {
        _registers[(unit, function, register)] = (ushort)(value >> 16);
        _registers[(unit, function, register + 1)] = (ushort)value;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _pending = [];
        _pendingRead = 0;
        if (count != 8 || Crc(buffer.AsSpan(offset, 6)) != (buffer[offset + 6] | (buffer[offset + 7] << 8)))
        {
            return;
        }

        int unit = buffer[offset];
        int function = buffer[offset + 1];
        int start = (buffer[offset + 2] << 8) | buffer[offset + 3];
        int quantity = (buffer[offset + 4] << 8) | buffer[offset + 5];
        Requests[unit] = Requests.GetValueOrDefault(unit) + 1;
        if (Silent.Contains(unit) || !_registers.Keys.Any(k => k.Unit == unit))
        {
            return;
        }

        List<byte> answer = [(byte)unit, (byte)function];
        if (Enumerable.Range(start, quantity).All(r => _registers.ContainsKey((unit, function, r))))
        {
            answer.Add((byte)(2 * quantity));
            for (int r = start; r < start + quantity; r++)
            {
                ushort value = _registers[(unit, function, r)];
                answer.Add((byte)(value >> 8));
                answer.Add((byte)value);
            }
        }
        else
        {
            answer[1] = (byte)(function | 0x80);
            answer.Add(0x02);
        }

        ushort crc = Crc(answer.ToArray());
        answer.Add((byte)crc);
        answer.Add((byte)(crc >> 8));
        _pending = answer.ToArray();
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int n = Math.Min(count, _pending.Length - _pendingRead);
        Array.Copy(_pending, _pendingRead, buffer, offset, n);
        _pendingRead += n;
        return n;
    }

    public void Configure(int baudRate, LineFormat format)
    {
    }

    public void DiscardInput()
    {
        _pending = [];
        _pendingRead = 0;
    }

    public void Delay(int milliseconds)
    {
    }

    /// <summary>CRC-16/MODBUS: reflected polynomial 0xA001, initial 0xFFFF, sent low byte first.</summary>
    private static ushort Crc(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
            }
        }

        return crc;
    }
}
