using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Security;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// The application layer of an emulated meter: one association at a time (AARQ with none / LLS / HLS-GMAC,
/// optional glo-/ded-/general-glo-ciphering), GET (normal, with-list, block transfer), SET (normal, with-list,
/// datablocks), ACTION, RLRQ, exception-response for anything out of place. Uses the library's own codecs,
/// so the tests that pair it with <see cref="DlmsClient"/> are backed by the published-vector tests of those codecs.
/// </summary>
public sealed class DlmsServer
{
    private readonly EmulatedMeterState _meter;
    private readonly DlmsCipher _cipher = new(new HostAesBlockCipher(), 4096);
    private readonly HostRandomSource _random = new();
    private State _state = State.Idle;
    private uint _conformance;
    private int _clientMaxPdu;
    private byte[]? _clientSystemTitle;
    private byte[]? _dedicatedKey;
    private byte[]? _clientChallenge;
    private byte[]? _serverChallenge;
    private uint _invocationCounter = 0x1000;
    private long _clientInvocationCounter = -1;
    private byte _replyForm;
    private byte[]? _pendingBlocks;
    private uint _pendingBlockNumber;
    private byte _pendingInvoke;
    private readonly MemoryStream _incomingBlocks = new();
    private AttributeDescriptor? _blockTarget;
    private int _incomingBlocksCount;

    private enum State { Idle, AwaitingHls, Associated }

    public DlmsServer(EmulatedMeterState meter)
    {
        _meter = meter;
    }

    public MeterProfile Profile => _meter.Profile;
    public bool Associated => _state == State.Associated;
    /// <summary>Number of requests rejected as replays or with a bad tag.</summary>
    public int SecurityRejections { get; private set; }

    public void Reset()
    {
        _state = State.Idle;
        _pendingBlocks = null;
        _incomingBlocks.SetLength(0);
        if (!Profile.KeepsInvocationCounter)
        {
            _clientInvocationCounter = -1;
        }

        _dedicatedKey = null;
    }

    /// <summary>Answers one request APDU; returns null when no answer is due.</summary>
    public byte[]? Handle(byte[] request)
    {
        OpenAmi.Dlms.Apdu.Apdu apdu;
        try
        {
            apdu = ApduCodec.Decode(request, 0, request.Length);
        }
        catch (DlmsException)
        {
            return Encode(new ExceptionResponse { StateError = ExceptionResponse.ServiceUnknown, ServiceError = ExceptionResponse.OtherReason });
        }

        switch (apdu)
        {
            case AssociationRequest aarq:
                return Encode(Associate(aarq));
            case ReleaseApdu { Tag: ApduTag.Rlrq }:
                Reset();
                return Profile.ReleaseResponse ?? Encode(new ReleaseApdu(false) { Reason = 0 });
            case CipheredApdu ciphered:
                return HandleCiphered(ciphered);
            default:
                if (Profile.SecurityPolicy != 0 && _state != State.Idle)
                {
                    // A meter with a security policy refuses plain xDLMS services.
                    return Encode(new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.OperationNotPossible });
                }

                var reply = Service(apdu);
                return reply == null ? null : Encode(reply);
        }
    }

    private byte[]? HandleCiphered(CipheredApdu ciphered)
    {
        if (_state == State.Idle || Profile.SecurityPolicy == 0)
        {
            return Encode(new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.OperationNotPossible });
        }

        bool dedicated = ciphered.Tag == ApduTag.GeneralDedCiphering || (ciphered.Tag >= ApduTag.DedGetRequest && ciphered.Tag <= ApduTag.DedActionResponse);
        var key = dedicated ? _dedicatedKey : Profile.BlockCipherKey;
        if (key == null || ciphered.InvocationCounter <= _clientInvocationCounter)
        {
            SecurityRejections++;
            return Encode(new ExceptionResponse
            {
                StateError = ExceptionResponse.ServiceNotAllowed,
                ServiceError = ExceptionResponse.InvocationCounterError,
                InvocationCounter = (uint)(_clientInvocationCounter + 1),
            });
        }

        var plain = new byte[ciphered.Payload.Length];
        int n;
        bool valid;
        try
        {
            n = _cipher.Unprotect(ciphered, _clientSystemTitle, key, Profile.AuthenticationKey, plain, 0, out valid);
        }
        catch (DlmsException)
        {
            valid = false;
            n = 0;
        }

        int required = Profile.SecurityPolicy & 0x30;
        if (!valid || (ciphered.SecurityControl & required) != required)
        {
            SecurityRejections++;
            return Encode(new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.DecipheringError });
        }

        _clientInvocationCounter = ciphered.InvocationCounter;
        _replyForm = ciphered.Tag;
        OpenAmi.Dlms.Apdu.Apdu inner;
        try
        {
            inner = ApduCodec.Decode(plain, 0, n);
        }
        catch (DlmsException)
        {
            return Encode(new ExceptionResponse { StateError = ExceptionResponse.ServiceUnknown, ServiceError = ExceptionResponse.OtherReason });
        }

        var reply = Service(inner);
        return reply == null ? null : Protect(reply, key);
    }

    private byte[] Protect(OpenAmi.Dlms.Apdu.Apdu reply, byte[] key)
    {
        var plain = ApduCodec.ToBytes(reply, 4096);
        byte tag = _replyForm switch
        {
            ApduTag.GeneralGloCiphering => ApduTag.GeneralGloCiphering,
            ApduTag.GeneralDedCiphering => ApduTag.GeneralDedCiphering,
            >= ApduTag.DedGetRequest and <= ApduTag.DedActionResponse => ApduTag.DedicatedFor(reply.Tag),
            _ => ApduTag.GlobalFor(reply.Tag),
        };
        if (tag == 0)
        {
            return plain; // exception-response travels in clear
        }

        var output = new byte[plain.Length + 64];
        byte protection = Profile.AnswerSecurityPolicy != 0 ? Profile.AnswerSecurityPolicy : Profile.SecurityPolicy;
        int n = _cipher.Protect(tag, protection, _invocationCounter++, Profile.SystemTitle, key, Profile.AuthenticationKey,
            plain, 0, plain.Length, output, 0, output.Length);
        return output[..n];
    }

    private AssociationResponse Associate(AssociationRequest aarq)
    {
        Reset();
        var aare = new AssociationResponse { ApplicationContext = aarq.ApplicationContext };
        bool wantsCipher = Profile.SecurityPolicy != 0;
        if (aarq.Ciphered != wantsCipher || (aarq.ApplicationContext != 1 && aarq.ApplicationContext != 3))
        {
            return Reject(aare, AssociationResponse.ApplicationContextNotSupported);
        }

        int mechanism = Profile.Authentication switch
        {
            AuthenticationLevel.Low => AuthenticationMechanism.Low,
            AuthenticationLevel.HighGmac => AuthenticationMechanism.HighGmac,
            _ => AuthenticationMechanism.None,
        };
        if (aarq.Mechanism != mechanism)
        {
            return Reject(aare, aarq.Mechanism == AuthenticationMechanism.None
                ? AssociationResponse.AuthenticationMechanismRequired
                : AssociationResponse.AuthenticationMechanismNotRecognised);
        }

        if (mechanism == AuthenticationMechanism.Low &&
            (aarq.CallingAuthenticationValue == null || !aarq.CallingAuthenticationValue.AsSpan().SequenceEqual(Profile.Password)))
        {
            return Reject(aare, AssociationResponse.AuthenticationFailure);
        }

        _clientSystemTitle = aarq.CallingApTitle;
        InitiateRequest initiate;
        try
        {
            var info = ApduCodec.Decode(aarq.UserInformation ?? Array.Empty<byte>(), 0, aarq.UserInformation?.Length ?? 0);
            if (info is CipheredApdu glo)
            {
                var plain = new byte[glo.Payload.Length];
                int n = _cipher.Unprotect(glo, _clientSystemTitle, Profile.BlockCipherKey, Profile.AuthenticationKey, plain, 0, out bool valid);
                if (!valid || glo.InvocationCounter <= _clientInvocationCounter)
                {
                    // A counter already seen (only possible when the meter keeps counters across associations).
                    return Reject(aare, AssociationResponse.NoReasonGiven);
                }

                _clientInvocationCounter = glo.InvocationCounter;
                info = ApduCodec.Decode(plain, 0, n);
            }

            initiate = info as InitiateRequest ?? throw new DlmsException(DlmsErrorCode.Malformed, "no InitiateRequest");
        }
        catch (DlmsException)
        {
            return Reject(aare, AssociationResponse.NoReasonGiven);
        }

        if (initiate.DlmsVersion < 6)
        {
            aare.Result = AssociationResponse.RejectedPermanent;
            aare.Diagnostic = AssociationResponse.NoReasonGiven;
            aare.UserInformation = ApduCodec.ToBytes(new ConfirmedServiceError
            {
                Service = ConfirmedServiceError.InitiateError,
                ErrorType = ConfirmedServiceError.ErrorInitiate,
                Value = 1,
            }, 16);
            return aare;
        }

        _dedicatedKey = initiate.DedicatedKey;
        _conformance = initiate.Conformance & Profile.Conformance;
        _clientMaxPdu = initiate.MaxReceivePduSize == 0 ? 0xFFFF : initiate.MaxReceivePduSize;
        var response = new InitiateResponse { Conformance = _conformance, MaxReceivePduSize = Profile.MaxPduSize };
        var responseBytes = ApduCodec.ToBytes(response, 64);
        if (wantsCipher)
        {
            var output = new byte[128];
            int n = _cipher.Protect(ApduTag.GloInitiateResponse, 0x30, _invocationCounter++, Profile.SystemTitle,
                Profile.BlockCipherKey, Profile.AuthenticationKey, responseBytes, 0, responseBytes.Length, output, 0, output.Length);
            responseBytes = output[..n];
        }

        aare.UserInformation = responseBytes;
        if (wantsCipher || mechanism == AuthenticationMechanism.HighGmac)
        {
            aare.RespondingApTitle = Profile.SystemTitle;
        }

        if (mechanism == AuthenticationMechanism.HighGmac)
        {
            _clientChallenge = aarq.CallingAuthenticationValue;
            _serverChallenge = new byte[16];
            _random.NextBytes(_serverChallenge, 0, 16);
            aare.Mechanism = mechanism;
            aare.RespondingAuthenticationValue = _serverChallenge;
            aare.Diagnostic = AssociationResponse.AuthenticationRequired;
            _state = State.AwaitingHls;
        }
        else
        {
            aare.Mechanism = mechanism == AuthenticationMechanism.None ? AuthenticationMechanism.None : mechanism;
            _state = State.Associated;
        }

        return aare;
    }

    private static AssociationResponse Reject(AssociationResponse aare, int diagnostic)
    {
        aare.Result = AssociationResponse.RejectedPermanent;
        aare.Diagnostic = diagnostic;
        aare.UserInformation = ApduCodec.ToBytes(new InitiateResponse { Conformance = 0, MaxReceivePduSize = 0 }, 64);
        return aare;
    }

    private OpenAmi.Dlms.Apdu.Apdu? Service(OpenAmi.Dlms.Apdu.Apdu apdu)
    {
        if (_state == State.Idle)
        {
            return new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.OperationNotPossible };
        }

        if (_state == State.AwaitingHls && !(apdu is ActionRequest a && IsHlsReply(a)))
        {
            return new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.OperationNotPossible };
        }

        return apdu switch
        {
            GetRequest get => Get(get),
            SetRequest set => Set(set),
            ActionRequest action => Action(action),
            _ => new ExceptionResponse { StateError = ExceptionResponse.ServiceUnknown, ServiceError = ExceptionResponse.ServiceNotSupported },
        };
    }

    private static bool IsHlsReply(ActionRequest a) =>
        a.VariantNumber == ActionRequest.Normal && a.Methods[0].ClassId == CosemClass.AssociationLn &&
        a.Methods[0].Instance == CosemClass.CurrentAssociation && a.Methods[0].Id == CosemClass.ReplyToHlsAuthentication;

    private int BlockSize => Math.Min(_clientMaxPdu, Profile.MaxPduSize) - 16;

    private OpenAmi.Dlms.Apdu.Apdu Get(GetRequest request)
    {
        switch (request.VariantNumber)
        {
            case GetRequest.Normal:
            {
                var result = Read(request.Attributes[0]);
                var response = new GetResponse { InvokeIdAndPriority = request.InvokeIdAndPriority, Results = new[] { result } };
                return FitOrBlock(response, request.InvokeIdAndPriority, w => w.WriteData(result.Value));
            }

            case GetRequest.WithList:
            {
                if ((_conformance & ConformanceBits.MultipleReferences) == 0)
                {
                    return new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.ServiceNotSupported };
                }

                var results = request.Attributes.Select(Read).ToArray();
                var response = new GetResponse { VariantNumber = GetResponse.WithList, InvokeIdAndPriority = request.InvokeIdAndPriority, Results = results };
                return FitOrBlock(response, request.InvokeIdAndPriority, w =>
                {
                    w.WriteLength(results.Length);
                    foreach (var r in results)
                    {
                        if (r.Success)
                        {
                            w.WriteByte(0);
                            w.WriteData(r.Value);
                        }
                        else
                        {
                            w.WriteByte(1);
                            w.WriteByte(r.AccessResult);
                        }
                    }
                });
            }

            default:
                return NextBlock(request);
        }
    }

    /// <summary>Sends the response whole when it fits the client's PDU, else starts GET block transfer.</summary>
    private OpenAmi.Dlms.Apdu.Apdu FitOrBlock(GetResponse response, byte invoke, Action<AxdrWriter> writeRaw)
    {
        if (response.VariantNumber == GetResponse.Normal && !response.Results[0].Success)
        {
            return response;
        }

        var whole = ApduCodec.ToBytes(response, 1 << 20);
        if (whole.Length <= Math.Min(_clientMaxPdu, Profile.MaxPduSize))
        {
            return response;
        }

        if ((_conformance & ConformanceBits.BlockTransferWithGet) == 0)
        {
            return new ExceptionResponse { StateError = ExceptionResponse.ServiceNotAllowed, ServiceError = ExceptionResponse.PduTooLong };
        }

        var raw = new byte[1 << 20];
        var w = new AxdrWriter(raw);
        writeRaw(w);
        _pendingBlocks = raw[..w.Position];
        _pendingBlockNumber = 0;
        _pendingInvoke = invoke;
        return NextBlock(new GetRequest { VariantNumber = GetRequest.Next, InvokeIdAndPriority = invoke, BlockNumber = 0 });
    }

    private OpenAmi.Dlms.Apdu.Apdu NextBlock(GetRequest next)
    {
        if (_pendingBlocks == null || next.BlockNumber != _pendingBlockNumber)
        {
            return new GetResponse
            {
                VariantNumber = GetResponse.WithDataBlock,
                InvokeIdAndPriority = next.InvokeIdAndPriority,
                Block = new DataBlock { LastBlock = true, BlockNumber = next.BlockNumber, AccessResult = AccessResult.NoLongGetInProgress },
            };
        }

        int offset = (int)_pendingBlockNumber * BlockSize;
        int n = Math.Min(BlockSize, _pendingBlocks.Length - offset);
        bool last = offset + n == _pendingBlocks.Length;
        _pendingBlockNumber++;
        var block = new DataBlock { LastBlock = last, BlockNumber = _pendingBlockNumber, RawData = _pendingBlocks[offset..(offset + n)] };
        if (last)
        {
            _pendingBlocks = null;
        }

        return new GetResponse { VariantNumber = GetResponse.WithDataBlock, InvokeIdAndPriority = _pendingInvoke, Block = block };
    }

    private DataResult Read(AttributeDescriptor d)
    {
        var o = _meter.Model.Find(d.ClassId, d.Instance);
        if (o == null)
        {
            return new DataResult(AccessResult.ObjectUndefined);
        }

        return o.Get(d.Id, d.Selector, d.SelectionParameters);
    }

    private int Write(AttributeDescriptor d, DataValue value)
    {
        var o = _meter.Model.Find(d.ClassId, d.Instance);
        return o == null ? AccessResult.ObjectUndefined : o.Set(d.Id, value);
    }

    private OpenAmi.Dlms.Apdu.Apdu Set(SetRequest request)
    {
        var invoke = request.InvokeIdAndPriority;
        switch (request.VariantNumber)
        {
            case SetRequest.Normal:
                return new SetResponse { InvokeIdAndPriority = invoke, Results = new[] { Write(request.Attributes[0], request.Values[0]) } };
            case SetRequest.WithList:
                return new SetResponse
                {
                    VariantNumber = SetResponse.WithList,
                    InvokeIdAndPriority = invoke,
                    Results = request.Attributes.Zip(request.Values, Write).ToArray(),
                };
            case SetRequest.WithFirstDataBlock:
            case SetRequest.WithDataBlock:
            {
                if (request.VariantNumber == SetRequest.WithFirstDataBlock)
                {
                    _incomingBlocks.SetLength(0);
                    _blockTarget = request.Attributes[0];
                }

                if (_blockTarget == null || request.Block.BlockNumber != (uint)(_incomingBlocksCount + 1))
                {
                    return new SetResponse { VariantNumber = SetResponse.LastDataBlock, InvokeIdAndPriority = invoke, Results = new[] { AccessResult.DataBlockNumberInvalid }, BlockNumber = request.Block.BlockNumber };
                }

                _incomingBlocks.Write(request.Block.RawData);
                _incomingBlocksCount++;
                if (!request.Block.LastBlock)
                {
                    return new SetResponse { VariantNumber = SetResponse.DataBlock, InvokeIdAndPriority = invoke, BlockNumber = request.Block.BlockNumber };
                }

                int result;
                try
                {
                    var bytes = _incomingBlocks.ToArray();
                    result = Write(_blockTarget, new AxdrReader(bytes).ReadData());
                }
                catch (DlmsException)
                {
                    result = AccessResult.TypeUnmatched;
                }

                _blockTarget = null;
                _incomingBlocksCount = 0;
                return new SetResponse { VariantNumber = SetResponse.LastDataBlock, InvokeIdAndPriority = invoke, Results = new[] { result }, BlockNumber = request.Block.BlockNumber };
            }

            default:
                return new ExceptionResponse { StateError = ExceptionResponse.ServiceUnknown, ServiceError = ExceptionResponse.ServiceNotSupported };
        }
    }

    private OpenAmi.Dlms.Apdu.Apdu Action(ActionRequest request)
    {
        if (request.VariantNumber != ActionRequest.Normal)
        {
            return new ExceptionResponse { StateError = ExceptionResponse.ServiceUnknown, ServiceError = ExceptionResponse.ServiceNotSupported };
        }

        var method = request.Methods[0];
        if (IsHlsReply(request))
        {
            return HlsReply(request);
        }

        var o = _meter.Model.Find(method.ClassId, method.Instance);
        var outcome = o == null ? new MethodOutcome(AccessResult.ObjectUndefined, null) : o.Invoke(method.Id, request.Parameters[0]);
        return new ActionResponse
        {
            InvokeIdAndPriority = request.InvokeIdAndPriority,
            Results = new[] { new ActionResult(outcome.Result, outcome.ReturnData == null ? null : new DataResult(outcome.ReturnData)) },
        };
    }

    /// <summary>HLS pass 3 check (f(StoC) from the client) and pass 4 answer (f(CtoS)).</summary>
    private ActionResponse HlsReply(ActionRequest request)
    {
        var parameter = request.Parameters[0];
        bool ok = _state == State.AwaitingHls && parameter is { Type: DataType.OctetString } && _clientSystemTitle is { Length: 8 } &&
                  _cipher.VerifyHlsGmac(_clientSystemTitle, Profile.BlockCipherKey, Profile.AuthenticationKey, _serverChallenge!, parameter.AsBytes());
        if (!ok)
        {
            _state = State.Idle;
            SecurityRejections++;
            return new ActionResponse
            {
                InvokeIdAndPriority = request.InvokeIdAndPriority,
                Results = new[] { new ActionResult(AccessResult.OtherReason, null) },
            };
        }

        var f = new byte[17];
        _cipher.HlsGmac(Profile.SystemTitle, _invocationCounter++, Profile.BlockCipherKey, Profile.AuthenticationKey, _clientChallenge!, f, 0);
        _state = State.Associated;
        return new ActionResponse
        {
            InvokeIdAndPriority = request.InvokeIdAndPriority,
            Results = new[] { new ActionResult(AccessResult.Success, new DataResult(DataValue.FromBytes(DataType.OctetString, f))) },
        };
    }

    private static byte[] Encode(OpenAmi.Dlms.Apdu.Apdu apdu) => ApduCodec.ToBytes(apdu, 1 << 16);
}
