using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Sts;
using OpenAmi.Prepaid.Tests.Fakes;
using OpenAmi.TestVectors;

namespace OpenAmi.Prepaid.Tests.Sts;

/// <summary>
/// Class 1 (non-meter-specific management) tokens, checked without a key. The standard's CRC examples [T26] and the
/// Landis+Gyr Sabre Mk5 test vouchers [LG] are in tests/vectors/StsVectors.cs (sources cited there), shared with the
/// board tests; the CRC of each voucher agrees with the independent <see cref="StsReferenceCrc"/>.
/// </summary>
public class StsClass1TokenTests
{
    private static StsTokenNumber Parse(string digits)
    {
        Assert.True(StsTokenNumber.TryParse(digits, out var number, out var reason), reason);
        return number;
    }

    public static IEnumerable<object[]> CrcExamples() => StsVectors.CrcExamples.Select(example => new object[] { example.FiftyBits, example.Crc });

    public static IEnumerable<object[]> TestVouchers() =>
        StsVectors.Class1TestVouchers.Select(voucher => new object[] { voucher.Digits, voucher.Control, voucher.Crc });

    [Theory]
    [MemberData(nameof(CrcExamples))]
    public void BothCrcImplementationsReproduceTheStandardsExamples(ulong fiftyBits, int expected)
    {
        Assert.Equal(expected, StsCrc16.Compute(fiftyBits));
        Assert.Equal(expected, StsReferenceCrc.Field(fiftyBits));
    }

    [Theory]
    [MemberData(nameof(TestVouchers))]
    public void PublishedTestVouchersDecodeWithAValidCrc(string digits, ulong control, int crc)
    {
        var number = Parse(digits);
        Assert.Equal(1, number.TokenClass);

        var token = StsClass1Token.Decode(number);

        Assert.Equal(0, token.Subclass);
        Assert.Equal(control, token.Control);
        Assert.Equal(0, token.ManufacturerCode);
        Assert.Equal(2, token.ManufacturerCodeDigits);
        Assert.Equal(crc, token.Crc);
        Assert.True(token.CrcValid);
        Assert.Equal(crc, StsReferenceCrc.Field(StsReferenceCrc.Class1Bits(0, control << 8)));
    }

    [Fact]
    public void AnySingleFlippedBitOfAPublishedVoucherFailsTheCrc()
    {
        // A CRC whose generator has more than one term detects every single-bit error: no flip may pass.
        var voucher = Parse("00000000000201328896");
        for (var bit = 0; bit < 66; bit++)
        {
            var flipped = voucher;
            if (bit < 64)
            {
                flipped.Low ^= 1UL << bit;
            }
            else
            {
                flipped.High ^= 1 << (bit - 64);
            }

            if (flipped.TokenClass != 1)
            {
                continue; // a flipped class bit makes it another class, no longer checked without a key
            }

            Assert.False(StsClass1Token.Decode(flipped).CrcValid, $"bit {bit}");
        }
    }

    [Fact]
    public void TheFourDigitManufacturerFormIsSubclassOne()
    {
        // Subclass 1: control 28 bits | MfrCode 16 bits; built here with the independent CRC.
        const ulong data = (0x0000005UL << 16) | 1234;
        var digits = StsReferenceCrc.Class1Digits(1, data, StsReferenceCrc.Field(StsReferenceCrc.Class1Bits(1, data)));

        var token = StsClass1Token.Decode(Parse(digits));

        Assert.True(token.CrcValid);
        Assert.Equal(1, token.Subclass);
        Assert.Equal(5UL, token.Control);
        Assert.Equal(1234, token.ManufacturerCode);
        Assert.Equal(4, token.ManufacturerCodeDigits);
    }

    [Fact]
    public void OtherSubclassesAreCrcCheckedButCarryNoManufacturerCode()
    {
        const ulong data = 0x123456789ABUL;
        var digits = StsReferenceCrc.Class1Digits(2, data, StsReferenceCrc.Field(StsReferenceCrc.Class1Bits(2, data)));

        var token = StsClass1Token.Decode(Parse(digits));

        Assert.True(token.CrcValid);
        Assert.Equal(2, token.Subclass);
        Assert.Equal(data, token.Data);
        Assert.Equal(0, token.ManufacturerCodeDigits);
        Assert.False(token.IsTestDisplay);
    }

    [Fact]
    public void AMadeUpClassOneNumberIsRefusedForItsCrcAndNeverForwarded()
    {
        var delivery = new ScriptedDelivery();
        var path = new StsPath(delivery, new MemoryFileStore(), new OutcomeRecorder(), 8, 16);
        path.Restore();

        var outcome = path.Submit(TokenSource.Keypad, "k1", "4", "m1", StsTokenEncoding.Ascii20, "12345678901234567890");

        Assert.Equal(TokenOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("crc", outcome.Reason);
        Assert.Equal(1, outcome.StsClass);
        Assert.Equal(KeypadFeedback.Reject, outcome.Feedback);
        Assert.True(outcome.CountsAsInvalid);
        Assert.Empty(delivery.Deliveries);
        Assert.Equal(0, path.PendingCount);
    }

    [Fact]
    public void APublishedVoucherIsForwardedAndTheMetersAnswerDecides()
    {
        var delivery = new ScriptedDelivery();
        delivery.Answers.Enqueue(OpenAmi.Prepaid.Ports.TokenDeliveryStatus.ManufacturerCodeError);
        var path = new StsPath(delivery, new MemoryFileStore(), new OutcomeRecorder(), 8, 16);
        path.Restore();

        var refused = path.Submit(TokenSource.Remote, "r1", "4", "m1", StsTokenEncoding.Ascii20, "00000000000150997584");
        var accepted = path.Submit(TokenSource.Remote, "r2", "4", "m1", StsTokenEncoding.Ascii20, "00000000000167774880");

        Assert.Equal("manufacturer_code", refused.Reason);
        Assert.True(refused.CountsAsInvalid);
        Assert.Equal(TokenOutcomeKind.Accepted, accepted.Kind);
        Assert.Equal(2, delivery.Deliveries.Count);
    }

    [Fact]
    public void RandomClassOneNumbersAreForwardedExactlyWhenTheIndependentCrcHolds()
    {
        // Property: the gateway's class 1 decision agrees with the reference CRC for every random number, so
        // random entries get through at the CRC's chance rate (1 in 65,536) and no more.
        var random = new Random(6205541);
        var delivery = new ScriptedDelivery();
        var path = new StsPath(delivery, new MemoryFileStore(), new OutcomeRecorder(), 8, 16);
        path.Restore();
        var forwarded = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var block = (ulong)random.NextInt64() ^ ((ulong)random.Next(4) << 62);
            int subclass = (int)(block >> 60), crc = (int)(block & 0xFFFF);
            var data = (block >> 16) & 0xFFFFFFFFFFFUL;
            var crcHolds = StsReferenceCrc.Field(StsReferenceCrc.Class1Bits(subclass, data)) == crc;

            var outcome = path.Submit(TokenSource.Remote, "r" + i, "4", "m1", StsTokenEncoding.Ascii20, StsReferenceCrc.Class1Digits(subclass, data, crc));

            Assert.Equal(crcHolds ? "accepted" : "crc", outcome.Reason);
            forwarded += crcHolds ? 1 : 0;
        }

        Assert.Equal(forwarded, delivery.Deliveries.Count);
        Assert.True(forwarded <= 10, $"{forwarded} of 100000 random class 1 numbers passed (expected about 1.5)");
    }
}
