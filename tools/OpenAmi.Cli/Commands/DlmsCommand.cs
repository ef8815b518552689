using System.CommandLine;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Dlms;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami dlms decode|decrypt|read`: the DLMS/COSEM frame decoder and a one-shot meter reader.</summary>
public static class DlmsCommand
{
    public static Command Create()
    {
        var command = new Command("dlms", "DLMS/COSEM tools: decode HDLC frames, APDUs, A-XDR data and IEC 62056-21 messages; decrypt; read a meter.");
        command.Subcommands.Add(Decode());
        command.Subcommands.Add(Decrypt());
        command.Subcommands.Add(Read());
        command.Subcommands.Add(Readout());
        return command;
    }

    private static Command Readout()
    {
        var port = new Option<string>("--port") { Description = "Optical head device (/dev/ttyUSB0) or emulator:optiq-e1", Required = true };
        var address = new Option<string>("--device-address") { Description = "Device address for '/?address!' (default: any meter)" };
        var maxBaud = new Option<int>("--max-baud") { Description = "Highest baud rate to accept from the meter (0 = as offered)" };
        var register = new Option<string[]>("--register") { Description = "Programming mode: read these registers with R1 (e.g. 1.8.0); repeatable", AllowMultipleArgumentsPerToken = true };
        var password = new Option<string>("--password") { Description = "Programming-mode password sent with P1 (with --register)" };
        var command = new Command("readout", "IEC 62056-21 mode C through an optical head: the data readout, or with --register a programming-mode read (BCC checked)");
        command.Options.Add(port);
        command.Options.Add(address);
        command.Options.Add(maxBaud);
        command.Options.Add(register);
        command.Options.Add(password);
        command.SetAction(parse => Guard(() =>
        {
            var registers = parse.GetValue(register) ?? Array.Empty<string>();
            var pw = parse.GetValue(password);
            if ((registers.Length == 0) != (pw == null))
            {
                return CliOutput.Fail("--register and --password go together (programming mode)", CliOutput.UsageError);
            }

            return CliOutput.Json(registers.Length == 0
                ? MeterReader.Readout(parse.GetValue(port)!, parse.GetValue(address), parse.GetValue(maxBaud))
                : MeterReader.ReadProgramming(parse.GetValue(port)!, parse.GetValue(address), parse.GetValue(maxBaud), pw!, registers));
        }));
        return command;
    }

    private static Command Decode()
    {
        var hex = new Argument<string>("hex") { Description = "Bytes in hex (spaces and colons allowed): HDLC frames starting with 7E, or a bare APDU" };
        var data = new Option<bool>("--data") { Description = "The hex is one A-XDR encoded COSEM value" };
        var iec21 = new Option<bool>("--iec21") { Description = "The hex is an IEC 62056-21 message (sign-on, identification, ACK/NAK, command or data message)" };
        var command = new Command("decode", "Decode DLMS bytes into one JSON object");
        command.Arguments.Add(hex);
        command.Options.Add(data);
        command.Options.Add(iec21);
        command.SetAction(parse => Guard(() =>
        {
            var bytes = DlmsDecoder.ParseHex(parse.GetValue(hex)!);
            if (parse.GetValue(data) && parse.GetValue(iec21))
            {
                return CliOutput.Fail("--data and --iec21 exclude each other", CliOutput.UsageError);
            }

            return CliOutput.Json(parse.GetValue(data) ? DlmsDecoder.DecodeData(bytes)
                : parse.GetValue(iec21) ? DlmsDecoder.DecodeIec21(bytes)
                : DlmsDecoder.Decode(bytes));
        }));
        return command;
    }

    private static Command Decrypt()
    {
        var hex = new Argument<string>("hex") { Description = "A ciphered APDU (glo-/ded-/general-glo-ciphering, or AARQ/AARE with a ciphered initiate), bare or in HDLC frames" };
        var ek = new Option<string>("--ek") { Description = "Block cipher key (global or dedicated), 32 hex digits", Required = true };
        var ak = new Option<string>("--ak") { Description = "Authentication key, 32 hex digits" };
        var title = new Option<string>("--system-title") { Description = "Sender's system title, 16 hex digits (when the APDU does not carry it)" };
        var command = new Command("decrypt", "Decipher a security-suite-0 protected APDU; prints the plain APDU and whether its tag verified");
        command.Arguments.Add(hex);
        command.Options.Add(ek);
        command.Options.Add(ak);
        command.Options.Add(title);
        command.SetAction(parse => Guard(() =>
        {
            var titleText = parse.GetValue(title);
            var akText = parse.GetValue(ak);
            return CliOutput.Json(DlmsDecoder.Decrypt(
                DlmsDecoder.ParseHex(parse.GetValue(hex)!),
                DlmsDecoder.ParseHex(parse.GetValue(ek)!),
                akText == null ? Array.Empty<byte>() : DlmsDecoder.ParseHex(akText),
                titleText == null ? null : DlmsDecoder.ParseHex(titleText)));
        }));
        return command;
    }

    private static Command Read()
    {
        var port = new Option<string>("--port") { Description = "Serial device (/dev/ttyUSB0), tcp://host:port (HDLC through a TCP serial server), wrapper://host[:4059] (IEC 62056-47) or emulator:<profile>[+malformed-rlre] (sunbird-s1, kestrel-p3, optiq-e1; +malformed-rlre answers the release as a recorded Gurux meter does)", Required = true };
        var optical = new Option<bool>("--optical") { Description = "IEC 62056-21 mode E sign-on at 300 Bd first (optical head)" };
        var client = new Option<int>("--client") { Description = "Client SAP (16 public, 1 management)", DefaultValueFactory = _ => 16 };
        var server = new Option<string>("--server") { Description = "Server HDLC address upper[:lower[:size]]", DefaultValueFactory = _ => "1:17" };
        var auth = new Option<string>("--auth") { Description = "none, low (password) or high (HLS-GMAC)", DefaultValueFactory = _ => "none" };
        var password = new Option<string>("--password") { Description = "LLS password" };
        var ek = new Option<string>("--ek") { Description = "Global encryption key (hex) for HLS/ciphering" };
        var ak = new Option<string>("--ak") { Description = "Authentication key (hex)" };
        var title = new Option<string>("--system-title") { Description = "Client system title (hex, 8 bytes)" };
        var policy = new Option<int>("--policy") { Description = "Security policy: 0, 16 (auth), 32 (enc), 48 (auth+enc)" };
        var baud = new Option<int>("--baud") { Description = "RS-485 baud rate", DefaultValueFactory = _ => 9600 };
        var classId = new Option<int>("--class") { Description = "Interface class for --obis values without one", DefaultValueFactory = _ => CosemClass.Register };
        var obis = new Option<string[]>("--obis") { Description = "Attribute(s): obis[:attribute] or class/obis/attribute; repeatable", AllowMultipleArgumentsPerToken = true };
        var profile = new Option<string>("--profile") { Description = "A Profile generic (class 7) to read, e.g. 1.0.99.1.0.255 (load profile): the whole buffer, --from/--to or --entries" };
        var from = new Option<string>("--from") { Description = "With --profile: first instant (ISO 8601, e.g. 2026-01-15T08:00:00Z), inclusive" };
        var to = new Option<string>("--to") { Description = "With --profile: last instant, inclusive" };
        var entries = new Option<string>("--entries") { Description = "With --profile: entries FIRST..LAST (1-based, oldest first; LAST 0 or empty = the newest)" };
        var counter = new Option<uint?>("--invocation-counter")
        {
            Description = "Client invocation counter to start from (ciphering/HLS); otherwise the one saved after the last run for this meter",
        };
        var trace = new Option<bool>("--trace") { Description = "Print every frame exchanged on stderr, annotated (HDLC control, addresses, N(S)/N(R), HCS/FCS, APDU kind), and silences and speed changes" };
        var command = new Command("read", "Read attributes from a meter through a USB RS-485 adapter, an optical head or the emulator");
        var format = CliOutput.FormatOption();
        foreach (var o in new Option[] { port, optical, client, server, auth, password, ek, ak, title, policy, baud, classId, obis, profile, from, to, entries, counter, trace, format })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse => Guard(() =>
        {
            var attributes = (parse.GetValue(obis) ?? []).Select(o => MeterReader.ParseAttribute(o, (ushort)parse.GetValue(classId))).ToList();
            var profileRead = parse.GetValue(profile) is { } profileObis
                ? ProfileRead.Parse(profileObis, parse.GetValue(from), parse.GetValue(to), parse.GetValue(entries))
                : null;
            if (profileRead == null && (attributes.Count == 0 || parse.GetValue(from) != null || parse.GetValue(to) != null || parse.GetValue(entries) != null))
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "give --obis (attributes) and/or --profile; --from, --to and --entries go with --profile");
            }

            byte[]? Hex(Option<string> o) => parse.GetValue(o) is { } text ? DlmsDecoder.ParseHex(text) : null;
            var request = new MeterReader.Request(parse.GetValue(port)!, parse.GetValue(optical), parse.GetValue(client),
                MeterReader.ParseServer(parse.GetValue(server)!), parse.GetValue(auth)!, parse.GetValue(password),
                Hex(ek), Hex(ak), Hex(title), (byte)parse.GetValue(policy), parse.GetValue(baud), attributes, parse.GetValue(counter), profileRead, parse.GetValue(trace));
            var document = MeterReader.Run(request);
            if (document["warnings"] is JsonArray warnings)
            {
                foreach (var warning in warnings)
                {
                    Console.Error.WriteLine($"openami: warning: {warning}");
                }
            }

            return CliOutput.Print(document, parse.GetValue(format)!);
        }));
        return command;
    }

    /// <summary>Library errors become one line on stderr; nothing escapes as a stack trace.</summary>
    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (DlmsInvocationCounterException e)
        {
            return CliOutput.Fail($"dlms: {e.Message} (invocation-counter; run again with --invocation-counter {e.Expected})");
        }
        catch (DlmsException e)
        {
            return CliOutput.Fail($"dlms: {e.Message} ({ErrorName(e.Code)})");
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or FormatException)
        {
            return CliOutput.Fail($"dlms: {e.Message}");
        }
    }

    private static string ErrorName(DlmsErrorCode code) => code switch
    {
        DlmsErrorCode.Malformed => "malformed",
        DlmsErrorCode.LimitExceeded => "limit-exceeded",
        DlmsErrorCode.Timeout => "timeout",
        DlmsErrorCode.InvalidArgument => "invalid-argument",
        DlmsErrorCode.AssociationRejected => "association-rejected",
        DlmsErrorCode.AuthenticationFailed => "authentication-failed",
        DlmsErrorCode.DecipheringFailed => "deciphering-failed",
        DlmsErrorCode.Iec21Protocol => "iec21-protocol",
        DlmsErrorCode.LinkRefused => "link-refused",
        DlmsErrorCode.LinkProtocol => "link-protocol",
        _ => code.ToString(),
    };
}
