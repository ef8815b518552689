using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Tests.Modbus;

public class ModbusMeterReaderTests
{
    // The register of https://www.simplymodbus.ca/FC03.htm (unit 0x11, function 03, 006Bh), read as one uint16 here.
    private static readonly byte[] Voltage = ObisName.Parse("1-0:32.7.0*255");
    private static readonly byte[] Frequency = ObisName.Parse("1-0:14.7.0*255");

    /// <summary>Answers every request with the simply modbus FC03 response cut to one register: 11 03 02 AE41 + CRC.</summary>
    private sealed class OneRegisterLink : IByteLink
    {
        private readonly byte[] _answer = Answer();
        private int _read;

        public void DiscardInput() { }

        public void Write(byte[] buffer, int offset, int count) => _read = 0;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = Math.Min(count, _answer.Length - _read);
            Array.Copy(_answer, _read, buffer, offset, n);
            _read += n;
            return n;
        }

        public void Configure(int baudRate, LineFormat format) { }

        public void Delay(int milliseconds) { }

        private static byte[] Answer()
        {
            var answer = new byte[] { 0x11, 0x03, 0x02, 0xAE, 0x41, 0, 0 };
            Crc16Modbus.Append(answer, 0, 5);
            return answer;
        }
    }

    private static ModbusPoint[] Points(int register) =>
        [new ModbusPoint(Voltage, 3, register, RegisterEncoding.UInt16, RegisterOrder.Abcd, 0, UnitCodes.AlreadyVmrs)];

    [Fact]
    public void Reads_the_declared_units_and_only_those()
    {
        var reader = new ModbusMeterReader(new ModbusMaster(new OneRegisterLink(), 100));
        reader.AddMeter(0x11, Points(0x6B));
        reader.AddMeter(2, Points(0x10));
        var value = new MeterValue();

        Assert.Equal(ReadStatus.Ok, reader.Read(0x11, new CosemAttributeRef(3, Voltage, 2), value));
        Assert.Equal(0xAE41, value.Number); // simply modbus: register 006Bh holds AE41h
        Assert.Equal(ReadStatus.ObjectUndefined, reader.Read(0x11, new CosemAttributeRef(3, Frequency, 2), value));
        Assert.Equal(ReadStatus.ObjectUndefined, reader.Read(3, new CosemAttributeRef(3, Voltage, 2), value));
    }

    [Fact]
    public void Declaring_a_unit_again_replaces_its_points()
    {
        var reader = new ModbusMeterReader(new ModbusMaster(new OneRegisterLink(), 100));
        reader.AddMeter(0x11, Points(0x6B));
        reader.AddMeter(0x11, [new ModbusPoint(Frequency, 3, 0x6B, RegisterEncoding.UInt16, RegisterOrder.Abcd, 0, UnitCodes.AlreadyVmrs)]);
        var value = new MeterValue();

        Assert.Equal(ReadStatus.ObjectUndefined, reader.Read(0x11, new CosemAttributeRef(3, Voltage, 2), value));
        Assert.Equal(ReadStatus.Ok, reader.Read(0x11, new CosemAttributeRef(3, Frequency, 2), value));
    }

    [Fact]
    public void The_point_table_grows_with_the_declared_units_not_the_address_space()
    {
        // Issue 15: a bus carries a few meters; a slot for each of the 247 unit addresses alone was 248 × 8 B.
        var master = new ModbusMaster(new OneRegisterLink(), 100);
        var points = Points(0x6B);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var reader = new ModbusMeterReader(master);
        reader.AddMeter(2, points);
        reader.AddMeter(3, points);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 1, 400);
    }

    [Fact]
    public void A_register_read_allocates_nothing()
    {
        const int reads = 1000;
        var reader = new ModbusMeterReader(new ModbusMaster(new OneRegisterLink(), 100));
        reader.AddMeter(0x11, Points(0x6B));
        var target = new CosemAttributeRef(3, Voltage, 2);
        var value = new MeterValue();
        for (int i = 0; i < 100; i++)
        {
            reader.Read(0x11, target, value);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int ok = 0;
        for (int i = 0; i < reads; i++)
        {
            ok += reader.Read(0x11, target, value) == ReadStatus.Ok ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(reads, ok);
        // Under one byte per read: no read allocates an object (24 B at least). The host's tiered JIT may allocate a
        // few hundred bytes once on this thread while it recompiles the read path.
        Assert.InRange(allocated, 0, reads - 1);
    }
}
