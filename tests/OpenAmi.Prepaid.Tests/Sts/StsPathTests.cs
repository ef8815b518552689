using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;
using OpenAmi.Prepaid.Tests.Fakes;

namespace OpenAmi.Prepaid.Tests.Sts;

public class StsPathTests
{
    // Published class-0 tokens (NectarAPI/tokens-service TokensServiceTest.java and the STSSimulator-verified
    // tokens cited in tests/OpenAmi.Emulator.Tests/Sts/StsPublishedVectorTests.cs); any well-formed token works here.
    private const string TokenA = "12855806557697228949";
    private const string TokenB = "35500312443047940328";
    private const string TokenC = "62163371512291190907";

    private readonly MemoryFileStore _store = new();
    private readonly ScriptedDelivery _delivery = new();
    private readonly OutcomeRecorder _sink = new();

    private StsPath NewPath(int capacity = 8)
    {
        var path = new StsPath(_delivery, _store, _sink, capacity, 16);
        path.Restore();
        return path;
    }

    private static TokenOutcome Submit(StsPath path, string token, string meter = "m1", string id = "r1") =>
        path.Submit(TokenSource.Remote, id, "07", meter, StsTokenEncoding.Ascii20, token);

    [Fact]
    public void ReachableMeterAnswersAtOnce()
    {
        var outcome = Submit(NewPath(), TokenA);
        Assert.Equal(TokenOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(KeypadFeedback.Accept, outcome.Feedback);
        Assert.Equal(0, outcome.StsClass);
        Assert.Equal("m1", _delivery.Deliveries.Single().Meter);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(TokenA), _delivery.Deliveries.Single().Token);
        Assert.Empty(_sink.Outcomes); // the caller gets the immediate outcome; TokenEntry forwards it
    }

    [Fact]
    public void TheSameTokenTwiceIsUsedWithoutASecondDelivery()
    {
        var path = NewPath();
        Submit(path, TokenA);
        var again = Submit(path, TokenA, id: "r2");
        Assert.Equal("used", again.Reason);
        Assert.Equal(KeypadFeedback.Used, again.Feedback);
        Assert.Single(_delivery.Deliveries);
        // The same digits for another meter are a different token.
        Assert.Equal(TokenOutcomeKind.Accepted, Submit(path, TokenA, meter: "m2").Kind);
    }

    [Fact]
    public void UnreachableMeterQueuesAndLaterDeliversInOrder()
    {
        var path = NewPath();
        _delivery.Unreachable.Add("m1");
        Assert.Equal(TokenOutcomeKind.Queued, Submit(path, TokenA, id: "a").Kind);
        Assert.Equal(TokenOutcomeKind.Queued, Submit(path, TokenB, id: "b").Kind);
        Assert.Equal(TokenOutcomeKind.Accepted, Submit(path, TokenC, meter: "m2", id: "c").Kind); // m2 is not held up
        Assert.Equal("used", Submit(path, TokenA, id: "a2").Reason); // queued counts as entered

        _delivery.Unreachable.Clear();
        path.Pump();
        Assert.Equal(new[] { TokenA, TokenB }, _delivery.Deliveries.Where(d => d.Meter == "m1").Select(d => System.Text.Encoding.ASCII.GetString(d.Token)));
        Assert.Equal(new[] { "a", "b" }, _sink.Outcomes.Select(o => o.RequestId));
        Assert.All(_sink.Outcomes, o => Assert.Equal("token_accepted", o.EventName));
        Assert.Equal(0, path.PendingCount);
    }

    [Fact]
    public void QueuedTokensSurviveAPowerCut()
    {
        _delivery.Unreachable.Add("m1");
        Submit(NewPath(), TokenA, id: "a");
        Submit(NewPath(), TokenB, id: "b"); // a second instance over the same store: a reboot in between

        var rebooted = NewPath();
        Assert.Equal(2, rebooted.PendingCount);
        _delivery.Unreachable.Clear();
        rebooted.Pump();
        Assert.Equal(new[] { "a", "b" }, _sink.Outcomes.Select(o => o.RequestId));
        Assert.Equal("used", Submit(NewPath(), TokenA).Reason); // token memory persisted too
    }

    /// <summary>Delivers like <see cref="ScriptedDelivery"/> and keeps the flash as it was at the moment of delivery.</summary>
    private sealed class CutAtDelivery(MemoryFileStore store) : ITokenDelivery
    {
        public MemoryFileStore? FlashAtCut { get; private set; }

        public TokenDeliveryStatus Deliver(string meterId, byte[] token, int offset, int count)
        {
            FlashAtCut = store.Clone();
            return TokenDeliveryStatus.Accepted;
        }

        public TokenDeliveryStatus ReadStatus(string meterId) => TokenDeliveryStatus.Accepted;
    }

    [Fact]
    public void ATokenCreditedJustBeforeAPowerCutIsReportedAcceptedAfterTheReboot()
    {
        // Issue 18 D12: the meter credits the token, the power fails before the answer is stored. After the
        // reboot the token is entered again and a real meter answers "used" (IEC 62055-41: a token is accepted once).
        var cut = new CutAtDelivery(_store);
        new StsPath(cut, _store, _sink, 8, 16).Restore();
        var first = new StsPath(cut, _store, _sink, 8, 16);
        first.Restore();
        Assert.Equal(TokenOutcomeKind.Accepted, first.Submit(TokenSource.Remote, "r1", "07", "m1", StsTokenEncoding.Ascii20, TokenA).Kind);

        _delivery.Answers.Enqueue(TokenDeliveryStatus.Used);
        var rebooted = new StsPath(_delivery, cut.FlashAtCut!, _sink, 8, 16);
        rebooted.Restore();
        Assert.Equal(1, rebooted.PendingCount);
        rebooted.Pump();

        var outcome = _sink.Outcomes.Single();
        Assert.Equal("r1", outcome.RequestId);
        Assert.Equal(TokenOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal("token_accepted", outcome.EventName);
        Assert.Equal(0, rebooted.PendingCount);
    }

    [Fact]
    public void AUsedAnswerToARetryAfterALostAnswerIsTheEarlierEntryCrediting()
    {
        // The first entry's answer is lost (the link reports the meter unreachable); the retry is answered "used".
        var path = NewPath();
        _delivery.Unreachable.Add("m1");
        Assert.Equal(TokenOutcomeKind.Queued, Submit(path, TokenA).Kind);
        _delivery.Unreachable.Clear();
        _delivery.Answers.Enqueue(TokenDeliveryStatus.Used);
        path.Pump();
        Assert.Equal("accepted", _sink.Outcomes.Single().Reason);

        // A first entry answered "used" stays "used" (the existing theory covers each refusal; this is the contrast).
        _delivery.Answers.Enqueue(TokenDeliveryStatus.Used);
        Assert.Equal("used", Submit(path, TokenB, id: "r2").Reason);
    }

    [Fact]
    public void PendingAnswerIsFollowedByStatusReadsNotASecondEntry()
    {
        var path = NewPath();
        _delivery.Answers.Enqueue(TokenDeliveryStatus.Pending);
        _delivery.StatusAnswer = TokenDeliveryStatus.Pending;
        Assert.Equal(TokenOutcomeKind.Queued, Submit(path, TokenA).Kind);
        path.Pump();
        _delivery.StatusAnswer = TokenDeliveryStatus.Old;
        path.Pump();
        Assert.Single(_delivery.Deliveries);
        Assert.Equal(2, _delivery.StatusReads);
        var final = _sink.Outcomes.Single();
        Assert.Equal("old", final.Reason);
        Assert.Equal(KeypadFeedback.Old, final.Feedback);
        Assert.Equal("token_rejected", final.EventName);
    }

    [Theory]
    [InlineData(TokenDeliveryStatus.AuthenticationFailure, "authentication_failure", true)]
    [InlineData(TokenDeliveryStatus.FormatFailure, "format_failure", true)]
    [InlineData(TokenDeliveryStatus.Used, "used", false)]
    [InlineData(TokenDeliveryStatus.ValidationFailure, "validation_failure", false)]
    [InlineData(TokenDeliveryStatus.ExecutionFailure, "execution_failure", false)]
    [InlineData(TokenDeliveryStatus.CrcError, "authentication_failure", true)] // class 0: the decrypted CRC is the authentication
    [InlineData(TokenDeliveryStatus.ManufacturerCodeError, "manufacturer_code", true)]
    public void MeterRefusalsKeepTheirReason(TokenDeliveryStatus status, string reason, bool countsAsInvalid)
    {
        _delivery.Answers.Enqueue(status);
        var outcome = Submit(NewPath(), TokenA);
        Assert.Equal(TokenOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(countsAsInvalid, outcome.CountsAsInvalid);
    }

    [Theory]
    [InlineData("1234", "not_a_token")]
    [InlineData("73786976294838206463", "reserved_class")]
    [InlineData("99999999999999999999", "not_a_token")]
    public void MalformedTokensNeverReachTheMeter(string token, string reason)
    {
        var outcome = Submit(NewPath(), token);
        Assert.Equal(reason, outcome.Reason);
        Assert.True(outcome.CountsAsInvalid);
        Assert.Empty(_delivery.Deliveries);
    }

    [Fact]
    public void A_path_that_keeps_nothing_holds_no_queue_record_buffer_and_refuses_to_queue()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var path = new StsPath(_delivery, _store, _sink, 0, 0);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        path.Restore();
        _delivery.Unreachable.Add("m1");

        var outcome = Submit(path, TokenA);

        // The record of a full queue is up to StsQueueRecord.MaxPayload (4,096 B); an empty one is 3 bytes.
        Assert.InRange(allocated, 1, 1024);
        Assert.Equal("queue_full", outcome.Reason);
        Assert.Empty(_store.Files);
    }

    [Fact]
    public void AFullQueueAnswersBusyAndStoresNothing()
    {
        var path = NewPath(capacity: 1);
        _delivery.Unreachable.Add("m1");
        Submit(path, TokenA);
        var outcome = Submit(path, TokenB);
        Assert.Equal("queue_full", outcome.Reason);
        Assert.Equal(KeypadFeedback.Busy, outcome.Feedback);
        Assert.False(outcome.CountsAsInvalid);
        Assert.Equal(1, path.PendingCount);
    }

    [Fact]
    public void AnEntryThatCouldNotBeStoredIsNotDelivered()
    {
        var path = NewPath();
        _store.TearNextWrite(7);
        var outcome = Submit(path, TokenA);
        Assert.Equal("storage_failure", outcome.Reason);
        Assert.Empty(_delivery.Deliveries);
        Assert.Equal(0, NewPath().PendingCount);
    }

    [Fact]
    public void CosemTokenStatusCodesMapToDeliveryStatus()
    {
        // DLMS Blue Book IC 115 token_status status_code enum (0..8), see Ports/ITokenDelivery.cs.
        Assert.Equal(TokenDeliveryStatus.Pending, TokenGatewayStatusCodes.ToDeliveryStatus(0));
        Assert.Equal(TokenDeliveryStatus.Pending, TokenGatewayStatusCodes.ToDeliveryStatus(2));
        Assert.Equal(TokenDeliveryStatus.Accepted, TokenGatewayStatusCodes.ToDeliveryStatus(3));
        Assert.Equal(TokenDeliveryStatus.FormatFailure, TokenGatewayStatusCodes.ToDeliveryStatus(4));
        Assert.Equal(TokenDeliveryStatus.AuthenticationFailure, TokenGatewayStatusCodes.ToDeliveryStatus(5));
        Assert.Equal(TokenDeliveryStatus.ValidationFailure, TokenGatewayStatusCodes.ToDeliveryStatus(6));
        Assert.Equal(TokenDeliveryStatus.ExecutionFailure, TokenGatewayStatusCodes.ToDeliveryStatus(7));
        Assert.Equal(TokenDeliveryStatus.Pending, TokenGatewayStatusCodes.ToDeliveryStatus(8));
        Assert.Equal(TokenDeliveryStatus.ExecutionFailure, TokenGatewayStatusCodes.ToDeliveryStatus(99));
    }

    [Theory]
    // Blue Book status_code, then the STS token result in data_value (numbered as in the Conlog BEC62(08)
    // technical manual, "STS token result": 9 old, 10 used, 13 CRC, 14 manufacturer code, 8 function error).
    [InlineData(4, 13, TokenDeliveryStatus.CrcError)]
    [InlineData(6, 14, TokenDeliveryStatus.ManufacturerCodeError)]
    [InlineData(6, 10, TokenDeliveryStatus.Used)]
    [InlineData(6, 9, TokenDeliveryStatus.Old)]
    [InlineData(7, 8, TokenDeliveryStatus.ExecutionFailure)]
    [InlineData(6, 0, TokenDeliveryStatus.ValidationFailure)] // no detail: the generic answer stands
    [InlineData(3, 13, TokenDeliveryStatus.Accepted)]         // a detail never turns success into failure
    [InlineData(8, 13, TokenDeliveryStatus.Pending)]
    public void TheStsTokenResultRefinesAFailedTokenStatus(int statusCode, int stsResult, TokenDeliveryStatus expected)
    {
        Assert.Equal(expected, TokenGatewayStatusCodes.ToDeliveryStatus(statusCode, stsResult));
    }
}
