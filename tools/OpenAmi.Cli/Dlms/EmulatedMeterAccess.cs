using System.Text.Json.Nodes;
using OpenAmi.Dlms.Client;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Cli.Dlms;

/// <summary>
/// What an installer would configure to reach each emulated DLMS meter: its addresses, authentication and (test) keys,
/// and the `dlms read` options that open it. The meter itself checks them; this only says what they are.
/// </summary>
public static class EmulatedMeterAccess
{
    /// <summary>The public client opens meters without authentication, the management client the others.</summary>
    public static int Client(MeterProfile meter) => meter.Authentication == AuthenticationLevel.None ? 16 : 1;

    public static string Server(MeterProfile meter) => $"{meter.ServerUpper}:{meter.ServerLower}:{meter.ServerAddressSize}";

    public static string Auth(MeterProfile meter) => meter.Authentication switch
    {
        AuthenticationLevel.Low => "low",
        AuthenticationLevel.HighGmac => "high",
        _ => "none",
    };

    /// <summary>The `dlms read` / `meter autoprofile` options that open <paramref name="meter"/>.</summary>
    public static string[] Options(MeterProfile meter)
    {
        var options = new List<string> { "--client", Client(meter).ToString(), "--server", Server(meter), "--auth", Auth(meter) };
        if (meter.OpticalOnly)
        {
            options.Add("--optical");
        }

        if (meter.Authentication == AuthenticationLevel.Low)
        {
            options.AddRange(["--password", System.Text.Encoding.ASCII.GetString(meter.Password)]);
        }

        if (meter.Authentication == AuthenticationLevel.HighGmac || meter.SecurityPolicy != 0)
        {
            options.AddRange(["--policy", meter.SecurityPolicy.ToString(), "--ek", Convert.ToHexString(meter.BlockCipherKey), "--ak", Convert.ToHexString(meter.AuthenticationKey)]);
        }

        return options.ToArray();
    }

    public static JsonObject Describe(MeterProfile meter) => new()
    {
        ["name"] = meter.Name,
        ["description"] = meter.Description,
        ["port"] = "emulator:" + meter.Name,
        ["medium"] = meter.OpticalOnly ? "optical" : "rs485",
        ["baud"] = meter.DefaultBaud,
        ["client"] = Client(meter),
        ["server"] = new JsonObject { ["upper"] = meter.ServerUpper, ["lower"] = meter.ServerLower, ["size"] = meter.ServerAddressSize },
        ["authentication"] = Auth(meter),
        ["password"] = meter.Authentication == AuthenticationLevel.Low ? System.Text.Encoding.ASCII.GetString(meter.Password) : null,
        ["securityPolicy"] = meter.SecurityPolicy,
        ["ek"] = meter.Authentication == AuthenticationLevel.HighGmac || meter.SecurityPolicy != 0 ? Convert.ToHexString(meter.BlockCipherKey) : null,
        ["ak"] = meter.Authentication == AuthenticationLevel.HighGmac || meter.SecurityPolicy != 0 ? Convert.ToHexString(meter.AuthenticationKey) : null,
        ["serial"] = meter.Serial,
        ["readOptions"] = string.Join(' ', Options(meter)),
    };
}
