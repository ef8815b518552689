using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ledger;
using OpenAmi.Prepaid.Sts;
using OpenAmi.Prepaid.Tests.Fakes;
using static OpenAmi.Prepaid.Tests.OpenPayGo.OpenPaygoPublishedTokens;

namespace OpenAmi.Prepaid.Tests.Keypad;

public class KeypadEntryTests
{
    private const long Minute = 60_000;
    private readonly MemoryFileStore _store = new();
    private readonly ScriptedDelivery _delivery = new();
    private readonly OutcomeRecorder _sink = new();
    private readonly IndicatorRecorder _indicator = new();
    private readonly SupplyRecorder _supply = new();
    private readonly OpenPaygoLine _line;
    private readonly TokenEntry _entry;
    private long _now = 1_000;

    public KeypadEntryTests()
    {
        var accounts = new PrepaidAccounts();
        accounts.Add(PrepaidAccount.StsMeter("12", "meter-12", StsTokenEncoding.PackedBcd10));
        accounts.Add(PrepaidAccount.OpenPaygoLine("3", 3));
        var sts = new StsPath(_delivery, _store, _sink, 8, 16);
        sts.Restore();
        _line = new OpenPaygoLine(new OpenPaygoDeviceSetup { Line = 3, Key = Key(Device1), StartingCode = Device1.StartingCode }, _store, _supply);
        _line.Restore();
        _entry = new TokenEntry(accounts, sts, _sink);
        _entry.AddLine(_line);
    }

    private KeypadEntry NewKeypad(int freeAttempts = 0)
    {
        var lockout = new KeypadLockout(_store, freeAttempts);
        lockout.Restore(_now);
        return new KeypadEntry(_entry, lockout, _indicator);
    }

    private void Type(KeypadEntry keypad, string keys, long stepMs = 200)
    {
        foreach (var key in keys)
        {
            _now += stepMs;
            keypad.OnKey(key, _now);
        }
    }

    [Fact]
    public void AccountThenNineDigitsThenEnterLoadsAnOpenPaygoToken()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#");
        Assert.Equal(KeypadStage.Token, keypad.Stage);
        Type(keypad, "588224011");
        Assert.Equal((KeypadStage.Token, 9), _indicator.Entry); // echo shows progress, not digits
        Type(keypad, "#");
        Assert.Equal(KeypadFeedback.Accept, _indicator.Feedback.Single());
        Assert.Equal(86400, _line.RemainingSeconds);
        Assert.Equal(KeypadStage.Idle, keypad.Stage);
        Assert.Equal("token_accepted", _sink.Outcomes.Single().EventName);
        Assert.Equal(TokenSource.Keypad, _sink.Outcomes.Single().Source);
    }

    [Fact]
    public void TwentiethDigitSubmitsAnStsTokenWithoutEnter()
    {
        var keypad = NewKeypad();
        Type(keypad, "12#12855806557697228949");
        Assert.Equal(KeypadFeedback.Accept, _indicator.Feedback.Single());
        var delivered = _delivery.Deliveries.Single();
        Assert.Equal("meter-12", delivered.Meter);
        Assert.Equal(Convert.FromHexString("12855806557697228949"), delivered.Token); // packed BCD profile
    }

    [Fact]
    public void BackspaceCorrectsATypo()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#58822401*1*11#");
        Assert.Equal(KeypadFeedback.Accept, _indicator.Feedback.Single());
    }

    [Fact]
    public void BackspaceOnAnEmptyTokenReturnsToTheAccountCode()
    {
        var keypad = NewKeypad();
        Type(keypad, "4*3#");
        Assert.Equal(KeypadStage.Token, keypad.Stage);
        Type(keypad, "*");
        Assert.Equal(KeypadStage.Account, keypad.Stage);
        Type(keypad, "*");
        Assert.Equal(KeypadStage.Idle, keypad.Stage);
    }

    [Fact]
    public void ThirtySecondsOfSilenceAbandonsTheEntry()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#5882");
        keypad.Tick(_now + KeypadEntry.InactivityTimeoutMs - 1);
        Assert.Equal(KeypadStage.Token, keypad.Stage);
        keypad.Tick(_now + KeypadEntry.InactivityTimeoutMs);
        Assert.Equal(KeypadStage.Idle, keypad.Stage);
        _now += KeypadEntry.InactivityTimeoutMs;
        Type(keypad, "24011#"); // the tail alone is just an unknown account code
        Assert.Equal(KeypadFeedback.Reject, _indicator.Feedback.Single());
        Assert.Equal(0, _line.RemainingSeconds);
    }

    [Fact]
    public void UsedAndOldFeedback()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#588224011#");
        Type(keypad, "3#588224011#");
        Assert.Equal(KeypadFeedback.Used, _indicator.Feedback.Last());
        Type(keypad, "12#12855806557697228949");
        Type(keypad, "12#12855806557697228949");
        Assert.Equal(KeypadFeedback.Used, _indicator.Feedback.Last());
        Assert.Single(_delivery.Deliveries);
    }

    [Fact]
    public void UnreachableMeterShowsBusyAndKeepsTheToken()
    {
        _delivery.Unreachable.Add("meter-12");
        var keypad = NewKeypad();
        Type(keypad, "12#12855806557697228949");
        Assert.Equal(KeypadFeedback.Busy, _indicator.Feedback.Single());
        Assert.Equal(TokenOutcomeKind.Queued, keypad.LastOutcome!.Kind);
        Assert.Empty(_sink.Outcomes);
    }

    [Fact]
    public void InvalidEntriesLockTheKeypadForAGrowingTime()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#123456789#");
        Assert.Equal(KeypadFeedback.Reject, _indicator.Feedback.Last());

        Type(keypad, "3"); // within the first minute
        Assert.Equal(KeypadFeedback.Lockout, _indicator.Feedback.Last());

        _now += Minute;
        Type(keypad, "9#"); // unknown account: second invalid entry -> 2 minutes
        Assert.Equal(KeypadFeedback.Reject, _indicator.Feedback.Last());
        _now += 2 * Minute - 1_000;
        Type(keypad, "3");
        Assert.Equal(KeypadFeedback.Lockout, _indicator.Feedback.Last());
        _now += 1_000;
        Type(keypad, "3#588224011#");
        Assert.Equal(KeypadFeedback.Accept, _indicator.Feedback.Last());
    }

    [Fact]
    public void AMadeUpStsNumberIsRefusedAtTheKeypadAndCountsTowardsTheLockout()
    {
        // 12345678901234567890 is a class 1 number (bits 28..27 = 01) whose CRC does not hold (IEC 62055-41 6.3.7).
        var keypad = NewKeypad();
        Type(keypad, "12#12345678901234567890");
        Assert.Equal(KeypadFeedback.Reject, _indicator.Feedback.Last());
        Assert.Equal("crc", _sink.Outcomes.Single().Reason);
        Assert.Equal("token_rejected", _sink.Outcomes.Single().EventName);
        Assert.Empty(_delivery.Deliveries);

        Type(keypad, "1");
        Assert.Equal(KeypadFeedback.Lockout, _indicator.Feedback.Last());
    }

    [Fact]
    public void LockoutDoublesUpTo512MinutesAndSurvivesAPowerCut()
    {
        var lockout = new KeypadLockout(_store, 0);
        for (var i = 1; i <= 12; i++)
        {
            lockout.RegisterInvalid(_now);
            var expected = Math.Min(1L << (i - 1), 512) * Minute;
            Assert.Equal(expected, lockout.RemainingMs(_now));
        }

        // Power cut: a new instance restores the full remaining wait (never shorter).
        _now += 10 * Minute;
        var restored = new KeypadLockout(_store, 0);
        restored.Restore(_now);
        Assert.Equal(512 * Minute, restored.RemainingMs(_now));
        Assert.Equal(12, restored.ConsecutiveInvalid);

        restored.RegisterAccepted();
        var cleared = new KeypadLockout(_store, 0);
        cleared.Restore(_now);
        Assert.False(cleared.IsLocked(_now));
        Assert.Equal(0, cleared.ConsecutiveInvalid);
    }

    [Fact]
    public void FreeAttemptsDelayTheFirstLockout()
    {
        var lockout = new KeypadLockout(_store, 2);
        lockout.RegisterInvalid(_now);
        lockout.RegisterInvalid(_now);
        Assert.False(lockout.IsLocked(_now));
        lockout.RegisterInvalid(_now);
        Assert.Equal(Minute, lockout.RemainingMs(_now));
    }

    [Fact]
    public void CancelKeyClearsEverything()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#5882A");
        Assert.Equal(KeypadStage.Idle, keypad.Stage);
        Assert.Empty(_indicator.Feedback);
    }

    [Fact]
    public void RemoteTokensTakeTheSamePathWithoutTheKeypadLockout()
    {
        var keypad = NewKeypad();
        Type(keypad, "3#123456789#"); // keypad now locked
        var outcome = _entry.Submit(TokenSource.Remote, "cmd-7", "3", "588 224 011");
        Assert.Equal(TokenOutcomeKind.Accepted, outcome.Kind);
        Assert.Equal("cmd-7", _sink.Outcomes.Last().RequestId);
        Assert.Equal(TokenSource.Remote, _sink.Outcomes.Last().Source);

        var unknown = _entry.Submit(TokenSource.Remote, "cmd-8", "99", "588224011");
        Assert.Equal("unknown_account", unknown.Reason);
        Assert.Equal("token_rejected", _sink.Outcomes.Last().EventName);
    }
}
