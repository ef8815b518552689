using OpenAmi.Metering.Modbus;

namespace OpenAmi.Metering.Tests.Modbus;

public class Crc16ModbusTests
{
    [Fact]
    public void Check_value_of_the_crc_catalogue()
    {
        // reveng CRC catalogue, CRC-16/MODBUS: width=16 poly=0x8005 init=0xffff refin=true refout=true
        // xorout=0x0000 check=0x4b37 (CRC of the ASCII string "123456789").
        var data = "123456789"u8.ToArray();
        Assert.Equal(0x4B37, Crc16Modbus.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Simply_modbus_function_03_request_ends_with_its_published_crc()
    {
        // https://www.simplymodbus.ca/FC03.htm : request "11 03 006B 0003 7687" (CRC sent low byte first).
        var frame = new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03, 0, 0 };
        Crc16Modbus.Append(frame, 0, 6);
        Assert.Equal(new byte[] { 0x76, 0x87 }, frame[6..]);
        Assert.True(Crc16Modbus.Check(frame, 0, 8));
    }

    [Fact]
    public void Simply_modbus_function_04_response_checks_and_a_flipped_bit_does_not()
    {
        // https://www.simplymodbus.ca/FC04.htm : response "11 04 02 000A F8F4".
        var frame = new byte[] { 0x11, 0x04, 0x02, 0x00, 0x0A, 0xF8, 0xF4 };
        Assert.True(Crc16Modbus.Check(frame, 0, frame.Length));
        frame[4] ^= 0x01;
        Assert.False(Crc16Modbus.Check(frame, 0, frame.Length));
    }
}
