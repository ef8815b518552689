using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Tests.Modbus;

public class ModbusMasterTests
{
    /// <summary>A link that checks the request bytes and plays back a fixed answer.</summary>
    private sealed class ScriptedLink(byte[] expectedRequest, byte[] answer) : IByteLink
    {
        private readonly byte[] _sent = new byte[256];
        private int _sentLength;
        private int _read;
        public byte[] Sent => _sent[.._sentLength];

        public void Rewind() => _read = 0;

        public void DiscardInput() { }

        public void Write(byte[] buffer, int offset, int count)
        {
            Array.Copy(buffer, offset, _sent, 0, count); // into a fixed buffer: the allocation test runs through here
            _sentLength = count;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = Math.Min(count, answer.Length - _read);
            Array.Copy(answer, _read, buffer, offset, n);
            _read += n;
            return n;
        }

        public void Configure(int baudRate, LineFormat format) { }

        public void Delay(int milliseconds) { }

        public void AssertRequest() => Assert.Equal(expectedRequest, Sent);
    }

    [Fact]
    public void Reads_the_simply_modbus_function_03_example()
    {
        // https://www.simplymodbus.ca/FC03.htm : request 11 03 006B 0003 7687, response 11 03 06 AE41 5652 4340 49AD.
        var link = new ScriptedLink(
            new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03, 0x76, 0x87 },
            new byte[] { 0x11, 0x03, 0x06, 0xAE, 0x41, 0x56, 0x52, 0x43, 0x40, 0x49, 0xAD });
        var master = new ModbusMaster(link, 100);
        Assert.Equal(ModbusStatus.Ok, master.ReadRegisters(0x11, 3, 0x6B, 3));
        link.AssertRequest();
        Assert.Equal(new byte[] { 0xAE, 0x41, 0x56, 0x52, 0x43, 0x40 }, master.Response.AsSpan(ModbusMaster.DataOffset, 6).ToArray());
    }

    [Fact]
    public void Reads_the_simply_modbus_function_04_example()
    {
        // https://www.simplymodbus.ca/FC04.htm : request 11 04 0008 0001 B298, response 11 04 02 000A F8F4.
        var link = new ScriptedLink(
            new byte[] { 0x11, 0x04, 0x00, 0x08, 0x00, 0x01, 0xB2, 0x98 },
            new byte[] { 0x11, 0x04, 0x02, 0x00, 0x0A, 0xF8, 0xF4 });
        var master = new ModbusMaster(link, 100);
        Assert.Equal(ModbusStatus.Ok, master.ReadRegisters(0x11, 4, 8, 1));
        link.AssertRequest();
        Assert.Equal(0x0A, master.Response[ModbusMaster.DataOffset + 1]);
    }

    [Fact]
    public void Exception_response_gives_its_code()
    {
        // Modbus Application Protocol V1.1b3, 7: exception = function | 0x80, then the exception code.
        var answer = new byte[] { 0x11, 0x83, 0x02, 0, 0 };
        Crc16Modbus.Append(answer, 0, 3);
        var master = new ModbusMaster(new ScriptedLink([], answer), 100);
        Assert.Equal(ModbusStatus.Exception, master.ReadRegisters(0x11, 3, 0x6B, 3));
        Assert.Equal(2, master.LastExceptionCode);
        Assert.Equal(ReadStatus.ObjectUndefined, ModbusMeterReader.Map(ModbusStatus.Exception, 2));
        Assert.Equal(ReadStatus.NotSupported, ModbusMeterReader.Map(ModbusStatus.Exception, 1));
        Assert.Equal(ReadStatus.DeviceError, ModbusMeterReader.Map(ModbusStatus.Exception, 4));
    }

    [Fact]
    public void Silence_truncation_bad_crc_and_wrong_length_are_told_apart()
    {
        var good = new byte[] { 0x11, 0x04, 0x02, 0x00, 0x0A, 0xF8, 0xF4 };
        Assert.Equal(ModbusStatus.Timeout, new ModbusMaster(new ScriptedLink([], []), 100).ReadRegisters(0x11, 4, 8, 1));
        Assert.Equal(ModbusStatus.CrcError, new ModbusMaster(new ScriptedLink([], good[..5]), 100).ReadRegisters(0x11, 4, 8, 1));
        var corrupt = (byte[])good.Clone();
        corrupt[4] ^= 0x40;
        Assert.Equal(ModbusStatus.CrcError, new ModbusMaster(new ScriptedLink([], corrupt), 100).ReadRegisters(0x11, 4, 8, 1));
        // A valid frame answering 1 register when 2 were asked is not our answer.
        Assert.Equal(ModbusStatus.BadResponse, new ModbusMaster(new ScriptedLink([], good), 100).ReadRegisters(0x11, 4, 8, 2));
    }

    [Fact]
    public void A_transaction_allocates_nothing()
    {
        var answer = new byte[] { 0x11, 0x04, 0x02, 0x00, 0x0A, 0xF8, 0xF4 };
        var link = new ScriptedLink([], answer);
        var master = new ModbusMaster(link, 100);
        master.ReadRegisters(0x11, 4, 8, 1);
        int ok = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            link.Rewind();
            ok += master.ReadRegisters(0x11, 4, 8, 1) == ModbusStatus.Ok ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100, ok);
        Assert.Equal(0, allocated);
    }
}
