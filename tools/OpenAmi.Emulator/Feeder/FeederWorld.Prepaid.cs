using OpenAmi.Emulator.Dlms;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// Tokens: typed at the pole's keypad (<see cref="SimulatedKeypad"/>, read by the gateway's own keypad dialogue),
/// or sent by the head-end as a signed "token" command (<see cref="SimulatedHeadEnd"/>). A scenario's
/// <c>vend:5kWh</c> becomes a genuine STS token for the target meter's decoder key at the moment it is used.
/// </summary>
public sealed partial class FeederWorld
{
    /// <summary>The pole's keypad and indicator.</summary>
    public SimulatedKeypad Keypad { get; } = new();

    /// <summary>The vending side of the scenario's "vend:" tokens.</summary>
    public ScenarioTokenVendor Vendor { get; } = new();

    /// <summary>The emulated DLMS meter behind a configured meter id (null for a Modbus meter or an unknown id).</summary>
    public EmulatedMeterState? DlmsMeterState(string meterId) =>
        (_meters.FirstOrDefault(m => m.Config.Id == meterId)?.Device as FeederDlmsMeter)?.State;

    /// <summary>The emulated STS meter behind a configured meter id (null when it is none).</summary>
    public EmulatedMeterState? StsMeter(string meterId) => DlmsMeterState(meterId) is { StsMeter: not null } state ? state : null;

    private void BuildKeypad()
    {
        Ports.Keypad = Keypad;
        Ports.KeypadIndicator = Keypad;
    }

    private void ApplyPrepaid(ScenarioEvent e)
    {
        switch (e.Type)
        {
            case ScenarioEventType.KeypadToken:
                string meter = MeterOfAccount(e.Account!);
                Keypad.Type(e.Account + "#" + TokenFor(meter, e.Token!));
                break;
            case ScenarioEventType.RemoteToken:
                HeadEnd.SendToken(e.Meter!, TokenFor(e.Meter!, e.Token!));
                break;
            default:
                Summary.NotWired(e.TypeName);
                break;
        }
    }

    /// <summary>The scenario's digits as they are, or a token vended now for the meter's decoder key.</summary>
    private string TokenFor(string meterId, string token)
    {
        if (!ScenarioTokenVendor.IsVendRequest(token))
        {
            return token;
        }

        var sts = StsMeter(meterId)
            ?? throw new ScenarioException([new ScenarioError("token", $"'{token}': meter '{meterId}' is not an emulated STS meter, nothing to vend for")]);
        return Vendor.Vend(sts.Profile.StsDecoderKey, token, _clock.UtcNow);
    }

    /// <summary>The meter a keypad account code selects (an unknown code is typed anyway: the gateway refuses it).</summary>
    private string MeterOfAccount(string account) =>
        _config.Meters.FirstOrDefault(m => m.Account == account)?.Id ?? "";
}
