using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Emulator.Sts;

/// <summary>
/// The emulator's side of <see cref="ITokenDelivery"/>: each meter's class-115 Token gateway, with switches
/// for an unreachable meter and for a meter that first answers "received, not yet processed".
/// </summary>
public sealed class EmulatedTokenGateway : ITokenDelivery
{
    private readonly Dictionary<string, StsMeterModel> _meters = [];
    private readonly HashSet<string> _unreachable = [];
    private readonly Dictionary<string, TokenDeliveryStatus> _deferred = [];

    public bool AnswerPendingFirst { get; set; }

    public List<(string MeterId, byte[] Token)> Deliveries { get; } = [];

    public void Add(StsMeterModel meter) => _meters[meter.MeterId] = meter;

    public void SetReachable(string meterId, bool reachable)
    {
        if (reachable)
        {
            _unreachable.Remove(meterId);
        }
        else
        {
            _unreachable.Add(meterId);
        }
    }

    public TokenDeliveryStatus Deliver(string meterId, byte[] token, int offset, int count)
    {
        if (_unreachable.Contains(meterId) || !_meters.TryGetValue(meterId, out var meter))
        {
            return TokenDeliveryStatus.Unreachable;
        }

        var bytes = token.AsSpan(offset, count).ToArray();
        Deliveries.Add((meterId, bytes));
        var status = meter.Enter(bytes);
        if (!AnswerPendingFirst)
        {
            return status;
        }

        _deferred[meterId] = status;
        return TokenDeliveryStatus.Pending;
    }

    public TokenDeliveryStatus ReadStatus(string meterId)
    {
        if (_unreachable.Contains(meterId))
        {
            return TokenDeliveryStatus.Unreachable;
        }

        return _deferred.Remove(meterId, out var status) ? status : TokenDeliveryStatus.ExecutionFailure;
    }
}
