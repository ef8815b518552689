using System.Numerics;
using OpenAmi.Emulator.Sts;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Tests.Sts;

/// <summary>
/// The emulated STS meter against facts it did not produce: the Landis+Gyr CASHPOWER Sabre Mk5 user guide's
/// published class 1 test vouchers (manufacturer code 00; listed in tests/OpenAmi.Prepaid.Tests/Sts/StsClass1TokenTests.cs),
/// class 1 tokens built with the independent CRC of IEC 62055-41 6.3.7 (<see cref="StsReferenceCrc"/>), and random
/// numbers whose only chance of acceptance is a CRC collision (1 in 65,536).
/// </summary>
public class StsClass1MeterTests
{
    private const ulong Key = 0xE7B21AA9EC929C96; // decoder key of the simulator-verified tokens (see StsPublishedVectorTests)
    private const string OpenTheLoadSwitch = "00000000000150997584";
    private const string ShowTheTariffIndex = "36893488147553322496";

    private static byte[] Ascii(string digits) => System.Text.Encoding.ASCII.GetBytes(digits);

    private static string TestToken(int subclass, ulong control, int manufacturerCode)
    {
        var data = subclass == 0 ? (control << 8) | (uint)manufacturerCode : (control << 16) | (uint)manufacturerCode;
        return StsReferenceCrc.Class1Digits(subclass, data, StsReferenceCrc.Field(StsReferenceCrc.Class1Bits(subclass, data)));
    }

    [Theory]
    [InlineData(OpenTheLoadSwitch, 0x01UL)]
    [InlineData(ShowTheTariffIndex, 0x10UL)]
    public void APublishedVoucherRunsOnAMeterOfItsManufacturerCode(string voucher, ulong control)
    {
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, "00");
        Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Ascii(voucher)));
        Assert.Equal(control, meter.LastTestControl);
        // Test tokens carry no TID: the same voucher works again.
        Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Ascii(voucher)));
        Assert.Empty(meter.TokenMemory);
    }

    [Fact]
    public void AnotherManufacturersVoucherIsAManufacturerCodeError()
    {
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, "07");
        Assert.Equal(TokenDeliveryStatus.ManufacturerCodeError, meter.Enter(Ascii(OpenTheLoadSwitch)));
        Assert.Equal(0UL, meter.LastTestControl);
        Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Ascii(TestToken(0, 0x04, 7))));
        Assert.Equal(0x04UL, meter.LastTestControl);
    }

    [Fact]
    public void FourDigitManufacturerCodesTravelInSubclassOne()
    {
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, "1234");
        Assert.Equal(TokenDeliveryStatus.Accepted, meter.Enter(Ascii(TestToken(1, 0x02, 1234))));
        Assert.Equal(TokenDeliveryStatus.ManufacturerCodeError, meter.Enter(Ascii(TestToken(1, 0x02, 1235))));
        Assert.Equal(TokenDeliveryStatus.ManufacturerCodeError, meter.Enter(Ascii(TestToken(0, 0x02, 12)))); // 2-digit form
    }

    [Fact]
    public void AMadeUpClassOneNumberIsACrcErrorAtTheMeter()
    {
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, "00");
        Assert.Equal(TokenDeliveryStatus.CrcError, meter.Enter(Ascii("12345678901234567890")));
    }

    [Fact]
    public void EveryRandomClassZeroOrTwoNumberIsJudgedByTheCrcOfItsDecryptedBlock()
    {
        // Property: the meter refuses a random encrypted-class number exactly when the independent CRC of the
        // decrypted block fails, so it accepts at most at the CRC's chance rate.
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, "00");
        var random = new Random(6205541);
        int tried = 0, passedCrc = 0;
        while (tried < 10_000)
        {
            var digits = RandomDigits(random);
            if (!StsTokenNumber.TryParse(digits, out var number, out _) || number.TokenClass == 1)
            {
                continue;
            }

            tried++;
            var block = StandardTransferAlgorithm.Decrypt(number.DataBlock, Key);
            var crcHolds = StsReferenceCrc.Field(((ulong)number.TokenClass << 48) | (block >> 16)) == (int)(block & 0xFFFF);
            var status = meter.Enter(Ascii(digits));
            Assert.Equal(crcHolds, status != TokenDeliveryStatus.AuthenticationFailure);
            passedCrc += crcHolds ? 1 : 0;
        }

        Assert.True(passedCrc <= 5, $"{passedCrc} of {tried} random tokens passed the CRC (expected about 0.15)");
    }

    [Fact]
    public void RandomNumbersAtTheKeypadAreAcceptedAtMostAtTheCrcsChanceRate()
    {
        // Property over the whole keypad path: keypad dialogue → TokenEntry → StsPath → token gateway → meter.
        var gateway = new EmulatedTokenGateway();
        var meter = new StsMeterModel("m1", Key, StsTokenEncoding.Ascii20, "00");
        gateway.Add(meter);
        var store = new MemoryFileStore();
        var outcomes = new List<TokenOutcome>();
        var sink = new Sink(outcomes);
        var accounts = new PrepaidAccounts();
        accounts.Add(PrepaidAccount.StsMeter("4", "m1", StsTokenEncoding.Ascii20));
        var path = new StsPath(gateway, store, sink, 8, 16);
        path.Restore();
        var lockout = new KeypadLockout(store, int.MaxValue); // no waiting between the random entries
        var keypad = new KeypadEntry(new TokenEntry(accounts, path, sink), lockout, new NoIndicator());
        var random = new Random(24);
        long now = 0;
        const int entries = 20_000;
        for (var i = 0; i < entries; i++)
        {
            foreach (var key in "4#" + RandomDigits(random))
            {
                keypad.OnKey(key, now += 100);
            }
        }

        Assert.Equal(entries, outcomes.Count);
        var accepted = outcomes.Count(o => o.Kind == TokenOutcomeKind.Accepted);
        Assert.True(accepted <= 5, $"{accepted} of {entries} random numbers accepted (expected about 0.2)");
        Assert.Equal(accepted, outcomes.Count(o => o.Kind == TokenOutcomeKind.Accepted && o.StsClass != 3));
        // About 18 % of random 20-digit numbers are class 1: all but a CRC collision stop at the gateway.
        var crcRefusals = outcomes.Count(o => o.Reason == "crc");
        Assert.InRange(crcRefusals, entries * 15 / 100, entries * 21 / 100);
        Assert.Equal(entries - crcRefusals - outcomes.Count(o => o.Reason is "not_a_token" or "reserved_class"), meter.TokensEntered);
    }

    private static string RandomDigits(Random random)
    {
        var value = BigInteger.Zero;
        for (var i = 0; i < 20; i++)
        {
            value = value * 10 + random.Next(10);
        }

        return value.ToString().PadLeft(20, '0');
    }

    private sealed class Sink(List<TokenOutcome> outcomes) : ITokenOutcomeSink
    {
        public void OnOutcome(TokenOutcome outcome) => outcomes.Add(outcome);
    }

    private sealed class NoIndicator : IKeypadIndicator
    {
        public void Show(KeypadFeedback feedback) { }

        public void ShowEntry(KeypadStage stage, int digitCount) { }
    }
}
