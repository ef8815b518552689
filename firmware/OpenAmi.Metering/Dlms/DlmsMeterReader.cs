using System;
using System.Collections;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Security;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Dlms
{
    /// <summary>A meter's defect that the reader's client worked around.</summary>
    public delegate void DlmsMeterWarningHandler(int meterAddress, DlmsWarningKind kind, string warning);

    /// <summary>
    /// The <see cref="IMeterReader"/> for DLMS/COSEM meters on one bus (RS-485 or an optical head), over
    /// OpenAmi.Dlms's <see cref="DlmsClient"/>. Each meter gets its own client built from its vendor profile
    /// (HDLC addresses, authentication, security policy, keys by reference); the clients keep their association state
    /// and share one set of PDU buffers (<see cref="DlmsReaderOptions.PduBuffers"/>). Only one association is open on
    /// the bus at a time: it stays open while the scheduler works through one meter's items and is released
    /// when another meter is addressed (or on <see cref="Release"/>), so a sweep pays one association per meter.
    /// </summary>
    public sealed class DlmsMeterReader : IMeterBus, IBatchMeterReader, IDataMeterReader, IProfileMeterReader
    {
        /// <summary>
        /// Invocation counters are reserved in blocks: the store holds a value above every counter in use, so a
        /// reset at any moment resumes beyond them, at the cost of one store write per block.
        /// </summary>
        public const uint CounterBlock = 256;
        private const uint CounterHeadroom = CounterBlock / 2;
        private readonly IByteLink _link;
        private readonly DlmsReaderOptions _options;
        private readonly IDlmsSecretStore _secrets;
        private readonly IAesBlockCipher _aes;
        private readonly IRandomSource _random;
        private readonly ArrayList _sessions = new ArrayList();
        private readonly DlmsTokenGateway _tokens;
        private readonly DlmsPduBuffers _buffers;
        private AttributeReference[] _batch = new AttributeReference[0];
        // The target each batch reference was made from: a poll sweep asks for the same profile items every time, so
        // a reference is made again only when its slot's target changes (both grow to the largest batch).
        private CosemAttributeRef[] _batchTargets = new CosemAttributeRef[0];
        private Session _open;

        /// <param name="secrets">Key store for profiles with LLS/HLS/ciphering; may be null when no meter needs one.</param>
        /// <param name="aes">AES block function for ciphering and HLS-GMAC; may be null otherwise.</param>
        /// <param name="random">Randomness for HLS challenges; may be null otherwise.</param>
        public DlmsMeterReader(IByteLink link, DlmsReaderOptions options, IDlmsSecretStore secrets, IAesBlockCipher aes, IRandomSource random)
        {
            _link = link;
            _options = options;
            _secrets = secrets;
            _aes = aes;
            _random = random;
            _tokens = new DlmsTokenGateway(this);
            _buffers = options.PduBuffers ?? new DlmsPduBuffers();
        }

        /// <summary>Associations opened so far (each costs SNRM/UA and AARQ/AARE on the wire).</summary>
        public int Associations { get; private set; }

        /// <summary>A meter's defect that the client worked around (see <see cref="DlmsClient.Warning"/>), by meter address.</summary>
        public event DlmsMeterWarningHandler Warning;

        /// <summary>
        /// Declares (or re-declares) how to reach the meter at HDLC physical address <paramref name="meterAddress"/>.
        /// Throws <see cref="DlmsException"/> (InvalidArgument) when the profile's secret is missing from the store.
        /// </summary>
        public void Declare(int meterAddress, VendorProfile profile)
        {
            var session = Find(meterAddress);
            if (session != null)
            {
                if (_open == session)
                {
                    Release();
                }

                _sessions.Remove(session);
            }

            var settings = Settings(meterAddress, profile);
            var counters = _options.InvocationCounters;
            if (counters != null)
            {
                settings.InvocationCounter = counters.Load(meterAddress);
            }

            var client = new DlmsClient(_link, settings, _aes, _random, _buffers);
            client.Warning += OnClientWarning;
            _sessions.Add(new Session(meterAddress, client));
        }

        public ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into)
        {
            into.Clear();
            var status = ReadData(meterAddress, target, out DataValue value);
            return status != ReadStatus.Ok ? status : DlmsValues.ToMeterValue(value, target.Attribute, into);
        }

        public ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value)
        {
            var session = Find(meterAddress);
            var data = DlmsValues.FromMeterValue(value);
            if (session == null || data == null)
            {
                return ReadStatus.NotSupported;
            }

            var status = Begin(session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            try
            {
                session.Client.Set(Reference(target), data);
                return ReadStatus.Ok;
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }
        }

        /// <summary>Class 70 <c>remote_disconnect</c> (method 1, integer 0).</summary>
        public ReadStatus RemoteDisconnect(int meterAddress, byte[] controlLogicalName) =>
            Invoke(meterAddress, new CosemAttributeRef(CosemClass.DisconnectControl, controlLogicalName, CosemClass.RemoteDisconnect), null);

        public TokenGatewayAnswer EnterToken(int meterAddress, byte[] token, int offset, int count) => _tokens.Enter(meterAddress, token, offset, count);

        public TokenGatewayAnswer ReadTokenStatus(int meterAddress) => _tokens.Status(meterAddress);

        /// <summary>
        /// Invokes method <paramref name="method"/>.Attribute of the object (e.g. class 115 <c>enter</c> with the token
        /// as an octet-string, class 70 <c>remote_disconnect</c> with integer 0 when <paramref name="parameter"/> is null).
        /// </summary>
        internal ReadStatus Invoke(int meterAddress, CosemAttributeRef method, MeterValue parameter)
        {
            var session = Find(meterAddress);
            var data = parameter == null ? DataValue.FromInteger(DataType.Integer, 0) : DlmsValues.FromMeterValue(parameter);
            if (session == null || data == null)
            {
                return ReadStatus.NotSupported;
            }

            var status = Begin(session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            try
            {
                session.Client.Invoke((ushort)method.ClassId, ObisCode.FromBytes(method.LogicalName, 0), method.Attribute, data);
                return ReadStatus.Ok;
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }
        }

        /// <summary>Reads an attribute as the DLMS library's value, for structures the metering port does not model (class 115 token_status).</summary>
        public ReadStatus ReadData(int meterAddress, CosemAttributeRef target, out DataValue value)
        {
            value = null;
            Session session;
            var status = Open(meterAddress, out session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            try
            {
                value = session.Client.Get(Reference(target));
                return ReadStatus.Ok;
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }
        }

        public ReadStatus ReadProfileDescription(int meterAddress, byte[] profile, out ProfileDescription description)
        {
            description = null;
            Session session;
            var status = Open(meterAddress, out session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            try
            {
                description = new OpenAmi.Dlms.Client.ProfileGenericReader(session.Client).ReadDescription(ObisCode.FromBytes(profile, 0));
                return ReadStatus.Ok;
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }
        }

        public ReadStatus ReadProfileRange(int meterAddress, byte[] profile, DateTime fromUtc, DateTime toUtc, bool invertedDeviation, out DataValue rows)
        {
            rows = null;
            Session session;
            var status = Open(meterAddress, out session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            try
            {
                // A clock that is no octet string is UnexpectedResponse, one of another length Malformed (both typed).
                var clock = CosemDateTime.Parse(session.Client.Get(new AttributeReference(CosemClass.Clock, CosemClass.ClockObject, CosemClass.ClockTime)).AsBytes());
                rows = new OpenAmi.Dlms.Client.ProfileGenericReader(session.Client).ReadRange(ObisCode.FromBytes(profile, 0), CaptureObject.ClockTime(),
                    MeterTime.RangeBound(fromUtc, clock, invertedDeviation), MeterTime.RangeBound(toUtc, clock, invertedDeviation), null);
                return ReadStatus.Ok;
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }
        }

        /// <summary>Attribute 2 (object_list) of the current association, 0-0:40.0.0*255 (Association LN, class 15).</summary>
        public ReadStatus ReadObjectList(int meterAddress, ArrayList into)
        {
            var session = Find(meterAddress);
            if (session == null)
            {
                return ReadStatus.NotSupported;
            }

            var status = Begin(session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            DataValue list;
            try
            {
                list = session.Client.Get(CosemClass.AssociationLn, CosemClass.CurrentAssociation, CosemClass.ObjectList);
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }

            return ObjectList.Decode(list, into);
        }

        /// <summary>GET-with-list when the meter negotiated multiple-references, one GET per attribute otherwise.</summary>
        public ReadStatus ReadMany(int meterAddress, CosemAttributeRef[] targets, int count, MeterValue[] into, ReadStatus[] statuses)
        {
            Session session;
            var status = Open(meterAddress, out session);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            if (_batch.Length < count)
            {
                _batch = new AttributeReference[count];
                _batchTargets = new CosemAttributeRef[count];
            }

            for (int i = 0; i < count; i++)
            {
                if (_batchTargets[i] != targets[i])
                {
                    _batch[i] = Reference(targets[i]);
                    _batchTargets[i] = targets[i];
                }
            }

            DataResult[] results;
            try
            {
                results = session.Client.GetMany(_batch, count);
            }
            catch (DlmsException e)
            {
                return Fail(e);
            }

            for (int i = 0; i < count; i++)
            {
                into[i].Clear();
                statuses[i] = results[i].Success
                    ? DlmsValues.ToMeterValue(results[i].Value, targets[i].Attribute, into[i])
                    : DlmsValues.StatusOfAccessResult(results[i].AccessResult);
            }

            return ReadStatus.Ok;
        }

        /// <summary>Ends the open association, if any (bus idle, or before handing the port to someone else).</summary>
        public void Release()
        {
            var open = _open;
            _open = null;
            if (open == null)
            {
                return;
            }

            try
            {
                open.Client.Close();
            }
            catch (DlmsException)
            {
                // The meter may already have dropped the link (inactivity timeout); the next Open starts afresh with SNRM.
            }
        }

        /// <summary>True when the meter negotiated GET-with-list in its last association.</summary>
        public bool SupportsLists(int meterAddress)
        {
            var session = Find(meterAddress);
            var negotiated = session == null ? null : session.Client.Negotiated;
            return negotiated != null && (negotiated.Conformance & ConformanceBits.MultipleReferences) != 0;
        }

        private ReadStatus Begin(Session session)
        {
            ReserveCounters(session);
            if (_open == session)
            {
                return ReadStatus.Ok;
            }

            Release();
            // A plain store between Release() and the try: nanoCLR would run this catch for Release's own exception.
            var status = ReadStatus.Ok;
            try
            {
                session.Client.Open();
            }
            catch (DlmsException e)
            {
                status = DlmsValues.StatusOf(e);
            }

            if (status != ReadStatus.Ok)
            {
                return status;
            }

            Associations++;
            _open = session;
            return ReadStatus.Ok;
        }

        /// <summary>Stores a new block before the counters in hand could run out within one operation.</summary>
        private void ReserveCounters(Session session)
        {
            var counters = _options.InvocationCounters;
            uint next = session.Client.Settings.InvocationCounter;
            var settings = session.Client.Settings;
            bool counts = settings.SecurityPolicy != 0 || settings.Authentication == AuthenticationLevel.HighGmac;
            if (counters == null || !counts || next + CounterHeadroom <= session.ReservedCounter || next > uint.MaxValue - CounterBlock)
            {
                return;
            }

            session.ReservedCounter = next + CounterBlock;
            counters.Save(session.Address, session.ReservedCounter);
        }

        /// <summary>After a link-level failure the association is forgotten (not closed: that would cost more timeouts).</summary>
        private ReadStatus Fail(DlmsException e)
        {
            var status = DlmsValues.StatusOf(e);
            if (!(e is DlmsAccessException))
            {
                _open = null;
            }

            return status;
        }

        private DlmsClientSettings Settings(int meterAddress, VendorProfile profile)
        {
            bool optical = !_options.Wrapper && (profile.Medium == LinkMedium.Optical || _options.OpticalHead);
            var settings = new DlmsClientSettings();
            if (_options.Wrapper)
            {
                settings.Transport = DlmsTransport.Wrapper;
                settings.Wrapper.ClientPort = profile.ClientAddress;
                settings.Wrapper.ServerPort = meterAddress;
                settings.Wrapper.ResponseTimeoutMs = _options.ResponseTimeoutMs;
            }

            settings.Hdlc.Client = HdlcAddress.Client(profile.ClientAddress);
            settings.Hdlc.Server = optical
                ? HdlcAddress.Server(profile.LogicalAddress, 0, 1)
                : HdlcAddress.Server(profile.LogicalAddress, meterAddress, 0);
            settings.Hdlc.ResponseTimeoutMs = _options.ResponseTimeoutMs;
            settings.Hdlc.Retries = _options.Retries;
            settings.OpticalSignOn = optical;
            settings.MaxReceivePduSize = _options.MaxPduSize;
            settings.SendRelease = _options.SendRelease;
            settings.Authentication = profile.Authentication == ProfileAuthentication.Low ? AuthenticationLevel.Low
                : profile.Authentication == ProfileAuthentication.High ? AuthenticationLevel.HighGmac
                : AuthenticationLevel.None;
            settings.SecurityPolicy = (byte)((int)profile.Security << 4);
            if (profile.SecretRef != null)
            {
                var secret = _secrets == null ? null : _secrets.Find(profile.SecretRef);
                if (secret == null)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument, "key store has no secret \"" + profile.SecretRef + "\" (profile " + profile.Id + ")");
                }

                settings.Password = secret.Password;
                settings.BlockCipherKey = secret.BlockCipherKey;
                settings.AuthenticationKey = secret.AuthenticationKey;
                settings.SystemTitle = _options.SystemTitle;
            }

            return settings;
        }

        /// <summary>The declared meter's session with its association open (NotSupported for a meter never declared).</summary>
        private ReadStatus Open(int meterAddress, out Session session)
        {
            session = Find(meterAddress);
            return session == null ? ReadStatus.NotSupported : Begin(session);
        }

        private Session Find(int meterAddress)
        {
            for (int i = 0; i < _sessions.Count; i++)
            {
                var session = (Session)_sessions[i];
                if (session.Address == meterAddress)
                {
                    return session;
                }
            }

            return null;
        }

        private static AttributeReference Reference(CosemAttributeRef target) =>
            new AttributeReference((ushort)target.ClassId, ObisCode.FromBytes(target.LogicalName, 0), target.Attribute);

        private void OnClientWarning(DlmsClient client, DlmsWarningKind kind, string text)
        {
            var handler = Warning;
            for (int i = 0; handler != null && i < _sessions.Count; i++)
            {
                var session = (Session)_sessions[i];
                if (session.Client == client)
                {
                    handler(session.Address, kind, text);
                    return;
                }
            }
        }

        private sealed class Session
        {
            public Session(int address, DlmsClient client)
            {
                Address = address;
                Client = client;
            }

            public int Address { get; }

            public DlmsClient Client { get; }

            /// <summary>The counter value the store holds for this meter (this and above are unused).</summary>
            public uint ReservedCounter { get; set; }
        }
    }
}
