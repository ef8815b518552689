using OpenAmi.Emulator.Storage;
using OpenAmi.Emulator.Sts;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Ports;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Tests.Sts;

/// <summary>
/// Firmware STS path (OpenAmi.Prepaid) → ITokenDelivery → the emulator's Token gateway → an STS meter model
/// keyed with the DKGA02 key of the NectarAPI/tokens-service vector (see StsPublishedVectorTests). The queue
/// persists through the emulator's host file store.
/// </summary>
public sealed class TokenGatewayRoundTripTests : IDisposable
{
    private readonly EmulatedTokenGateway _gateway = new();
    private readonly string _storeDirectory = Directory.CreateTempSubdirectory("openami-prepaid-").FullName;
    private readonly HostFileStore _store;
    private readonly List<TokenOutcome> _events = [];
    private readonly StsMeterModel _meter;
    private readonly ulong _key;

    public TokenGatewayRoundTripTests()
    {
        _key = DecoderKeyGenerationAlgorithm02.Derive(Convert.FromHexString("0abc12def3456789"), "600727", "47500150231", 0, "000046", "01", 1);
        _meter = new StsMeterModel("47500150231", _key, StsTokenEncoding.Binary9, "07");
        _gateway.Add(_meter);
        _store = new HostFileStore(_storeDirectory);
    }

    public void Dispose() => Directory.Delete(_storeDirectory, recursive: true);

    private TokenEntry NewEntry(out StsPath path)
    {
        var accounts = new PrepaidAccounts();
        accounts.Add(PrepaidAccount.StsMeter("21", "47500150231", StsTokenEncoding.Binary9));
        path = new StsPath(_gateway, _store, new Sink(_events), 8, 16);
        path.Restore();
        return new TokenEntry(accounts, path, new Sink(_events));
    }

    private string Vend(int minute, long units) =>
        StsDecodedToken.Encode(0, 0, 5, 13343489 + minute, StsAmount.FromUnits(units), _key).ToDigits();

    [Fact]
    public void PublishedTokenLoadsCreditOnTheEmulatedMeter()
    {
        var entry = NewEntry(out _);
        var outcome = entry.Submit(TokenSource.Remote, "cmd-1", "21", "1285 5806 5576 9722 8949");
        Assert.Equal(TokenOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(100, _meter.CreditUnits); // 10.0 kWh
        Assert.Equal(9, _gateway.Deliveries.Single().Token.Length);
        Assert.Equal("token_accepted", _events.Single().EventName);
    }

    [Fact]
    public void AnotherMetersTokenIsRejectedByTheMeterWithAReason()
    {
        var entry = NewEntry(out _);
        var outcome = entry.Submit(TokenSource.Keypad, "k1", "21", "35500312443047940328"); // keyed for E7B21AA9EC929C96
        Assert.Equal("authentication_failure", outcome.Reason);
        Assert.True(outcome.CountsAsInvalid);
        Assert.Equal(0, _meter.CreditUnits);
    }

    [Fact]
    public void OutageThenRebootThenDeliveryInOrder()
    {
        _gateway.SetReachable("47500150231", false);
        var first = Vend(1, 50);
        var second = Vend(2, 70);
        var entry = NewEntry(out _);
        Assert.Equal(TokenOutcomeKind.Queued, entry.Submit(TokenSource.Keypad, "k1", "21", first).Kind);
        Assert.Equal(TokenOutcomeKind.Queued, entry.Submit(TokenSource.Remote, "r1", "21", second).Kind);

        // Power cut; the meter comes back; the rebooted gateway delivers both, first one first.
        NewEntry(out var rebooted);
        _gateway.SetReachable("47500150231", true);
        rebooted.Pump();
        Assert.Equal(120, _meter.CreditUnits);
        Assert.Equal(new[] { 13343490, 13343491 }, _meter.TokenMemory);
        Assert.Equal(new[] { "k1", "r1" }, _events.Select(e => e.RequestId));
    }

    [Fact]
    public void MeterAnsweringReceivedFirstIsPolledForItsStatus()
    {
        _gateway.AnswerPendingFirst = true;
        var entry = NewEntry(out var path);
        Assert.Equal(TokenOutcomeKind.Queued, entry.Submit(TokenSource.Remote, "r1", "21", Vend(3, 10)).Kind);
        path.Pump();
        Assert.Equal("token_accepted", _events.Single().EventName);
        Assert.Equal(1, _meter.TokensEntered);
    }

    [Fact]
    public void ReplayOfAnAcceptedTokenNeverReachesTheMeterTwice()
    {
        var entry = NewEntry(out _);
        var token = Vend(4, 10);
        entry.Submit(TokenSource.Keypad, "k1", "21", token);
        var replay = entry.Submit(TokenSource.Keypad, "k2", "21", token);
        Assert.Equal("used", replay.Reason);
        Assert.Equal(1, _meter.TokensEntered);
    }

    private sealed class Sink(List<TokenOutcome> events) : ITokenOutcomeSink
    {
        public void OnOutcome(TokenOutcome outcome) => events.Add(outcome);
    }
}

