using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Dlms.Security;

namespace OpenAmi.Cli.Dlms;

/// <summary>The decoder's JSON shapes (documented in docs/dlms.md; other tools parse them).</summary>
public static class DlmsJson
{
    public static JsonObject Data(DataValue v)
    {
        JsonNode? value = v.Type switch
        {
            DataType.NullData or DataType.DontCare => null,
            DataType.Boolean => v.AsBoolean(),
            DataType.Long64Unsigned => v.AsUInt64(),
            DataType.Float32 or DataType.Float64 or DataType.FloatingPoint => v.AsDouble(),
            DataType.OctetString => Convert.ToHexString(v.AsBytes()),
            DataType.VisibleString or DataType.Utf8String => v.AsString(),
            DataType.BitString => Bits(v),
            DataType.DateTime => CosemDateTime.Parse(v.AsBytes()).ToString(),
            DataType.Date or DataType.Time => Convert.ToHexString(v.AsBytes()),
            DataType.Array or DataType.Structure or DataType.CompactArray =>
                new JsonArray(Enumerable.Range(0, v.Count).Select(i => (JsonNode)Data(v[i])).ToArray()),
            _ => v.AsInt64(),
        };
        var json = new JsonObject { ["type"] = DataTypes.Name(v.Type), ["value"] = value };
        if (v.Type == DataType.OctetString && v.AsBytes().Length == CosemDateTime.Size && LooksLikeDateTime(v.AsBytes()))
        {
            json["dateTime"] = CosemDateTime.Parse(v.AsBytes()).ToString();
        }

        if (v.Type == DataType.OctetString && v.AsBytes().Length > 0 && v.AsBytes().All(b => b is >= 0x20 and < 0x7F))
        {
            json["text"] = Encoding.ASCII.GetString(v.AsBytes());
        }

        return json;
    }

    private static bool LooksLikeDateTime(byte[] b) =>
        (b[2] is >= 1 and <= 12 or 0xFF or 0xFD or 0xFE) && (b[3] is >= 1 and <= 31 or 0xFF or 0xFD or 0xFE) &&
        (b[5] <= 23 || b[5] == 0xFF) && (b[6] <= 59 || b[6] == 0xFF) && (b[7] <= 59 || b[7] == 0xFF);

    private static string Bits(DataValue v)
    {
        var bytes = v.AsBytes();
        var sb = new StringBuilder(v.BitCount);
        for (int i = 0; i < v.BitCount; i++)
        {
            sb.Append((bytes[i / 8] & (0x80 >> (i % 8))) != 0 ? '1' : '0');
        }

        return sb.ToString();
    }

    public static JsonObject Frame(HdlcFrame f)
    {
        var json = new JsonObject
        {
            ["dst"] = Address(f.DestinationUpper, f.DestinationLower, f.DestinationSize, true),
            ["src"] = Address(f.SourceUpper, f.SourceLower, f.SourceSize, false),
            ["control"] = HdlcControl.Name(f.Type),
            ["pf"] = f.PollFinal,
        };
        // Sequence numbers only exist in I (N(S), N(R)) and RR/RNR (N(R)) frames; null elsewhere.
        json["ns"] = f.Type == HdlcFrameType.I ? f.SendSequence : null;
        json["nr"] = f.Type is HdlcFrameType.I or HdlcFrameType.RR or HdlcFrameType.RNR ? f.ReceiveSequence : null;

        json["segmented"] = f.Segmented;
        json["hcsValid"] = f.HcsValid;
        json["fcsValid"] = f.FcsValid;
        json["info"] = Convert.ToHexString(f.Buffer, f.InfoOffset, f.InfoCount);
        return json;
    }

    /// <summary>
    /// The destination is always {"upper","lower"}; a one-byte source (the client SAP in requests) is a number,
    /// a server source (in responses) is {"upper","lower"} like a destination.
    /// </summary>
    private static JsonNode Address(int upper, int lower, int size, bool alwaysObject) =>
        !alwaysObject && size == 1
            ? JsonValue.Create(upper)
            : new JsonObject { ["upper"] = upper, ["lower"] = size == 1 ? null : lower };

    public static JsonObject Apdu(OpenAmi.Dlms.Apdu.Apdu apdu)
    {
        var json = new JsonObject { ["type"] = apdu.Name };
        if (apdu.Variant != null)
        {
            json["variant"] = apdu.Variant;
        }

        if (apdu is ServiceApdu service)
        {
            json["invokeId"] = service.InvokeId;
            json["priority"] = (service.InvokeIdAndPriority & 0x80) != 0 ? "high" : "normal";
            json["confirmed"] = (service.InvokeIdAndPriority & 0x40) != 0;
        }

        switch (apdu)
        {
            case GetRequest g:
                Put(json, "attributes", g.Attributes, Descriptor);
                if (g.VariantNumber == GetRequest.Next)
                {
                    json["blockNumber"] = g.BlockNumber;
                }

                break;
            case GetResponse g:
                if (g.VariantNumber == GetResponse.Normal)
                {
                    json["result"] = Result(g.Results[0]);
                }
                else if (g.VariantNumber == GetResponse.WithList)
                {
                    json["results"] = new JsonArray(g.Results.Select(r => (JsonNode)Result(r)).ToArray());
                }
                else
                {
                    json["block"] = Block(g.Block);
                }

                break;
            case SetRequest s:
                Put(json, "attributes", s.Attributes, Descriptor);
                Put(json, "values", s.Values, v => Data(v));
                if (s.Block != null)
                {
                    json["block"] = Block(s.Block);
                }

                break;
            case SetResponse s:
                if (s.Results != null)
                {
                    json["results"] = new JsonArray(s.Results.Select(r => (JsonNode)AccessResult.Name(r)).ToArray());
                }

                if (s.VariantNumber != SetResponse.Normal && s.VariantNumber != SetResponse.WithList)
                {
                    json["blockNumber"] = s.BlockNumber;
                }

                break;
            case ActionRequest a:
                Put(json, "methods", a.Methods, d => Descriptor(d, "method"));
                if (a.Parameters != null)
                {
                    json["parameters"] = new JsonArray(a.Parameters.Select(p => p == null ? null : (JsonNode)Data(p)).ToArray());
                }

                if (a.Block != null)
                {
                    json["block"] = Block(a.Block);
                }

                if (a.VariantNumber == ActionRequest.NextPBlock)
                {
                    json["blockNumber"] = a.BlockNumber;
                }

                break;
            case ActionResponse a:
                if (a.Results != null)
                {
                    json["results"] = new JsonArray(a.Results.Select(r =>
                    {
                        var o = new JsonObject { ["result"] = AccessResult.Name(r.Result), ["code"] = r.Result };
                        if (r.ReturnParameters != null)
                        {
                            o["returnData"] = Result(r.ReturnParameters);
                        }

                        return (JsonNode)o;
                    }).ToArray());
                }

                if (a.Block != null)
                {
                    json["block"] = Block(a.Block);
                }

                break;
            case AssociationRequest q:
                json["applicationContext"] = Context(q.ApplicationContext);
                PutHex(json, "callingApTitle", q.CallingApTitle);
                json["mechanism"] = AuthenticationMechanism.Name(q.Mechanism);
                PutAuthentication(json, q.CallingAuthenticationValue);
                PutUserInformation(json, q.UserInformation);
                break;
            case AssociationResponse r:
                json["applicationContext"] = Context(r.ApplicationContext);
                json["result"] = r.Result switch { 0 => "accepted", 1 => "rejected-permanent", 2 => "rejected-transient", _ => "result-" + r.Result };
                json["diagnosticSource"] = r.DiagnosticSource == 2 ? "acse-service-provider" : "acse-service-user";
                json["diagnostic"] = r.Diagnostic;
                PutHex(json, "respondingApTitle", r.RespondingApTitle);
                json["mechanism"] = AuthenticationMechanism.Name(r.Mechanism);
                PutAuthentication(json, r.RespondingAuthenticationValue);
                PutUserInformation(json, r.UserInformation);
                break;
            case ReleaseApdu r:
                json["reason"] = r.Reason < 0 ? null : r.Reason;
                PutUserInformation(json, r.UserInformation);
                break;
            case InitiateRequest i:
                PutHex(json, "dedicatedKey", i.DedicatedKey);
                json["responseAllowed"] = i.ResponseAllowed;
                json["dlmsVersion"] = i.DlmsVersion;
                json["conformance"] = Conformance(i.Conformance);
                json["maxReceivePduSize"] = i.MaxReceivePduSize;
                break;
            case InitiateResponse i:
                json["dlmsVersion"] = i.DlmsVersion;
                json["conformance"] = Conformance(i.Conformance);
                json["maxReceivePduSize"] = i.MaxReceivePduSize;
                json["vaaName"] = i.VaaName;
                break;
            case ExceptionResponse e:
                json["stateError"] = ExceptionResponse.StateErrorName(e.StateError);
                json["serviceError"] = ExceptionResponse.ServiceErrorName(e.ServiceError);
                if (e.ServiceError == ExceptionResponse.InvocationCounterError)
                {
                    json["invocationCounter"] = e.InvocationCounter;
                }

                break;
            case ConfirmedServiceError c:
                json["service"] = c.Service;
                json["error"] = ConfirmedServiceError.ErrorTypeName(c.ErrorType);
                json["value"] = c.Value;
                break;
            case DataNotification n:
                json["longInvokeId"] = n.LongInvokeIdAndPriority & 0x00FFFFFF;
                json["dateTime"] = n.DateTime.Length == CosemDateTime.Size ? CosemDateTime.Parse(n.DateTime).ToString() : null;
                json["body"] = Data(n.Body);
                break;
            case GeneralBlockTransfer g:
                json["lastBlock"] = g.LastBlock;
                json["streaming"] = g.Streaming;
                json["window"] = g.Window;
                json["blockNumber"] = g.BlockNumber;
                json["blockNumberAck"] = g.BlockNumberAck;
                json["blockData"] = Convert.ToHexString(g.BlockData);
                break;
            case CipheredApdu c:
                PutHex(json, "systemTitle", c.SystemTitle);
                json["securityControl"] = new JsonObject
                {
                    ["value"] = c.SecurityControl,
                    ["authenticated"] = SecurityControl.IsAuthenticated(c.SecurityControl),
                    ["encrypted"] = SecurityControl.IsEncrypted(c.SecurityControl),
                    ["broadcastKey"] = (c.SecurityControl & SecurityControl.BroadcastKey) != 0,
                    ["compressed"] = (c.SecurityControl & SecurityControl.Compressed) != 0,
                    ["suite"] = SecurityControl.Suite(c.SecurityControl),
                };
                json["invocationCounter"] = c.InvocationCounter;
                json["payload"] = Convert.ToHexString(c.Payload);
                break;
        }

        return json;
    }

    private static void Put<T>(JsonObject json, string name, T[]? items, Func<T, JsonNode> map)
    {
        if (items != null)
        {
            json[name] = new JsonArray(items.Select(map).ToArray());
        }
    }

    private static void PutHex(JsonObject json, string name, byte[]? bytes)
    {
        if (bytes != null)
        {
            json[name] = Convert.ToHexString(bytes);
        }
    }

    private static void PutAuthentication(JsonObject json, byte[]? value)
    {
        if (value == null)
        {
            return;
        }

        json["authenticationValue"] = Convert.ToHexString(value);
        if (value.All(b => b is >= 0x20 and < 0x7F))
        {
            json["authenticationText"] = Encoding.ASCII.GetString(value);
        }
    }

    private static void PutUserInformation(JsonObject json, byte[]? info)
    {
        if (info == null)
        {
            return;
        }

        try
        {
            json["userInformation"] = Apdu(ApduCodec.Decode(info, 0, info.Length));
        }
        catch (OpenAmi.Dlms.DlmsException e)
        {
            json["userInformation"] = new JsonObject { ["raw"] = Convert.ToHexString(info), ["error"] = e.Message };
        }
    }

    private static string Context(int id) => id switch
    {
        1 => "logical-name",
        2 => "short-name",
        3 => "logical-name-with-ciphering",
        4 => "short-name-with-ciphering",
        _ => "context-" + id,
    };

    private static JsonObject Conformance(uint bits) => new()
    {
        ["value"] = bits.ToString("X6"),
        ["names"] = new JsonArray(ConformanceBits.Names(bits).Select(n => (JsonNode)n).ToArray()),
    };

    private static JsonNode Descriptor(AttributeDescriptor d) => Descriptor(d, "attribute");

    private static JsonNode Descriptor(AttributeDescriptor d, string idName)
    {
        var json = new JsonObject
        {
            ["classId"] = d.ClassId,
            ["instance"] = d.Instance.ToDottedString(),
            [idName] = d.Id,
        };
        if (d.Selector != 0)
        {
            json["selector"] = d.Selector;
            json["selectionParameters"] = d.SelectionParameters == null ? null : Data(d.SelectionParameters);
        }

        return json;
    }

    private static JsonObject Result(DataResult r) => r.Success
        ? Data(r.Value)
        : new JsonObject { ["accessResult"] = AccessResult.Name(r.AccessResult), ["code"] = r.AccessResult };

    private static JsonObject Block(DataBlock b)
    {
        var json = new JsonObject { ["lastBlock"] = b.LastBlock, ["blockNumber"] = b.BlockNumber };
        if (b.RawData != null)
        {
            json["rawData"] = Convert.ToHexString(b.RawData);
        }
        else
        {
            json["accessResult"] = AccessResult.Name(b.AccessResult);
        }

        return json;
    }

    public static JsonObject Identification(Iec21Identification id) => new()
    {
        ["kind"] = "identification",
        ["manufacturer"] = id.Manufacturer,
        ["baudCharacter"] = id.BaudCharacter.ToString(),
        ["baudRate"] = id.BaudRate,
        ["modeE"] = id.ModeE,
        ["fastReaction"] = id.FastReaction,
        ["identification"] = id.Identification,
    };

    public static JsonObject DataMessage(Iec21DataMessage m) => new()
    {
        ["kind"] = "data",
        ["bcc"] = m.Bcc,
        ["bccValid"] = m.BccValid,
        ["dataSets"] = new JsonArray(m.DataSets.Select(d => (JsonNode)new JsonObject
        {
            ["address"] = d.Address,
            ["value"] = d.Value,
            ["unit"] = d.Unit,
        }).ToArray()),
    };
}
