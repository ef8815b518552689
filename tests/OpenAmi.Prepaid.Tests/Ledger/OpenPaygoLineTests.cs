using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ledger;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Tests.Fakes;
using static OpenAmi.Prepaid.Tests.OpenPayGo.OpenPaygoPublishedTokens;

namespace OpenAmi.Prepaid.Tests.Ledger;

public class OpenPaygoLineTests
{
    private readonly MemoryFileStore _store = new();
    private readonly SupplyRecorder _supply = new();

    private static OpenPaygoDeviceSetup Config(CreditUnit unit = CreditUnit.Time, bool extended = false) => new()
    {
        Line = 3, Key = Key(Device1), StartingCode = Device1.StartingCode, StartingCount = Device1.Count, Unit = unit, ExtendedTokens = extended,
    };

    private OpenPaygoLine NewLine(CreditUnit unit = CreditUnit.Time, bool extended = false)
    {
        var line = new OpenPaygoLine(Config(unit, extended), _store, _supply);
        line.Restore();
        return line;
    }

    [Fact]
    public void PublishedAddTimeTokenGivesOneDayAndRequestsSupply()
    {
        var line = NewLine();
        Assert.Equal((3, false, "restored"), _supply.Requests.Single());

        var outcome = line.Enter("588224011"); // test_tokens.jsonl: device 1, ADD_TIME 1, count 1 -> 2
        Assert.Equal(TokenOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal(KeypadFeedback.Accept, outcome.Feedback);
        Assert.Equal(OpenPaygoTokenType.AddTime, outcome.OpenPaygoType);
        Assert.Equal(1, outcome.Value);
        Assert.Equal(2, outcome.Count);
        Assert.Equal(86400, line.RemainingSeconds);
        Assert.Equal((3, true, "credit_added"), _supply.Requests.Last());
    }

    [Fact]
    public void ExpiryAsksForTheLineOffOnceAndOnlyRequests()
    {
        var line = NewLine();
        line.Enter("588224011");
        line.Tick(86399);
        Assert.True(line.SupplyWanted);
        line.Tick(5);
        Assert.False(line.SupplyWanted);
        line.Tick(60);
        Assert.Equal(0, line.RemainingSeconds);
        Assert.Equal(1, _supply.Requests.Count(r => r.Reason == "credit_expired" && !r.Wanted));
    }

    [Fact]
    public void CountUsedCountsAndCreditSurviveARestart()
    {
        var line = NewLine();
        line.Enter("588224011");
        line.Tick(3600);
        line.Enter("380589011"); // SET_TIME 1 at count 3 closes the window below it

        var rebooted = NewLine();
        Assert.Equal(3, rebooted.LastCount);
        Assert.Equal(86400, rebooted.RemainingSeconds);
        Assert.Equal("used", rebooted.Enter("588224011").Reason);
        Assert.Equal((3, true, "restored"), _supply.Requests.Last());
    }

    [Fact]
    public void ATokenInterruptedByAPowerCutIsNotHalfApplied()
    {
        var line = NewLine();
        _store.TearNextWrite(20);
        var outcome = line.Enter("588224011");
        Assert.Equal(TokenOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("storage_failure", outcome.Reason);
        Assert.False(outcome.CountsAsInvalid);
        Assert.Equal(0, line.RemainingSeconds);

        // After the reboot neither the count nor the credit moved, so the same token now loads.
        var rebooted = NewLine();
        Assert.Equal(1, rebooted.LastCount);
        Assert.Equal(TokenOutcomeKind.Accepted, rebooted.Enter("588224011").Kind);
        Assert.Equal(86400, rebooted.RemainingSeconds);
    }

    [Fact]
    public void StoreFailureLeavesTheLiveStateUntouched()
    {
        var line = NewLine();
        _store.FailWrites = true;
        Assert.Equal("storage_failure", line.Enter("588224011").Reason);
        Assert.Equal(1, line.LastCount);
        _store.FailWrites = false;
        Assert.Equal(TokenOutcomeKind.Accepted, line.Enter("588224011").Kind);
    }

    [Fact]
    public void EnergyCreditRunsDownWithMeterReadings()
    {
        var line = NewLine(CreditUnit.Energy);
        line.Enter("177073015"); // ADD_TIME 5 -> 5 units of 1000 Wh
        Assert.Equal(5000, line.RemainingWh);
        line.OnEnergyReading(120_000); // first reading only synchronises
        Assert.Equal(5000, line.RemainingWh);
        line.OnEnergyReading(123_000);
        Assert.Equal(2000, line.RemainingWh);
        Assert.True(line.SupplyWanted);
        line.OnEnergyReading(100); // meter replaced: resynchronise, no credit change
        Assert.Equal(2000, line.RemainingWh);
        line.OnEnergyReading(2_600);
        Assert.Equal(0, line.RemainingWh);
        Assert.False(line.SupplyWanted);
        Assert.Equal((3, false, "credit_expired"), _supply.Requests.Last());
    }

    [Fact]
    public void DisablePaygKeepsSupplyWithoutCreditAndTimeDoesNotRunDown()
    {
        var line = NewLine();
        Assert.Equal(TokenOutcomeKind.Accepted, line.Enter("190942008").Kind); // DISABLE_PAYG, count 3
        line.Tick(10 * 86400);
        Assert.True(line.SupplyWanted);
        Assert.Equal((3, true, "payg_disabled"), _supply.Requests.Last());
    }

    [Fact]
    public void ExtendedTokenOnALineAddsItsRawValue()
    {
        var line = NewLine(extended: true);
        Assert.Equal(TokenOutcomeKind.Accepted, line.Enter("507849959015").Kind); // extended ADD_TIME 5
        Assert.Equal(5 * 86400, line.RemainingSeconds);
    }

    [Fact]
    public void AStandardOnlyLineRefusesAnExtendedCodeAsMalformed()
    {
        var line = NewLine(extended: false);
        var outcome = line.Enter("507849959015"); // the same published extended ADD_TIME 5
        Assert.Equal(TokenOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("malformed_token", outcome.Reason);
        Assert.Equal(0, line.RemainingSeconds);
    }

    [Theory]
    [InlineData("12345", "malformed_token", true)]
    [InlineData("123456789", "invalid", true)]
    public void RefusalsSayWhy(string token, string reason, bool countsAsInvalid)
    {
        var outcome = NewLine().Enter(token);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(countsAsInvalid, outcome.CountsAsInvalid);
        Assert.Equal(KeypadFeedback.Reject, outcome.Feedback);
    }
}
