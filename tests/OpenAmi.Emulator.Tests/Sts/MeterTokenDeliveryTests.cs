using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Sts;
using OpenAmi.Emulator.Tests.Metering;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Registration;
using OpenAmi.Platform;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Emulator.Tests.Sts;

/// <summary>
/// The gateway's <see cref="MeterTokenDelivery"/> against the emulated Kestrel STS meter (HLS-GMAC, ciphered APDUs)
/// on a simulated RS-485 bus, with a link that can lose the meter's answers while the meter still hears the
/// gateway. The meter model's token count and credit are the judge: a token is entered once, whatever was lost.
/// Tokens are vended for the Kestrel's DKGA02 key (the NectarAPI/tokens-service test meter, see StsPublishedVectorTests).
/// </summary>
public sealed class MeterTokenDeliveryTests : IDisposable
{
    private static readonly MeterProfile Kestrel = MeterProfile.Kestrel;

    private readonly LossyLink _link = new();
    private readonly DlmsFeeder _feeder;
    private readonly MeterTokenDelivery _delivery;
    private readonly EmulatedMeterState _meter;

    public MeterTokenDeliveryTests()
    {
        _feeder = new DlmsFeeder(port => _link.Over(port), Kestrel);
        var profile = DlmsFeeder.Profile(Kestrel);
        _feeder.Reader.Declare(Kestrel.ServerLower, profile);
        var record = new MeterRecord(_feeder.Reader, Kestrel.ServerLower, profile);
        _delivery = new MeterTokenDelivery(id => id == "clinic" ? record : null);
        _meter = _feeder.Meter(Kestrel).State;
    }

    public void Dispose() => _feeder.Dispose();

    private static byte[] Token(int tid) =>
        System.Text.Encoding.ASCII.GetBytes(StsDecodedToken.Encode(0, 0, 3, tid, StsAmount.FromUnits(50), Kestrel.StsDecoderKey).ToDigits());

    [Fact]
    public void An_accepted_token_is_entered_once_and_answered_from_token_status()
    {
        var token = Token(6_548_195);
        Assert.Equal(TokenDeliveryStatus.Accepted, _delivery.Deliver("clinic", token, 0, token.Length));
        Assert.Equal(50, _meter.StsMeter!.CreditUnits);

        // The meter's own token memory refuses it again: status 6 (validation failure), STS token result 10 (used).
        Assert.Equal(TokenDeliveryStatus.Used, _delivery.Deliver("clinic", token, 0, token.Length));
        Assert.Equal(50, _meter.StsMeter.CreditUnits);
    }

    [Fact]
    public void A_token_older_than_the_meters_full_token_memory_is_decoded_as_old_from_the_meters_answer()
    {
        // STS (IEC 62055-41) keeps the newest TIDs in a token memory; the emulated Kestrel keeps 50 and, like a real
        // token gateway, reports a token older than all of them as validation failure (6) with STS token result 9 (old).
        for (int tid = 6_548_301; tid <= 6_548_350; tid++)
        {
            var fresh = Token(tid);
            Assert.Equal(TokenDeliveryStatus.Accepted, _delivery.Deliver("clinic", fresh, 0, fresh.Length));
        }

        var older = Token(6_548_300);
        Assert.Equal(TokenDeliveryStatus.Old, _delivery.Deliver("clinic", older, 0, older.Length));
        Assert.Equal(50 * 50, _meter.StsMeter!.CreditUnits);
    }

    [Theory]
    // A made-up class 1 number (its CRC fails; the gateway's StsPath would not send it) and a published Landis+Gyr
    // Sabre Mk5 test voucher for manufacturer 00 (the Kestrel's code is 07): the meter's STS token result in
    // token_status data_value names the reason.
    [InlineData("12345678901234567890", TokenDeliveryStatus.CrcError)]
    [InlineData("00000000000150997584", TokenDeliveryStatus.ManufacturerCodeError)]
    public void The_meters_token_result_names_the_reason_of_a_refusal(string digits, TokenDeliveryStatus expected)
    {
        var token = System.Text.Encoding.ASCII.GetBytes(digits);
        Assert.Equal(expected, _delivery.Deliver("clinic", token, 0, token.Length));
        Assert.Equal(expected, _meter.LastTokenStatus);
    }

    [Fact]
    public void A_lost_answer_to_enter_is_resolved_by_reading_the_last_token_not_by_entering_it_again()
    {
        var token = Token(6_548_196);
        _feeder.Reader.ReadObjectList(Kestrel.ServerLower, new System.Collections.ArrayList()); // association open
        _link.DeafAfterWrites = 0; // the meter hears enter, its answer is lost

        Assert.Equal(TokenDeliveryStatus.Unreachable, _delivery.Deliver("clinic", token, 0, token.Length));
        Assert.Equal(1, _meter.StsMeter!.TokensEntered);
        Assert.Equal(50, _meter.StsMeter.CreditUnits);

        _link.DeafAfterWrites = -1;
        Assert.Equal(TokenDeliveryStatus.Accepted, _delivery.Deliver("clinic", token, 0, token.Length));
        Assert.Equal(1, _meter.StsMeter.TokensEntered);
    }

    [Fact]
    public void A_lost_status_answer_leaves_the_token_pending_and_the_status_is_read_later()
    {
        var token = Token(6_548_197);
        _feeder.Reader.ReadObjectList(Kestrel.ServerLower, new System.Collections.ArrayList());
        _link.DeafAfterWrites = 1; // enter is answered, the token_status read is not

        Assert.Equal(TokenDeliveryStatus.Pending, _delivery.Deliver("clinic", token, 0, token.Length));
        Assert.Equal(50, _meter.StsMeter!.CreditUnits);

        _link.DeafAfterWrites = -1;
        Assert.Equal(TokenDeliveryStatus.Accepted, _delivery.ReadStatus("clinic"));
        Assert.Equal(1, _meter.StsMeter.TokensEntered);
    }

    [Fact]
    public void A_meter_that_is_not_configured_or_not_dlms_gets_no_delivery()
    {
        var token = Token(6_548_198);
        Assert.Equal(TokenDeliveryStatus.ExecutionFailure, _delivery.Deliver("pump", token, 0, token.Length));
        Assert.Equal(0, _meter.StsMeter!.TokensEntered);
    }

    /// <summary>Passes everything through until armed; then, after the given number of further writes, reads time out.</summary>
    private sealed class LossyLink : IByteLink
    {
        private IByteLink _inner = null!;
        private int _deafAfter = -1;
        private int _writes;

        /// <summary>-1: hear everything; n: lose every answer after n more writes.</summary>
        public int DeafAfterWrites
        {
            get => _deafAfter;
            set
            {
                _deafAfter = value;
                _writes = 0;
            }
        }

        public IByteLink Over(IByteLink inner)
        {
            _inner = inner;
            return this;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            _writes++;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_deafAfter >= 0 && _writes > _deafAfter)
            {
                // The answer is on the wire but never reaches the gateway.
                _inner.Delay(timeoutMs);
                _inner.DiscardInput();
                return 0;
            }

            return _inner.Read(buffer, offset, count, timeoutMs);
        }

        public void Configure(int baudRate, LineFormat format) => _inner.Configure(baudRate, format);

        public void DiscardInput() => _inner.DiscardInput();

        public void Delay(int milliseconds) => _inner.Delay(milliseconds);
    }
}
