using OpenAmi.Emulator.Sts;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Tests.Sts;

public class StsMeterModelTests
{
    private const ulong Key = 0xE7B21AA9EC929C96; // decoder key of the simulator-verified tokens (see StsPublishedVectorTests)
    private const string MfrCode = "07";

    private static byte[] Encode(StsTokenNumber number, StsTokenEncoding encoding)
    {
        var buffer = new byte[20];
        var count = StsTokenEncoder.Encode(number.ToDigits(), number, encoding, buffer, 0);
        return buffer[..count];
    }

    private static StsTokenNumber Credit(int tid, long units) => StsDecodedToken.Encode(0, 0, 3, tid, StsAmount.FromUnits(units), Key);

    [Theory]
    [InlineData(StsTokenEncoding.Ascii20)]
    [InlineData(StsTokenEncoding.PackedBcd10)]
    [InlineData(StsTokenEncoding.Binary9)]
    public void AcceptsThePublishedElectricityTokenInEveryVendorEncoding(StsTokenEncoding encoding)
    {
        var meter = new StsMeterModel("m1", Key, encoding, MfrCode);
        Assert.True(StsTokenNumber.TryParse("35500312443047940328", out var number, out _));
        Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Encode(number, encoding)));
        Assert.Equal(100, meter.CreditUnits);
        Assert.Equal(TokenDeliveryStatus.Used, meter.Enter(Encode(number, encoding)));
        Assert.Equal(100, meter.CreditUnits);
    }

    [Fact]
    public void RefusesAWaterTokenOnAnElectricityMeter()
    {
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, MfrCode);
        Assert.True(StsTokenNumber.TryParse("63525115892327740484", out var number, out _));
        Assert.Equal(TokenDeliveryStatus.ExecutionFailure, meter.Enter(Encode(number, StsTokenEncoding.Ascii20)));
    }

    [Fact]
    public void AnotherMetersTokenFailsAuthentication()
    {
        var meter = new StsMeterModel("m1", 0x0123456789ABCDEF, StsTokenEncoding.Ascii20, MfrCode);
        Assert.True(StsTokenNumber.TryParse("35500312443047940328", out var number, out _));
        Assert.Equal(TokenDeliveryStatus.AuthenticationFailure, meter.Enter(Encode(number, StsTokenEncoding.Ascii20)));
        Assert.Equal(0, meter.CreditUnits);
    }

    [Fact]
    public void ATokenOlderThanAFullMemoryIsOld()
    {
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, MfrCode, memoryCapacity: 3);
        foreach (var tid in new[] { 1000, 1001, 1002 })
        {
            Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Encode(Credit(tid, 10), StsTokenEncoding.Ascii20)));
        }

        Assert.Equal(TokenDeliveryStatus.Old, meter.Enter(Encode(Credit(999, 10), StsTokenEncoding.Ascii20)));
        Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Encode(Credit(1003, 10), StsTokenEncoding.Ascii20)));
        Assert.Equal(new[] { 1001, 1002, 1003 }, meter.TokenMemory.Order().ToArray());
        Assert.Equal(40, meter.CreditUnits);
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0 }, StsTokenEncoding.PackedBcd10)]
    [InlineData(new byte[] { 4, 0, 0, 0, 0, 0, 0, 0, 0 }, StsTokenEncoding.Binary9)]
    [InlineData(new byte[] { 1, 2, 3 }, StsTokenEncoding.Ascii20)]
    public void GarbageIsAFormatFailure(byte[] encoded, StsTokenEncoding encoding)
    {
        var meter = new StsMeterModel("m1", Key, encoding, MfrCode);
        Assert.Equal(TokenDeliveryStatus.FormatFailure, meter.Enter(encoded));
    }
}
