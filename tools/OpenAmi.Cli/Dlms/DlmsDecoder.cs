using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Dlms.Security;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Cli.Dlms;

/// <summary>What `openami dlms decode|decrypt` do, as functions from bytes to JSON (errors are DlmsException).</summary>
public static class DlmsDecoder
{
    /// <summary>Hex with optional spaces, colons, dashes or a 0x prefix; anything else is a typed error.</summary>
    public static byte[] ParseHex(string text)
    {
        var clean = new StringBuilder(text.Length);
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            t = t[2..];
        }

        foreach (char c in t)
        {
            if (Uri.IsHexDigit(c))
            {
                clean.Append(c);
            }
            else if (!char.IsWhiteSpace(c) && c != ':' && c != '-')
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, $"'{c}' is not a hex digit");
            }
        }

        if (clean.Length == 0 || clean.Length % 2 != 0)
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, clean.Length == 0 ? "no hex bytes given" : "odd number of hex digits");
        }

        return Convert.FromHexString(clean.ToString());
    }

    /// <summary>HDLC frames (input starting with 7E) or a bare APDU.</summary>
    public static JsonObject Decode(byte[] bytes)
    {
        if (bytes[0] != HdlcCodec.Flag)
        {
            return new JsonObject { ["apdu"] = DlmsJson.Apdu(ApduCodec.Decode(bytes, 0, bytes.Length)) };
        }

        var frames = new JsonArray();
        var apdus = ReassembleFrames(bytes, frames);
        var result = new JsonObject { ["hdlc"] = frames };
        if (apdus.Count > 0)
        {
            result["apdu"] = Describe(apdus[0]);
            if (apdus.Count > 1)
            {
                result["apdus"] = new JsonArray(apdus.Select(a => (JsonNode)Describe(a)).ToArray());
            }
        }

        return result;
    }

    private static JsonNode Describe(byte[] apdu)
    {
        try
        {
            return DlmsJson.Apdu(ApduCodec.Decode(apdu, 0, apdu.Length));
        }
        catch (DlmsException e)
        {
            return new JsonObject { ["raw"] = Convert.ToHexString(apdu), ["error"] = e.Message };
        }
    }

    /// <summary>Lists every frame and joins I-frame segments into APDUs (LLC header removed).</summary>
    public static List<byte[]> ReassembleFrames(byte[] bytes, JsonArray? frames)
    {
        var frame = new HdlcFrame();
        var apdus = new List<byte[]>();
        var pending = new MemoryStream();
        int at = 0;
        int skipped = 0;
        while (at < bytes.Length)
        {
            var result = HdlcCodec.Scan(bytes, at, bytes.Length - at, frame, out int consumed);
            if (result == HdlcScanResult.NeedMore)
            {
                if (bytes.Length - at == 1)
                {
                    break; // the closing flag of the last frame
                }

                throw new DlmsException(DlmsErrorCode.Malformed, $"truncated HDLC frame at byte {at}");
            }

            if (result == HdlcScanResult.Garbage)
            {
                if (!(consumed == 1 && bytes[at] == HdlcCodec.Flag))
                {
                    skipped += consumed;
                }

                at += consumed;
                continue;
            }

            frames?.Add(DlmsJson.Frame(frame));
            at += consumed;
            if (frame.Type is HdlcFrameType.I or HdlcFrameType.UI && frame.Valid)
            {
                pending.Write(frame.Buffer, frame.InfoOffset, frame.InfoCount);
                if (!frame.Segmented)
                {
                    var apdu = pending.ToArray();
                    pending.SetLength(0);
                    if (apdu.Length >= 3 && apdu[0] == 0xE6 && (apdu[1] == 0xE6 || apdu[1] == 0xE7) && apdu[2] == 0x00)
                    {
                        apdu = apdu[3..];
                    }

                    if (apdu.Length > 0)
                    {
                        apdus.Add(apdu);
                    }
                }
            }
        }

        if (frames != null && frames.Count == 0)
        {
            throw new DlmsException(DlmsErrorCode.Malformed, $"no HDLC frame found ({skipped} byte(s) of garbage)");
        }

        return apdus;
    }

    /// <summary>One tagged A-XDR value.</summary>
    public static JsonObject DecodeData(byte[] bytes)
    {
        var reader = new AxdrReader(bytes);
        var value = reader.ReadData();
        if (reader.Remaining != 0)
        {
            throw new DlmsException(DlmsErrorCode.Malformed, $"{reader.Remaining} trailing byte(s) after the value");
        }

        return DlmsJson.Data(value);
    }

    /// <summary>An IEC 62056-21 message: sign-on request, identification, acknowledgement or data message.</summary>
    public static JsonObject DecodeIec21(byte[] bytes)
    {
        JsonObject message;
        if (bytes.Length >= 5 && bytes[0] == '/' && bytes[1] == '?')
        {
            int end = Array.IndexOf(bytes, (byte)'!');
            if (end < 0 || end + 3 != bytes.Length || bytes[^2] != 0x0D || bytes[^1] != 0x0A)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "sign-on request must be '/?[address]!' CR LF");
            }

            message = new JsonObject { ["kind"] = "request", ["deviceAddress"] = Encoding.ASCII.GetString(bytes, 2, end - 2) };
        }
        else if (bytes[0] == '/')
        {
            message = DlmsJson.Identification(Iec21Identification.Parse(bytes, 0, bytes.Length));
        }
        else if (bytes.Length == 1 && (bytes[0] == Iec21.Ack || bytes[0] == Iec21.Nak))
        {
            message = new JsonObject { ["kind"] = bytes[0] == Iec21.Ack ? "ack" : "nak" };
        }
        else if (bytes[0] == Iec21.Soh)
        {
            var command = Iec21CommandMessage.Parse(bytes, 0, bytes.Length);
            message = new JsonObject
            {
                ["kind"] = "command",
                ["command"] = command.Command.ToString() + command.Type,
                ["meaning"] = Iec21CommandMessage.Meaning(command.Command, command.Type),
                ["data"] = command.Data,
                ["bcc"] = command.Bcc,
                ["bccValid"] = command.BccValid,
            };
        }
        else if (bytes[0] == Iec21.Ack)
        {
            if (bytes.Length != 6 || bytes[4] != 0x0D || bytes[5] != 0x0A)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "acknowledgement must be ACK V Z Y CR LF");
            }

            message = new JsonObject
            {
                ["kind"] = "acknowledgement",
                ["protocol"] = ((char)bytes[1]).ToString(),
                ["baudCharacter"] = ((char)bytes[2]).ToString(),
                ["baudRate"] = Iec21.BaudRateOf((char)bytes[2]),
                ["mode"] = (char)bytes[3] switch { '0' => "readout", '1' => "programming", '2' => "binary-hdlc", var c => c.ToString() },
            };
        }
        else if (bytes[0] == Iec21.Stx)
        {
            // A readout ends its data block with "!" CR LF; a programming-mode answer does not.
            bool readout = bytes.Length >= 5 && bytes[^5] == '!' && bytes[^4] == 0x0D && bytes[^3] == 0x0A;
            message = DlmsJson.DataMessage(readout ? Iec21DataMessage.Parse(bytes, 0, bytes.Length) : Iec21DataMessage.ParseAnswer(bytes, 0, bytes.Length));
        }
        else
        {
            throw new DlmsException(DlmsErrorCode.Iec21Protocol, "not an IEC 62056-21 message (expected '/', ACK, NAK, SOH or STX first)");
        }

        return new JsonObject { ["iec21"] = message };
    }

    /// <summary>
    /// Deciphers a protected APDU (or one carried in HDLC frames, or an AARQ/AARE/RLRQ with a ciphered
    /// initiate in its user-information). The sender's system title comes from the APDU when it carries one.
    /// </summary>
    public static JsonObject Decrypt(byte[] bytes, byte[] ek, byte[] ak, byte[]? systemTitle)
    {
        if (ek.Length != 16 || (ak.Length != 16 && ak.Length != 0))
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, "--ek and --ak must be 16 bytes (32 hex digits)");
        }

        if (systemTitle != null && systemTitle.Length != 8)
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, "--system-title must be 8 bytes (16 hex digits)");
        }

        if (bytes[0] == HdlcCodec.Flag)
        {
            var apdus = ReassembleFrames(bytes, null);
            if (apdus.Count == 0)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "the frames carry no complete APDU");
            }

            bytes = apdus[0];
        }

        var apdu = ApduCodec.Decode(bytes, 0, bytes.Length);
        using var aes = new HostAesBlockCipher();
        var cipher = new DlmsCipher(aes, bytes.Length + 64);
        switch (apdu)
        {
            case CipheredApdu ciphered:
            {
                var (plain, valid) = Unprotect(cipher, ciphered, systemTitle, ek, ak);
                return new JsonObject { ["apdu"] = plain, ["tagValid"] = valid };
            }

            case AssociationRequest or AssociationResponse or ReleaseApdu:
            {
                var (info, title) = apdu switch
                {
                    AssociationRequest q => (q.UserInformation, q.CallingApTitle),
                    AssociationResponse r => (r.UserInformation, r.RespondingApTitle),
                    ReleaseApdu r => (r.UserInformation, null),
                    _ => (null, null),
                };
                var json = DlmsJson.Apdu(apdu);
                if (info == null || ApduCodec.Decode(info, 0, info.Length) is not CipheredApdu inner)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument, $"the {apdu.Name} carries nothing ciphered");
                }

                var (plain, valid) = Unprotect(cipher, inner, title ?? systemTitle, ek, ak);
                json["userInformation"] = plain;
                return new JsonObject { ["apdu"] = json, ["tagValid"] = valid };
            }

            default:
                throw new DlmsException(DlmsErrorCode.InvalidArgument, $"{apdu.Name} is not a ciphered APDU");
        }
    }

    private static (JsonNode Plain, bool Valid) Unprotect(DlmsCipher cipher, CipheredApdu apdu, byte[]? title, byte[] ek, byte[] ak)
    {
        if (apdu.SystemTitle == null && title == null)
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, "--system-title (the sender's) is needed for this APDU");
        }

        var output = new byte[apdu.Payload.Length];
        int n = cipher.Unprotect(apdu, title, ek, ak.Length == 0 ? null : ak, output, 0, out bool valid);
        // With a wrong key the "plaintext" is noise: show it raw rather than fail, tagValid says why.
        return (Describe(output[..n]), valid);
    }
}
