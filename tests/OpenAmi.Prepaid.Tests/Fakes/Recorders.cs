using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Prepaid.Tests.Fakes;

public sealed class SupplyRecorder : ILineSupplyRequest
{
    public List<(int Line, bool Wanted, string Reason)> Requests { get; } = [];

    public void RequestSupply(int line, bool wanted, string reason) => Requests.Add((line, wanted, reason));
}

public sealed class OutcomeRecorder : ITokenOutcomeSink
{
    public List<TokenOutcome> Outcomes { get; } = [];

    public void OnOutcome(TokenOutcome outcome) => Outcomes.Add(outcome);
}

public sealed class IndicatorRecorder : IKeypadIndicator
{
    public List<KeypadFeedback> Feedback { get; } = [];

    public (KeypadStage Stage, int Digits) Entry { get; private set; }

    public void Show(KeypadFeedback feedback) => Feedback.Add(feedback);

    public void ShowEntry(KeypadStage stage, int digitCount) => Entry = (stage, digitCount);
}

/// <summary>A token gateway whose answers the test scripts, recording every delivery.</summary>
public sealed class ScriptedDelivery : ITokenDelivery
{
    public Queue<TokenDeliveryStatus> Answers { get; } = new();

    public HashSet<string> Unreachable { get; } = [];

    public TokenDeliveryStatus StatusAnswer { get; set; } = TokenDeliveryStatus.Accepted;

    public List<(string Meter, byte[] Token)> Deliveries { get; } = [];

    public int StatusReads { get; private set; }

    public TokenDeliveryStatus Deliver(string meterId, byte[] token, int offset, int count)
    {
        if (Unreachable.Contains(meterId))
        {
            return TokenDeliveryStatus.Unreachable;
        }

        Deliveries.Add((meterId, token.AsSpan(offset, count).ToArray()));
        return Answers.Count > 0 ? Answers.Dequeue() : TokenDeliveryStatus.Accepted;
    }

    public TokenDeliveryStatus ReadStatus(string meterId)
    {
        StatusReads++;
        return Unreachable.Contains(meterId) ? TokenDeliveryStatus.Unreachable : StatusAnswer;
    }
}
