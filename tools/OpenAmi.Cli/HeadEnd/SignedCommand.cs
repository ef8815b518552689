using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Storage;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.Cli.HeadEnd;

/// <summary>
/// A command as a head-end sends it (docs/northbound.md, "Commands"), signed by the gateway's own portable signer
/// so the CLI can never disagree with the verifier on the device.
/// </summary>
/// <param name="command">The command with its "signature" member: the payload to publish.</param>
/// <param name="signedText">The exact text the MAC covers: "OPENAMI-CMD-1\n" + topic + "\n" + JCS(command without signature).</param>
public sealed class SignedCommand(string topic, JsonObject command, string signedText)
{
    public string Topic { get; } = topic;

    public JsonObject Command { get; } = command;

    public string SignedText { get; } = signedText;

    public string Id => Command["id"]!.GetValue<string>();

    public byte[] Payload => Encoding.UTF8.GetBytes(Command.ToJsonString());

    /// <exception cref="ArgumentException">A malformed id, params, time or validity window (the gateway would answer "malformed").</exception>
    public static SignedCommand Build(byte[] key, string topic, string id, string type, JsonObject parameters, DateTime issued, DateTime expiry)
    {
        if (expiry <= issued || expiry - issued > CommandProcessor.MaxValidity)
        {
            throw new ArgumentException("expiry must be after issued and at most 24 h later");
        }

        var command = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["params"] = parameters,
            ["issued"] = IsoTime.Format(issued),
            ["expiry"] = IsoTime.Format(expiry),
        };
        var portable = OpenAmi.Json.JsonParser.Parse(command.ToJsonString());
        string signedText = Encoding.UTF8.GetString(CommandSignature.SignedBytes(topic, portable));
        command["signature"] = CommandSignature.Sign(new HostCommandKey(key), topic, portable);
        return new SignedCommand(topic, command, signedText);
    }

    public JsonObject ToJson() => new()
    {
        ["topic"] = Topic,
        ["signedText"] = SignedText,
        ["command"] = Command.DeepClone(),
    };
}
