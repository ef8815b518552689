using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Ledger;
using OpenAmi.Emulator.OpenPayGo;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Tests.Fakes;
using static OpenAmi.Prepaid.Tests.OpenPayGo.OpenPaygoPublishedTokens;

namespace OpenAmi.Prepaid.Tests.Ledger;

/// <summary>
/// The official OpenPAYGO Token decoder test procedure, scenarios G1–G12 (core) and U1–U3 (unordered entry),
/// as published in EnAccess/OpenPAYGO-python test/full_test_procedure.py (commit 17a66d19b1735dc66f74951822566a2dfaa63e0c),
/// run against the line ledger with the procedure's device (starting code 516959010, key
/// bc41ec9530f6dac86b1a29ab82edc5fb, count 1, time divider 1). Tokens are generated server-side exactly as
/// the procedure does; the expected day counts are the procedure's.
/// </summary>
public class OpenPaygoTestProcedureTests
{
    private readonly MemoryFileStore _store = new();
    private readonly SupplyRecorder _supply = new();
    private readonly OpenPaygoGenerator _server = new(Key(Device1), Device1.StartingCode);
    private readonly OpenPaygoLine _line;
    private int _serverCount = Device1.Count;

    public OpenPaygoTestProcedureTests()
    {
        _line = new OpenPaygoLine(Config(), _store, _supply);
        _line.Restore();
    }

    private static OpenPaygoDeviceSetup Config() => new()
    {
        Line = 1, Key = Key(Device1), StartingCode = Device1.StartingCode, StartingCount = Device1.Count,
    };

    private string Generate(OpenPaygoTokenType type, int value = 0, int? fromCount = null)
    {
        var token = _server.Generate(type, value, fromCount ?? _serverCount, false, false, out var newCount);
        _serverCount = newCount;
        return token;
    }

    private double Days => _line.RemainingSeconds / 86400.0;

    private void Enter(string token, TokenOutcomeKind expected, double? days)
    {
        var outcome = _line.Enter(token);
        Assert.Equal(expected, outcome.Kind);
        if (days is null)
        {
            Assert.False(_line.PaygEnabled); // "infinite"
            Assert.True(_line.SupplyWanted);
        }
        else
        {
            Assert.True(_line.PaygEnabled);
            Assert.Equal(days.Value, Days);
        }
    }

    [Fact]
    public void CoreScenariosG1ToG12()
    {
        // G1: an invalid token is refused.
        var g1 = _line.Enter("123456789");
        Assert.Equal(TokenOutcomeKind.Rejected, g1.Kind);
        Assert.Equal("invalid", g1.Reason);
        Assert.True(g1.CountsAsInvalid);

        var g2 = Generate(OpenPaygoTokenType.SetTime, 1);
        Enter(g2, TokenOutcomeKind.Accepted, 1);                        // G2
        var g3 = Generate(OpenPaygoTokenType.AddTime, 1);
        Enter(g3, TokenOutcomeKind.Accepted, 2);                        // G3
        Enter(g3, TokenOutcomeKind.Rejected, 2);                        // G4A: same Add Time again
        Assert.Equal("used", _line.Enter(g3).Reason);
        Enter(g2, TokenOutcomeKind.Rejected, 2);                        // G4B: older Set Time
        Enter(Generate(OpenPaygoTokenType.SetTime, 30), TokenOutcomeKind.Accepted, 30); // G5
        Enter(Generate(OpenPaygoTokenType.SetTime, 0), TokenOutcomeKind.Accepted, 0);   // G6
        Assert.False(_line.SupplyWanted);

        for (var i = 1; i <= 3; i++)                                    // G7: Add Time 995 three times
        {
            Enter(Generate(OpenPaygoTokenType.AddTime, 995), TokenOutcomeKind.Accepted, 995 * i);
        }

        for (var i = 1; i <= 21; i++)                                   // G8: counts 30 apart
        {
            var token = Generate(OpenPaygoTokenType.SetTime, i, _serverCount + 29);
            Enter(token, TokenOutcomeKind.Accepted, i);
        }

        Enter(Generate(OpenPaygoTokenType.DisablePayg), TokenOutcomeKind.Accepted, null);  // G9
        Enter(Generate(OpenPaygoTokenType.SetTime, 0), TokenOutcomeKind.Accepted, 0);      // G10: relocks
        Enter(Generate(OpenPaygoTokenType.DisablePayg), TokenOutcomeKind.Accepted, null);  // G11A
        Enter(Generate(OpenPaygoTokenType.AddTime, 0), TokenOutcomeKind.Accepted, null);   // G11B: stays unlocked

        Enter(Generate(OpenPaygoTokenType.SetTime, 0), TokenOutcomeKind.Accepted, 0);      // G12A
        _line.Tick(48 * 3600);
        Enter(Generate(OpenPaygoTokenType.AddTime, 1), TokenOutcomeKind.Accepted, 1);      // G12B: no debt carried
    }

    [Fact]
    public void UnorderedEntryScenariosU1ToU3()
    {
        Enter(Generate(OpenPaygoTokenType.SetTime, 60), TokenOutcomeKind.Accepted, 60);    // U1A
        var u1b = Generate(OpenPaygoTokenType.AddTime, 10);
        var u1c = Generate(OpenPaygoTokenType.AddTime, 5);
        var u1d = Generate(OpenPaygoTokenType.AddTime, 1);
        Enter(u1d, TokenOutcomeKind.Accepted, 61);                                          // U1B
        Enter(u1b, TokenOutcomeKind.Accepted, 71);                                          // U1C
        Enter(u1c, TokenOutcomeKind.Accepted, 76);                                          // U1D

        var u2a = Generate(OpenPaygoTokenType.AddTime, 5);
        var u2b = Generate(OpenPaygoTokenType.SetTime, 10);
        var u2c = Generate(OpenPaygoTokenType.AddTime, 3);
        Enter(u2b, TokenOutcomeKind.Accepted, 10);                                          // U2A
        Enter(u2a, TokenOutcomeKind.Rejected, 10);                                          // U2B: older than a Set Time
        Enter(u2c, TokenOutcomeKind.Accepted, 13);                                          // U2C

        var u3a = Generate(OpenPaygoTokenType.AddTime, 1);
        var u3b = Generate(OpenPaygoTokenType.DisablePayg);
        Enter(u3b, TokenOutcomeKind.Accepted, null);                                        // U3A
        Enter(u3a, TokenOutcomeKind.Rejected, null);                                        // U3B: older than Disable PAYG
    }
}
