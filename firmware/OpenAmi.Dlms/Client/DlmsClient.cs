using System;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Dlms.Link;
using OpenAmi.Dlms.Security;
using OpenAmi.Platform;

namespace OpenAmi.Dlms.Client
{
    /// <summary>A defect of the meter that the client worked around (see <see cref="DlmsClient.Warning"/>).</summary>
    public delegate void DlmsWarningHandler(DlmsClient client, DlmsWarningKind kind, string warning);

    /// <summary>
    /// A DLMS/COSEM client (LN referencing) for one meter over one <see cref="IByteLink"/>: optional optical
    /// sign-on, HDLC connect, association (none / LLS / HLS-GMAC, optional suite-0 ciphering), GET (normal,
    /// block transfer, with-list), SET (normal, datablocks), ACTION, release.
    /// Every failure is a <see cref="DlmsException"/>; a data-access-result or action-result error is a
    /// <see cref="DlmsAccessException"/> carrying the result code. Not thread-safe: one client per bus
    /// transaction at a time.
    /// </summary>
    public sealed class DlmsClient
    {
        private const int CipherOverhead = 32;
        private const int MinRequestPdu = 256;
        /// <summary>Encoded size of one attribute descriptor without selective access (class 2, LN 6, id 1, selection flag 1).</summary>
        private const int DescriptorSize = 10;
        private readonly IByteLink _link;
        private readonly DlmsClientSettings _settings;
        private readonly IRandomSource _random;
        /// <summary>Room before a request for the transport's header: the larger of the LLC header and the wrapper header.</summary>
        private const int TransportHeadroom = WrapperCodec.HeaderLength;
        private readonly HdlcClientLink _hdlc;
        private readonly IApduTransport _transport;
        private readonly DlmsCipher _cipher;
        /// <summary>The request and answer buffers, shared with the clients that never exchange at the same time as this one.</summary>
        private readonly DlmsPduBuffers _buffers;
        private readonly byte[] _plainTx;
        /// <summary>Allocated only when ciphering; grows (once per larger size) when a general-block-transferred ciphered answer exceeds the PDU.</summary>
        private byte[] _plainRx;
        private readonly int _requestPdu;
        /// <summary>The optical head's sign-on, kept for every association (null without one).</summary>
        private readonly Iec21Session _optical;
        private readonly AxdrReader _reader;
        /// <summary>Made at the first request, then reset for every later one.</summary>
        private AxdrWriter _writer;
        private readonly ByteAccumulator _blocks;
        /// <summary>Created when a meter first answers with general block transfer.</summary>
        private ByteAccumulator _generalBlocks;
        /// <summary>The GET-Request normal and with-list, made at the first GET and refilled for every later one (a poll sweep sends the same shapes again and again).</summary>
        private GetRequest _getNormal;
        /// <summary>The with-list requests by item count (a meter's batches differ in size from one poll to the next).</summary>
        private GetRequest[] _getLists;
        /// <summary>Every GET-Response is decoded into this one (made at the first), refilling its results.</summary>
        private GetResponse _getResponse;
        /// <summary>What <see cref="GetMany(AttributeReference[], int)"/> returns, refilled by its next call; grows to the largest batch.</summary>
        private DataResult[] _many;
        private byte[] _dedicatedKey;
        private long _serverInvocationCounter = -1;
        private int _invokeId;
        private bool _listsUnusable;
        private uint _lastInvocationCounter;

        /// <param name="aes">AES block function; required for ciphering and HLS-GMAC, may be null otherwise.</param>
        /// <param name="random">Challenge/dedicated-key source; required for HLS and dedicated ciphering.</param>
        public DlmsClient(IByteLink link, DlmsClientSettings settings, IAesBlockCipher aes, IRandomSource random)
            : this(link, settings, aes, random, new DlmsPduBuffers())
        {
        }

        /// <param name="buffers">Request and answer buffers shared with other clients; the caller makes sure no two of them exchange at once.</param>
        public DlmsClient(IByteLink link, DlmsClientSettings settings, IAesBlockCipher aes, IRandomSource random, DlmsPduBuffers buffers)
        {
            _link = link;
            _settings = settings;
            _random = random;
            if (settings.Transport == DlmsTransport.Wrapper)
            {
                if (settings.OpticalSignOn)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument, "the IEC 62056-47 wrapper runs on TCP, not behind an optical sign-on");
                }

                _transport = new WrapperClientLink(link, settings.Wrapper);
            }
            else
            {
                _hdlc = new HdlcClientLink(link, settings.Hdlc);
                _transport = _hdlc;
            }

            if (settings.OpticalSignOn)
            {
                _optical = new Iec21Session(link, Iec21Session.SignOnBufferLength);
            }

            int pdu = settings.MaxReceivePduSize < 64 ? 64 : settings.MaxReceivePduSize;
            // Requests are bounded by the meter's PDU, not ours: keep room for a full with-list request.
            int requestPdu = pdu < MinRequestPdu ? MinRequestPdu : pdu;
            _requestPdu = requestPdu;
            _buffers = buffers;
            _buffers.Reserve(TransportHeadroom + requestPdu + CipherOverhead, pdu + CipherOverhead);
            _reader = new AxdrReader(_buffers.Rx, 0, 0);
            _blocks = new ByteAccumulator(256, settings.MaxBlockTransferBytes);
            bool needsCrypto = settings.SecurityPolicy != 0 || settings.Authentication == AuthenticationLevel.HighGmac;
            if (needsCrypto)
            {
                // Plain copies exist only beside ciphered ones: a meter without security needs neither.
                _plainTx = new byte[requestPdu + CipherOverhead];
                _plainRx = new byte[pdu + CipherOverhead];
                if (aes == null || settings.SystemTitle == null || settings.SystemTitle.Length != 8 ||
                    settings.BlockCipherKey == null || settings.BlockCipherKey.Length != 16 ||
                    settings.AuthenticationKey == null || settings.AuthenticationKey.Length != 16)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument,
                        "ciphering and HLS-GMAC need an AES port, an 8-byte system title and 16-byte EK and AK");
                }

                _cipher = new DlmsCipher(aes, pdu + CipherOverhead);
            }
        }

        /// <summary>
        /// Raised when the client works around a meter's defect instead of failing: a malformed release answer,
        /// a with-list answer it cannot read (it then reads item by item), an answer read through
        /// <see cref="PeerQuirks"/>.
        /// </summary>
        public event DlmsWarningHandler Warning;

        /// <summary>The most recent <see cref="Warning"/> text (null when none).</summary>
        public string LastWarning { get; private set; }

        public DlmsClientSettings Settings => _settings;
        /// <summary>The HDLC link (null when the meter is reached through the IEC 62056-47 wrapper).</summary>
        public HdlcClientLink Link => _hdlc;
        public bool IsOpen { get; private set; }
        /// <summary>What the meter accepted in its InitiateResponse (conformance, max PDU size).</summary>
        public InitiateResponse Negotiated { get; private set; }
        /// <summary>The meter's system title from the AARE (null without ciphering/HLS).</summary>
        public byte[] ServerSystemTitle { get; private set; }
        /// <summary>The mode E identification, when the optical sign-on was used.</summary>
        public Iec21Identification Identification { get; private set; }

        /// <summary>Optional optical sign-on, HDLC connect, AARQ/AARE and (HLS) the authentication passes 3 and 4.</summary>
        public void Open()
        {
            if (_settings.OpticalSignOn)
            {
                _optical.MaxBaudRate = _settings.MaxOpticalBaud;
                Identification = _optical.SignOn(_settings.DeviceAddress);
                _optical.EnterHdlc(Identification);
            }

            _transport.Connect();
            // A new association numbers its requests from 1. This store also keeps the Connect call from being the
            // last instruction before the try (nanoCLR would run the catch below for Connect's own exception).
            _invokeId = 0;
            try
            {
                Associate();
                IsOpen = true;
            }
            catch (DlmsException)
            {
                _transport.Disconnect();
                throw;
            }
        }

        /// <summary>
        /// RLRQ (when configured) then DISC. A release the meter answers badly is only a <see cref="Warning"/>: the
        /// readings are complete by then, and the link is closed with DISC either way.
        /// </summary>
        public void Close()
        {
            try
            {
                if (IsOpen && _settings.SendRelease)
                {
                    var reply = Exchange(new ReleaseApdu(true) { Reason = 0 }, false);
                    if (reply.Tag != ApduTag.Rlre)
                    {
                        throw Unexpected(reply, "rlre");
                    }
                }
            }
            catch (DlmsException e)
            {
                Warn(DlmsWarningKind.ReleaseFailed, "release failed, link closed anyway: " + e.Message);
            }
            finally
            {
                IsOpen = false;
                _transport.Disconnect();
            }
        }

        /// <summary>Reads one attribute and returns its decoded value.</summary>
        public DataValue Get(ushort classId, ObisCode logicalName, int attribute) =>
            Get(new AttributeReference(classId, logicalName, attribute));

        public DataValue Get(AttributeReference reference) => Get(reference, 0, null);

        /// <summary>
        /// Reads one attribute with selective access (<paramref name="selector"/> 0 = none), e.g. a profile's buffer
        /// by range or entry (<see cref="ProfileSelection"/>); needs selective-access in the negotiated conformance.
        /// </summary>
        public DataValue Get(AttributeReference reference, int selector, DataValue parameters)
        {
            if (selector != 0 && Negotiated != null && (Negotiated.Conformance & ConformanceBits.SelectiveAccess) == 0)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "the meter did not accept selective access in its conformance");
            }

            if (_getNormal == null)
            {
                _getNormal = new GetRequest { VariantNumber = GetRequest.Normal, Attributes = new[] { new AttributeDescriptor() } };
            }

            var descriptor = _getNormal.Attributes[0];
            Fill(descriptor, reference);
            descriptor.Selector = selector;
            descriptor.SelectionParameters = selector != 0 ? parameters : null;
            _getNormal.InvokeIdAndPriority = NextInvokeId();
            var response = ExchangeGet(_getNormal);
            if (response.VariantNumber == GetResponse.WithDataBlock)
            {
                return ReadBlocks(response, false)[0].Value;
            }

            if (response.VariantNumber != GetResponse.Normal)
            {
                throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "get-response " + response.Variant + " to a normal request");
            }

            return Check(response.Results[0], reference);
        }

        /// <summary>
        /// Reads several attributes: GET-with-list in groups of <see cref="DlmsClientSettings.MaxListItems"/>
        /// when the meter negotiated multiple-references, one GET each otherwise. Per-attribute errors come back
        /// as failed <see cref="DataResult"/>s; link and protocol errors throw.
        /// </summary>
        public DataResult[] GetMany(AttributeReference[] references)
        {
            DataResult[] kept = GetMany(references, references.Length);

            // What this overload returns is the caller's: the kept results are refilled by the next call.
            var results = new DataResult[references.Length];
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = kept[i].Success ? new DataResult(kept[i].Value) : new DataResult(kept[i].AccessResult);
            }

            return results;
        }

        /// <summary>
        /// <see cref="GetMany(AttributeReference[])"/> for the first <paramref name="count"/> references, into the
        /// client's own results (a poll sweep reads the same items every time): the first <paramref name="count"/>
        /// entries of the array returned are this call's, and its next GetMany refills them, so copy what must
        /// outlive it. The values in them are not reused.
        /// </summary>
        public DataResult[] GetMany(AttributeReference[] references, int count)
        {
            if (_many == null || _many.Length < count)
            {
                _many = new DataResult[count];
                for (int i = 0; i < count; i++)
                {
                    _many[i] = new DataResult(0);
                }
            }

            var results = _many;
            bool lists = Negotiated != null && (Negotiated.Conformance & ConformanceBits.MultipleReferences) != 0 && count > 1;
            int step = lists ? (_settings.MaxListItems < 1 ? 1 : _settings.MaxListItems) : 1;
            int fits = (RequestRoom() - 8) / DescriptorSize;
            if (step > fits)
            {
                step = fits < 1 ? 1 : fits;
            }
            for (int start = 0; start < count; start += step)
            {
                int n = count - start < step ? count - start : step;
                DataResult[] part = n == 1 || _listsUnusable ? null : GetList(references, start, n);
                if (part == null)
                {
                    for (int i = start; i < start + n; i++)
                    {
                        GetOne(references[i], results[i]);
                    }

                    continue;
                }

                // The response's results are refilled by the next group's answer: keep their values, not them.
                for (int i = 0; i < n; i++)
                {
                    results[start + i].Assign(part[i].Value, part[i].AccessResult);
                }
            }

            return results;
        }

        /// <summary>
        /// One GET-with-list; null when the meter's answer cannot be read, after which this client reads that
        /// meter item by item (its with-list encoder is broken, and a wrong guess at its meaning would be data).
        /// </summary>
        private DataResult[] GetList(AttributeReference[] references, int start, int n)
        {
            if (_getLists == null || _getLists.Length <= n)
            {
                var grown = new GetRequest[n + 1];
                if (_getLists != null)
                {
                    Array.Copy(_getLists, grown, _getLists.Length);
                }

                _getLists = grown;
            }

            var request = _getLists[n];
            if (request == null)
            {
                var descriptors = new AttributeDescriptor[n];
                for (int i = 0; i < n; i++)
                {
                    descriptors[i] = new AttributeDescriptor();
                }

                request = new GetRequest { VariantNumber = GetRequest.WithList, Attributes = descriptors };
                _getLists[n] = request;
            }

            for (int i = 0; i < n; i++)
            {
                Fill(request.Attributes[i], references[start + i]);
            }

            request.InvokeIdAndPriority = NextInvokeId();
            DataResult[] part = null;
            try
            {
                var response = ExchangeGet(request);
                part = response.VariantNumber == GetResponse.WithDataBlock ? ReadBlocks(response, true) : response.Results;
                if (response.VariantNumber == GetResponse.Normal || part == null || part.Length != n)
                {
                    throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "with-list answer does not have " + n + " results");
                }
            }
            catch (DlmsException e)
            {
                if (e.Code != DlmsErrorCode.Malformed && e.Code != DlmsErrorCode.UnexpectedResponse)
                {
                    throw;
                }

                _listsUnusable = true;
                part = null;
                Warn(DlmsWarningKind.WithListFallback, "with-list answer unusable (" + e.Message + "): reading item by item");
            }

            return part;
        }

        private void GetOne(AttributeReference reference, DataResult into)
        {
            try
            {
                into.Assign(Get(reference), 0);
            }
            catch (DlmsAccessException e)
            {
                into.Assign(null, e.Result);
            }
        }

        /// <summary>Writes one attribute; switches to SET with datablocks when the value exceeds the meter's PDU size.</summary>
        public void Set(AttributeReference reference, DataValue value)
        {
            int encoded = AxdrWriter.EncodedSize(value);
            int room = RequestRoom() - 24;
            if (encoded <= room)
            {
                var request = new SetRequest
                {
                    VariantNumber = SetRequest.Normal,
                    InvokeIdAndPriority = NextInvokeId(),
                    Attributes = new[] { Descriptor(reference) },
                    Values = new[] { value },
                };
                var response = ExchangeSet(request);
                CheckSet(response.Results[0], reference);
                return;
            }

            // Only values larger than the meter's PDU get here (rare configuration writes): one exact array.
            var data = new byte[encoded];
            new AxdrWriter(data).WriteData(value);
            uint block = 1;
            for (int sent = 0; sent < encoded; block++)
            {
                int n = encoded - sent < room ? encoded - sent : room;
                var chunk = new byte[n];
                Array.Copy(data, sent, chunk, 0, n);
                sent += n;
                var request = new SetRequest
                {
                    VariantNumber = block == 1 ? SetRequest.WithFirstDataBlock : SetRequest.WithDataBlock,
                    InvokeIdAndPriority = NextInvokeId(),
                    Attributes = new[] { Descriptor(reference) },
                    Block = new DataBlock { LastBlock = sent == encoded, BlockNumber = block, RawData = chunk },
                };
                var response = ExchangeSet(request);
                if (sent == encoded)
                {
                    if (response.VariantNumber != SetResponse.LastDataBlock && response.VariantNumber != SetResponse.Normal)
                    {
                        throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "set-response " + response.Variant + " to the last block");
                    }

                    CheckSet(response.Results[0], reference);
                }
                else if (!AcknowledgesBlock(response, block))
                {
                    if (response.VariantNumber == SetResponse.Normal || response.VariantNumber == SetResponse.LastDataBlock)
                    {
                        CheckSet(response.Results[0], reference);
                    }

                    throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "meter did not acknowledge block " + block);
                }
            }
        }

        /// <summary>set-response-datablock for <paramref name="block"/>, or a known meter's malformed equivalent.</summary>
        private bool AcknowledgesBlock(SetResponse response, uint block)
        {
            if (response.VariantNumber == SetResponse.DataBlock)
            {
                return response.BlockNumber == block;
            }

            if (PeerQuirks.AcknowledgesBlockAsLast(response, block))
            {
                Warn(DlmsWarningKind.PeerQuirk, "block " + block + " acknowledged by a malformed set-response-last-datablock");
                return true;
            }

            return false;
        }

        /// <summary>Invokes a method; returns its return parameters, or null when the meter sent none.</summary>
        public DataValue Invoke(ushort classId, ObisCode logicalName, int method, DataValue parameter)
        {
            var request = new ActionRequest
            {
                VariantNumber = ActionRequest.Normal,
                InvokeIdAndPriority = NextInvokeId(),
                Methods = new[] { new AttributeDescriptor(classId, logicalName, method) },
                Parameters = new[] { parameter },
            };
            var reply = Exchange(request, true);
            var response = reply as ActionResponse;
            if (response == null)
            {
                throw Unexpected(reply, "action-response");
            }

            CheckInvokeId(response, request);
            if (response.VariantNumber != ActionResponse.Normal)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "action-response " + response.Variant + " is not supported");
            }

            var result = response.Results[0];
            if (result.Result != AccessResult.Success)
            {
                throw new DlmsAccessException(DlmsErrorCode.ActionFailed, result.Result,
                    "method " + method + " of " + logicalName.ToDottedString() + " failed: " + AccessResult.Name(result.Result));
            }

            if (result.ReturnParameters == null)
            {
                return null;
            }

            if (!result.ReturnParameters.Success)
            {
                throw new DlmsAccessException(DlmsErrorCode.ActionFailed, result.ReturnParameters.AccessResult,
                    "method " + method + " return data: " + AccessResult.Name(result.ReturnParameters.AccessResult));
            }

            return result.ReturnParameters.Value;
        }

        private void Associate()
        {
            var initiate = new InitiateRequest
            {
                Conformance = _settings.ProposedConformance,
                MaxReceivePduSize = _settings.MaxReceivePduSize,
            };
            bool ciphered = _settings.SecurityPolicy != 0;
            if (ciphered && _settings.Ciphering == CipheringMode.Dedicated)
            {
                _dedicatedKey = RandomBytes(16);
                initiate.DedicatedKey = _dedicatedKey;
            }

            byte[] userInformation;
            if (ciphered)
            {
                int plainLength = Encode(initiate, _plainTx, 0);
                int n = _cipher.Protect(ApduTag.GloInitiateRequest, SecurityControl.AuthenticatedEncrypted, TakeInvocationCounter(),
                    _settings.SystemTitle, _settings.BlockCipherKey, _settings.AuthenticationKey, _plainTx, 0, plainLength, _buffers.Tx, 0, _buffers.Tx.Length);
                userInformation = Copy(_buffers.Tx, 0, n);
            }
            else
            {
                int plainLength = Encode(initiate, _buffers.Tx, 0);
                userInformation = Copy(_buffers.Tx, 0, plainLength);
            }

            byte[] challenge = null;
            var aarq = new AssociationRequest
            {
                ApplicationContext = ciphered ? 3 : 1,
                CallingApTitle = ciphered || _settings.Authentication == AuthenticationLevel.HighGmac ? _settings.SystemTitle : null,
                UserInformation = userInformation,
            };
            if (_settings.Authentication == AuthenticationLevel.Low)
            {
                aarq.Mechanism = AuthenticationMechanism.Low;
                aarq.CallingAuthenticationValue = _settings.Password ?? new byte[0];
            }
            else if (_settings.Authentication == AuthenticationLevel.HighGmac)
            {
                aarq.Mechanism = AuthenticationMechanism.HighGmac;
                challenge = RandomBytes(_settings.ChallengeLength < 8 ? 8 : _settings.ChallengeLength > 64 ? 64 : _settings.ChallengeLength);
                aarq.CallingAuthenticationValue = challenge;
            }

            var reply = Exchange(aarq, false);
            var aare = reply as AssociationResponse;
            if (aare == null)
            {
                throw Unexpected(reply, "aare");
            }

            ServerSystemTitle = aare.RespondingApTitle;
            Apdu.Apdu info = DecodeUserInformation(aare.UserInformation);
            if (aare.Result != AssociationResponse.Accepted)
            {
                string detail = info is ConfirmedServiceError error
                    ? ", confirmed-service-error " + ConfirmedServiceError.ErrorTypeName(error.ErrorType) + " " + error.Value
                    : "";
                throw new DlmsException(DlmsErrorCode.AssociationRejected,
                    "association rejected: result " + aare.Result + ", diagnostic " + aare.Diagnostic + detail);
            }

            Negotiated = info as InitiateResponse;
            if (Negotiated == null)
            {
                throw Unexpected(info, "initiate-response");
            }

            if (_settings.Authentication == AuthenticationLevel.HighGmac)
            {
                AuthenticateHls(challenge, aare.RespondingAuthenticationValue);
            }
        }

        /// <summary>HLS passes 3 and 4: send f(StoC) by reply_to_HLS_authentication, verify the meter's f(CtoS).</summary>
        private void AuthenticateHls(byte[] clientChallenge, byte[] serverChallenge)
        {
            if (serverChallenge == null || ServerSystemTitle == null || ServerSystemTitle.Length != 8)
            {
                throw new DlmsException(DlmsErrorCode.AuthenticationFailed, "AARE lacks the server challenge or system title for HLS");
            }

            var f = new byte[17];
            _cipher.HlsGmac(_settings.SystemTitle, TakeInvocationCounter(), _settings.BlockCipherKey, _settings.AuthenticationKey, serverChallenge, f, 0);
            // Assigned here so that HlsGmac is not the last instruction before the try (nanoCLR hazard).
            DataValue answer = null;
            try
            {
                answer = Invoke(CosemClass.AssociationLn, CosemClass.CurrentAssociation, CosemClass.ReplyToHlsAuthentication,
                    DataValue.FromBytes(DataType.OctetString, f));
            }
            catch (DlmsAccessException e)
            {
                throw new DlmsException(DlmsErrorCode.AuthenticationFailed, "meter rejected our HLS reply: " + AccessResult.Name(e.Result));
            }

            if (answer == null || answer.Type != DataType.OctetString ||
                !_cipher.VerifyHlsGmac(ServerSystemTitle, _settings.BlockCipherKey, _settings.AuthenticationKey, clientChallenge, answer.AsBytes()))
            {
                throw new DlmsException(DlmsErrorCode.AuthenticationFailed, "meter's f(CtoS) does not verify: wrong keys or an impostor");
            }
        }

        private Apdu.Apdu DecodeUserInformation(byte[] userInformation)
        {
            if (userInformation == null)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "AARE without user-information");
            }

            Apdu.Apdu info = ApduCodec.Decode(userInformation, 0, userInformation.Length);
            // The xDLMS initiate APDUs are always authenticated and encrypted, whatever the service policy.
            return info is CipheredApdu ciphered ? Decipher(ciphered, false) : info;
        }

        private GetResponse ExchangeGet(GetRequest request)
        {
            var reply = Exchange(request, true);
            var response = reply as GetResponse;
            if (response == null)
            {
                throw Unexpected(reply, "get-response");
            }

            CheckInvokeId(response, request);
            return response;
        }

        private SetResponse ExchangeSet(SetRequest request)
        {
            var reply = Exchange(request, true);
            var response = reply as SetResponse;
            if (response == null)
            {
                throw Unexpected(reply, "set-response");
            }

            CheckInvokeId(response, request);
            return response;
        }

        /// <summary>GET block transfer: collect raw-data blocks (GET-Request-Next each), then decode the whole.</summary>
        private DataResult[] ReadBlocks(GetResponse first, bool list)
        {
            _blocks.Clear();
            var response = first;
            uint expected = 1;
            while (true)
            {
                var block = response.Block;
                if (block == null || response.VariantNumber != GetResponse.WithDataBlock)
                {
                    throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "block transfer interrupted by get-response " + response.Variant);
                }

                if (block.RawData == null)
                {
                    throw new DlmsAccessException(DlmsErrorCode.AccessDenied, block.AccessResult,
                        "block transfer failed: " + AccessResult.Name(block.AccessResult));
                }

                if (block.BlockNumber != expected)
                {
                    throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "block " + block.BlockNumber + " received, " + expected + " expected");
                }

                _blocks.Append(block.RawData, 0, block.RawData.Length);
                if (block.LastBlock)
                {
                    break;
                }

                var next = new GetRequest { VariantNumber = GetRequest.Next, InvokeIdAndPriority = first.InvokeIdAndPriority, BlockNumber = expected };
                response = ExchangeGet(next);
                expected++;
            }

            var r = new AxdrReader(_blocks.Data, 0, _blocks.Count);
            DataResult[] results;
            if (list)
            {
                int n = r.ReadLength();
                results = new DataResult[n];
                for (int i = 0; i < n; i++)
                {
                    int choice = r.ReadByte();
                    results[i] = choice == 0 ? new DataResult(r.ReadData()) : new DataResult(r.ReadByte());
                }
            }
            else
            {
                results = new[] { new DataResult(r.ReadData()) };
            }

            if (r.Remaining != 0)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "block-transferred data has " + r.Remaining + " trailing byte(s)");
            }

            return results;
        }

        /// <summary>Encodes (and protects) a request, exchanges it, and returns the (deciphered) answer.</summary>
        private Apdu.Apdu Exchange(Apdu.Apdu request, bool protect)
        {
            const int at = TransportHeadroom;
            int length;
            bool ciphered = protect && _settings.SecurityPolicy != 0;
            if (ciphered)
            {
                int plain = Encode(request, _plainTx, 0);
                length = Protect(request.Tag, plain);
            }
            else
            {
                length = Encode(request, _buffers.Tx, at);
            }

            if (length > ServerPduLimit())
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "request of " + length + " bytes exceeds the meter's PDU size");
            }

            int received = _transport.Exchange(_buffers.Tx, at, length, _buffers.Rx, 0);
            Apdu.Apdu reply = DecodeReply(_buffers.Rx, received);
            if (reply is GeneralBlockTransfer block)
            {
                reply = ReceiveGeneralBlocks(block);
            }

            if (reply is CipheredApdu cipheredReply)
            {
                reply = Decipher(cipheredReply, true);
            }
            else if (ciphered && reply.Tag != ApduTag.ExceptionResponse)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, "unprotected " + reply.Name + " in a ciphered association");
            }

            if (reply is ExceptionResponse exception)
            {
                string text = "exception-response: " + ExceptionResponse.StateErrorName(exception.StateError) + ", " +
                              ExceptionResponse.ServiceErrorName(exception.ServiceError);
                if (exception.ServiceError == ExceptionResponse.InvocationCounterError)
                {
                    throw new DlmsInvocationCounterException(exception.InvocationCounter, text + ": invocation counter " +
                        _lastInvocationCounter + " sent, the meter expects at least " + exception.InvocationCounter);
                }

                throw new DlmsException(DlmsErrorCode.ExceptionResponse, text);
            }

            if (reply is ConfirmedServiceError error)
            {
                throw new DlmsException(DlmsErrorCode.ConfirmedServiceError, "confirmed-service-error: " +
                    ConfirmedServiceError.ErrorTypeName(error.ErrorType) + " " + error.Value);
            }

            return reply;
        }

        /// <summary>
        /// General block transfer from the meter: acknowledges each block with an empty block of window 1 (so a
        /// compliant meter sends one block per window), collects the block data, and decodes the whole APDU.
        /// </summary>
        private Apdu.Apdu ReceiveGeneralBlocks(GeneralBlockTransfer block)
        {
            const int at = TransportHeadroom;
            if (_generalBlocks == null)
            {
                _generalBlocks = new ByteAccumulator(_buffers.Rx.Length, _settings.MaxBlockTransferBytes);
            }

            _generalBlocks.Clear();
            var ack = new GeneralBlockTransfer { LastBlock = true, Window = 1 };
            int expected = 1;
            while (true)
            {
                if (block.BlockNumber != expected)
                {
                    throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "general block " + block.BlockNumber + " received, " + expected + " expected");
                }

                _generalBlocks.Append(block.BlockData, 0, block.BlockData.Length);
                if (block.LastBlock)
                {
                    break;
                }

                ack.BlockNumber = expected;
                ack.BlockNumberAck = expected;
                int length = Encode(ack, _buffers.Tx, at);
                int received = _transport.Exchange(_buffers.Tx, at, length, _buffers.Rx, 0);
                block = DecodeReply(_buffers.Rx, received) as GeneralBlockTransfer;
                if (block == null)
                {
                    throw new DlmsException(DlmsErrorCode.UnexpectedResponse, "general block transfer interrupted by another APDU");
                }

                expected++;
            }

            Apdu.Apdu whole = DecodeReply(_generalBlocks.Data, _generalBlocks.Count);
            if (whole is GeneralBlockTransfer)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "general block transfer inside a general block transfer");
            }

            return whole;
        }

        /// <summary>Encodes a request into buffer[offset..] with the client's writer.</summary>
        private int Encode(Apdu.Apdu apdu, byte[] buffer, int offset)
        {
            if (_writer == null)
            {
                _writer = new AxdrWriter(buffer, offset, buffer.Length);
            }

            return ApduCodec.Encode(apdu, _writer, buffer, offset, buffer.Length);
        }

        /// <summary>Strict decode; a refused answer that matches a known meter quirk is read as meant, with a warning.</summary>
        private Apdu.Apdu DecodeReply(byte[] buffer, int count)
        {
            if (_getResponse == null)
            {
                _getResponse = new GetResponse();
            }

            _reader.Reset(buffer, 0, count);
            Apdu.Apdu recovered = null;
            try
            {
                return ApduCodec.Decode(_reader, _getResponse);
            }
            catch (DlmsException e)
            {
                if (e.Code == DlmsErrorCode.Malformed)
                {
                    recovered = PeerQuirks.Recover(buffer, 0, count);
                }

                if (recovered == null)
                {
                    throw;
                }

                Warn(DlmsWarningKind.PeerQuirk, "malformed " + recovered.Name + " (" + e.Message + ") read as " + recovered.Variant);
                return recovered;
            }
        }

        private int Protect(byte plainTag, int plainLength)
        {
            const int at = TransportHeadroom;
            byte tag;
            byte[] key = _settings.BlockCipherKey;
            switch (_settings.Ciphering)
            {
                case CipheringMode.Dedicated:
                    tag = ApduTag.DedicatedFor(plainTag);
                    key = _dedicatedKey;
                    break;
                case CipheringMode.GeneralGlobal:
                    tag = ApduTag.GeneralGloCiphering;
                    break;
                default:
                    tag = ApduTag.GlobalFor(plainTag);
                    break;
            }

            if (tag == 0)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, ApduTag.Name(plainTag) + " has no ciphered form");
            }

            return _cipher.Protect(tag, _settings.SecurityPolicy, TakeInvocationCounter(), _settings.SystemTitle, key,
                _settings.AuthenticationKey, _plainTx, 0, plainLength, _buffers.Tx, at, _buffers.Tx.Length);
        }

        private Apdu.Apdu Decipher(CipheredApdu apdu, bool enforcePolicy)
        {
            if (_cipher == null)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, "ciphered " + apdu.Name + " but no keys are configured");
            }

            bool dedicated = apdu.Tag == ApduTag.GeneralDedCiphering || (apdu.Tag >= ApduTag.DedGetRequest && apdu.Tag <= ApduTag.DedActionResponse) ||
                             apdu.Tag == ApduTag.DedInitiateResponse || apdu.Tag == ApduTag.DedConfirmedServiceError;
            byte[] key = dedicated ? _dedicatedKey : _settings.BlockCipherKey;
            if (key == null)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, "ded- APDU without a dedicated key");
            }

            if (_serverInvocationCounter >= 0 && apdu.InvocationCounter <= _serverInvocationCounter)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed,
                    "invocation counter " + apdu.InvocationCounter + " not above " + _serverInvocationCounter + ": replay rejected");
            }

            if (apdu.Payload.Length > _plainRx.Length)
            {
                _plainRx = new byte[apdu.Payload.Length];
            }

            int n = _cipher.Unprotect(apdu, ServerSystemTitle, key, _settings.AuthenticationKey, _plainRx, 0, out bool tagValid);
            if (!tagValid)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, apdu.Name + " failed its authentication tag");
            }

            // At least the policy's protection: a meter may authenticate or encrypt more than asked.
            int required = _settings.SecurityPolicy & SecurityControl.AuthenticatedEncrypted;
            if (enforcePolicy && (apdu.SecurityControl & required) != required)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, "answer protected below the association's security policy");
            }

            _serverInvocationCounter = apdu.InvocationCounter;
            Apdu.Apdu plain = DecodeReply(_plainRx, n);
            if (plain is CipheredApdu)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "ciphered APDU inside a ciphered APDU");
            }

            return plain;
        }

        private uint TakeInvocationCounter()
        {
            uint ic = _settings.InvocationCounter;
            if (ic == uint.MaxValue)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "invocation counter exhausted: new keys are needed");
            }

            _settings.InvocationCounter = ic + 1;
            _lastInvocationCounter = ic;
            return ic;
        }

        private int ServerPduLimit()
        {
            int limit = Negotiated == null || Negotiated.MaxReceivePduSize == 0 ? _settings.MaxReceivePduSize : Negotiated.MaxReceivePduSize;
            return limit > _requestPdu ? _requestPdu : limit;
        }

        /// <summary>Bytes a request's plain APDU may take so that its ciphered form still fits the meter's PDU.</summary>
        private int RequestRoom() => ServerPduLimit() - (_settings.SecurityPolicy != 0 ? CipherOverhead : 0);

        private void Warn(DlmsWarningKind kind, string text)
        {
            LastWarning = text;
            var handler = Warning;
            if (handler != null)
            {
                handler(this, kind, text);
            }
        }

        private byte NextInvokeId()
        {
            _invokeId = (_invokeId + 1) & 0x0F;
            return (byte)(0xC0 | _invokeId);
        }

        private static void CheckInvokeId(ServiceApdu response, ServiceApdu request)
        {
            if (response.InvokeId != request.InvokeId)
            {
                throw new DlmsException(DlmsErrorCode.UnexpectedResponse,
                    "answer for invoke-id " + response.InvokeId + ", request had " + request.InvokeId);
            }
        }

        private static AttributeDescriptor Descriptor(AttributeReference reference) =>
            new AttributeDescriptor(reference.ClassId, reference.LogicalName, reference.Attribute);

        /// <summary>Makes a reused descriptor name <paramref name="reference"/>, without selective access.</summary>
        private static void Fill(AttributeDescriptor descriptor, AttributeReference reference)
        {
            descriptor.ClassId = reference.ClassId;
            descriptor.Instance = reference.LogicalName;
            descriptor.Id = reference.Attribute;
            descriptor.Selector = 0;
            descriptor.SelectionParameters = null;
        }

        private static DataValue Check(DataResult result, AttributeReference reference)
        {
            if (!result.Success)
            {
                throw new DlmsAccessException(DlmsErrorCode.AccessDenied, result.AccessResult,
                    "reading " + reference + " failed: " + AccessResult.Name(result.AccessResult));
            }

            return result.Value;
        }

        private static void CheckSet(int result, AttributeReference reference)
        {
            if (result != AccessResult.Success)
            {
                throw new DlmsAccessException(DlmsErrorCode.AccessDenied, result,
                    "writing " + reference + " failed: " + AccessResult.Name(result));
            }
        }

        private static DlmsException Unexpected(Apdu.Apdu reply, string expected) =>
            new DlmsException(DlmsErrorCode.UnexpectedResponse, "meter answered " + (reply == null ? "nothing" : reply.Name) + ", " + expected + " expected");

        private byte[] RandomBytes(int n)
        {
            if (_random == null)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "a random source is needed for HLS challenges and dedicated keys");
            }

            var bytes = new byte[n];
            _random.NextBytes(bytes, 0, n);
            return bytes;
        }

        private static byte[] Copy(byte[] source, int offset, int count)
        {
            var copy = new byte[count];
            Array.Copy(source, offset, copy, 0, count);
            return copy;
        }
    }
}
