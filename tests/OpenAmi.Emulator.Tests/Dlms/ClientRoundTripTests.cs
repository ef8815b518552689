using System.Text;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Emulator.Tests.Dlms;

/// <summary>
/// The library's client against the emulator's server over the simulated bus with real baud timing.
/// Expected values come from the emulated meter's physical state, not from the protocol path.
/// </summary>
public class ClientRoundTripTests
{
    private static readonly ObisCode Energy = new(1, 0, 1, 8, 0, 255);
    private static readonly ObisCode Voltage = new(1, 0, 32, 7, 0, 255);
    private static readonly ObisCode Blob = new(0, 128, 96, 0, 0, 255);

    [Fact]
    public void LowLevelSecurityMeterReadWriteInvokeRelease()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        Assert.Equal(MeterProfile.Sunbird.Serial, client.Get(CosemClass.Data, MeterProfile.Sunbird.SerialNumber, 2).AsString());
        var su = ScalerUnit.FromData(client.Get(CosemClass.Register, Voltage, CosemClass.ScalerUnit));
        Assert.Equal((-1, Units.Volt), (su.Scaler, su.Unit));
        Assert.Equal(f.Meter.State.VoltageV, su.Apply(client.Get(CosemClass.Register, Voltage, 2).AsDouble()), 6);
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());

        var when = new DateTime(2026, 3, 1, 12, 0, 0);
        client.Set(new AttributeReference(CosemClass.Clock, CosemClass.ClockObject, 2), DataValue.FromBytes(DataType.OctetString, CosemDateTime.FromUtc(when).ToBytes()));
        Assert.Equal(when, f.Meter.State.ClockUtc);

        Assert.Null(client.Invoke(CosemClass.DisconnectControl, MeterProfile.Sunbird.Disconnect, CosemClass.RemoteDisconnect, DataValue.FromInteger(DataType.Integer, 0)));
        Assert.False(f.Meter.State.RelayConnected);
        Assert.Equal(0, client.Get(CosemClass.DisconnectControl, MeterProfile.Sunbird.Disconnect, CosemClass.ControlState).AsInt64());
        client.Invoke(CosemClass.DisconnectControl, MeterProfile.Sunbird.Disconnect, CosemClass.RemoteReconnect, DataValue.FromInteger(DataType.Integer, 0));
        Assert.True(f.Meter.State.RelayConnected);
        client.Close();
        Assert.False(f.Meter.Server.Associated);
    }

    [Fact]
    public void ClientsSharingOneBufferSetReadTheirMetersInTurn()
    {
        // Issue 15: the meters of one bus keep their association state only; the PDU buffers are one set. Sunbird (LLS,
        // plain) and Kestrel (HLS-GMAC, ciphered, 1 KB PDU) alternate on one bus through the same set.
        using var f = new MeterFixture(115200, MeterProfile.Sunbird, MeterProfile.Kestrel);
        var buffers = new DlmsPduBuffers();
        DlmsClient Shared(MeterProfile profile)
        {
            var settings = profile.ClientSettings();
            settings.Hdlc.ResponseTimeoutMs = 400;
            return new DlmsClient(f.Port, settings, new HostAesBlockCipher(), new HostRandomSource(), buffers);
        }

        var sunbird = Shared(MeterProfile.Sunbird);
        var kestrel = Shared(MeterProfile.Kestrel);
        for (int round = 0; round < 2; round++)
        {
            sunbird.Open();
            Assert.Equal(f.Meters[0].State.EnergyImportWh, sunbird.Get(CosemClass.Register, Energy, 2).AsInt64());
            sunbird.Close();
            kestrel.Open();
            Assert.Equal(MeterProfile.Kestrel.Serial, kestrel.Get(CosemClass.Data, MeterProfile.Kestrel.SerialNumber, 2).AsString());
            kestrel.Close();
        }

        Assert.Equal(Math.Max(MeterProfile.Sunbird.ClientSettings().MaxReceivePduSize, MeterProfile.Kestrel.ClientSettings().MaxReceivePduSize) + 32,
            buffers.RxCapacity);
    }

    [Fact]
    public void WithListReadsReturnPerAttributeResults()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        var refs = new[]
        {
            new AttributeReference(CosemClass.Register, Energy, 2),
            new AttributeReference(CosemClass.Register, new ObisCode(1, 0, 99, 99, 0, 255), 2), // no such object
            new AttributeReference(CosemClass.Register, Voltage, 2),
            new AttributeReference(CosemClass.Register, Voltage, 9), // no such attribute
        };
        var results = client.GetMany(refs);
        Assert.Equal(f.Meter.State.EnergyImportWh, results[0].Value.AsInt64());
        Assert.Equal(AccessResult.ObjectUndefined, results[1].AccessResult);
        Assert.Equal(2297, results[2].Value.AsInt64());
        Assert.False(results[3].Success);
        client.Close();
    }

    [Fact]
    public void ResultsOfOneGetManyStandAfterTheNext()
    {
        // The client refills its own results on every list read (the poll sweep's path); what GetMany(references)
        // hands out is the caller's, so a second read must leave the first's answers as they were.
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        var first = client.GetMany(new[] { new AttributeReference(CosemClass.Register, Energy, 2), new AttributeReference(CosemClass.Register, Voltage, 2) });
        var second = client.GetMany(new[] { new AttributeReference(CosemClass.Register, Voltage, 2), new AttributeReference(CosemClass.Register, new ObisCode(1, 0, 99, 99, 0, 255), 2) });
        Assert.Equal(f.Meter.State.EnergyImportWh, first[0].Value.AsInt64());
        Assert.Equal(2297, first[1].Value.AsInt64());
        Assert.Equal(2297, second[0].Value.AsInt64());
        Assert.Equal(AccessResult.ObjectUndefined, second[1].AccessResult);
        client.Close();
    }

    [Fact]
    public void WithListAnswersLargerThanThePduArriveByBlockTransfer()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird, s => s.MaxReceivePduSize = 64);
        client.Open();
        var refs = Enumerable.Repeat(new AttributeReference(CosemClass.Data, MeterProfile.Sunbird.SerialNumber, 2), 10)
            .Append(new AttributeReference(CosemClass.Register, Energy, 2)).ToArray();
        var results = client.GetMany(refs);
        Assert.All(results.Take(10), r => Assert.Equal(MeterProfile.Sunbird.Serial, r.Value.AsString()));
        Assert.Equal(f.Meter.State.EnergyImportWh, results[10].Value.AsInt64());
        client.Close();
    }

    [Fact]
    public void TypedErrorsForMissingObjectsAndReadOnlyAttributes()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        var missing = Assert.Throws<DlmsAccessException>(() => client.Get(CosemClass.Register, new ObisCode(1, 0, 99, 99, 0, 255), 2));
        Assert.Equal((DlmsErrorCode.AccessDenied, AccessResult.ObjectUndefined), (missing.Code, missing.Result));
        var denied = Assert.Throws<DlmsAccessException>(() => client.Set(new AttributeReference(CosemClass.Register, Energy, 2), DataValue.FromInteger(DataType.DoubleLongUnsigned, 0)));
        Assert.Equal(AccessResult.ReadWriteDenied, denied.Result);
        var action = Assert.Throws<DlmsAccessException>(() => client.Invoke(CosemClass.Register, Energy, 1, DataValue.FromInteger(DataType.Integer, 0)));
        Assert.Equal(DlmsErrorCode.ActionFailed, action.Code);
        // The session survives typed errors.
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());
        client.Close();
    }

    [Fact]
    public void WrongPasswordIsRejectedAssociation()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird, s => s.Password = Encoding.ASCII.GetBytes("wrong"));
        var e = Assert.Throws<DlmsException>(() => client.Open());
        Assert.Equal(DlmsErrorCode.AssociationRejected, e.Code);
        Assert.Contains("diagnostic 13", e.Message);
    }

    [Fact]
    public void LargeValuesUseSegmentationAndDatablocksBothWays()
    {
        // 1500 bytes through 128-byte HDLC frames and a 512-byte server PDU: SET with datablocks, GET block transfer.
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird, s => s.MaxReceivePduSize = 400);
        client.Open();
        var blob = Enumerable.Range(0, 1500).Select(i => (byte)(i * 7)).ToArray();
        client.Set(new AttributeReference(CosemClass.Data, Blob, 2), DataValue.FromBytes(DataType.OctetString, blob));
        Assert.Equal(blob, client.Get(CosemClass.Data, Blob, 2).AsBytes());
        var objects = client.Get(CosemClass.AssociationLn, CosemClass.CurrentAssociation, CosemClass.ObjectList);
        Assert.Equal(f.Meter.State.Model.Objects.Count, objects.Count);
        client.Close();
    }

    [Fact]
    public void NegotiatedWindowOfTwoCarriesLargeCipheredTransfers()
    {
        // kestrel-p3 offers window 2 and 256-byte frames; the client asks for window 2 both ways.
        using var f = new MeterFixture(115200, MeterProfile.Kestrel);
        var client = f.Client(MeterProfile.Kestrel, s =>
        {
            s.Hdlc.WindowReceive = 2;
            s.Hdlc.WindowTransmit = 2;
            s.Hdlc.MaxInfoReceive = 256;
            s.Hdlc.MaxInfoTransmit = 256;
        });
        client.Open();
        Assert.Equal((2, 2, 256), (client.Link.WindowTransmit, client.Link.WindowReceive, client.Link.MaxInfoReceive));
        var blob = Enumerable.Range(0, 900).Select(i => (byte)(i * 13)).ToArray();
        client.Set(new AttributeReference(CosemClass.Data, Blob, 2), DataValue.FromBytes(DataType.OctetString, blob));
        Assert.Equal(blob, client.Get(CosemClass.Data, Blob, 2).AsBytes());
        Assert.Equal(0, client.Link.Retransmissions);
        client.Close();
    }

    [Theory]
    [InlineData(CipheringMode.Global, (byte)0x30)]
    [InlineData(CipheringMode.Dedicated, (byte)0x30)]
    [InlineData(CipheringMode.GeneralGlobal, (byte)0x30)]
    [InlineData(CipheringMode.Global, (byte)0x10)]
    [InlineData(CipheringMode.Global, (byte)0x20)]
    public void HlsGmacWithEveryCipheringForm(CipheringMode mode, byte policy)
    {
        var profile = MeterProfile.Kestrel with { SecurityPolicy = policy };
        using var f = new MeterFixture(115200, profile);
        var client = f.Client(profile, s => s.Ciphering = mode);
        client.Open();
        Assert.Equal(profile.SystemTitle, client.ServerSystemTitle);
        Assert.Equal(profile.Serial, client.Get(CosemClass.Data, profile.SerialNumber, 2).AsString());
        var credit = ScalerUnit.FromData(client.Get(CosemClass.Register, profile.Credit, 3)).Apply(client.Get(CosemClass.Register, profile.Credit, 2).AsDouble());
        Assert.Equal(f.Meter.State.Credit, credit, 6);
        var token = MeterFixture.VendToken(profile, tid: 13343500, units: 420); // 42.0 kWh
        client.Invoke(CosemClass.TokenGateway, profile.TokenGateway, CosemClass.TokenEnter, token);
        Assert.Equal(125.50 + 42, f.Meter.State.Credit, 6);
        var reuse = Assert.Throws<DlmsAccessException>(() =>
            client.Invoke(CosemClass.TokenGateway, profile.TokenGateway, CosemClass.TokenEnter, token));
        Assert.Equal(AccessResult.OtherReason, reuse.Result);
        uint used = client.Settings.InvocationCounter;
        client.Close();
        Assert.True(used >= 5, "every protected request consumes an invocation counter");
        Assert.Equal(0, f.Meter.Server.SecurityRejections);
    }

    [Fact]
    public void HlsWithAWrongKeyFailsAuthentication()
    {
        var profile = MeterProfile.Kestrel;
        using var f = new MeterFixture(115200, profile);
        var client = f.Client(profile, s => s.AuthenticationKey = new byte[16]);
        var e = Assert.Throws<DlmsException>(() => client.Open());
        Assert.True(e.Code is DlmsErrorCode.AssociationRejected or DlmsErrorCode.AuthenticationFailed or DlmsErrorCode.DecipheringFailed, e.Code.ToString());
    }

    [Fact]
    public void ReplayedInvocationCounterIsRefusedByTheMeter()
    {
        var profile = MeterProfile.Kestrel;
        using var f = new MeterFixture(115200, profile);
        var client = f.Client(profile, s => s.InvocationCounter = 100);
        client.Open();
        client.Settings.InvocationCounter = 50; // a client that lost its persisted counter
        var e = Assert.ThrowsAny<DlmsException>(() => client.Get(CosemClass.Register, Energy, 2));
        Assert.Equal(DlmsErrorCode.ExceptionResponse, e.Code);
        Assert.Contains("invocation-counter-error", e.Message);
        // The meter names the lowest counter it accepts: one above the last it took (100 + the ones Open spent).
        var counter = Assert.IsType<DlmsInvocationCounterException>(e);
        Assert.True(counter.Expected > 100, counter.Expected.ToString());
        Assert.Contains("expects at least " + counter.Expected, e.Message);
    }

    [Theory]
    [InlineData((byte)0x10)]
    [InlineData((byte)0x20)]
    public void AnswersProtectedMoreStronglyThanThePolicyAreAccepted(byte policy)
    {
        // A meter that authenticates and encrypts every answer although the association asks for less.
        var profile = MeterProfile.Kestrel with { SecurityPolicy = policy, AnswerSecurityPolicy = 0x30 };
        using var f = new MeterFixture(115200, profile);
        var client = f.Client(profile);
        client.Open();
        Assert.Equal(profile.Serial, client.Get(CosemClass.Data, profile.SerialNumber, 2).AsString());
        client.Close();
        Assert.Equal(0, f.Meter.Server.SecurityRejections);
    }

    [Fact]
    public void AnswersProtectedLessThanThePolicyAreStillRefused()
    {
        var profile = MeterProfile.Kestrel with { SecurityPolicy = 0x30, AnswerSecurityPolicy = 0x10 };
        using var f = new MeterFixture(115200, profile);
        var client = f.Client(profile);
        var e = Assert.Throws<DlmsException>(() => client.Open());
        Assert.Equal(DlmsErrorCode.DecipheringFailed, e.Code);
    }

    [Fact]
    public void OpticalModeESignOnSwitchesBaudAndReads()
    {
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        var client = f.Client(MeterProfile.Optiq, s => s.Hdlc.ResponseTimeoutMs = 1500);
        client.Open();
        Assert.Equal("OPTIQ-E1", client.Identification.Identification);
        Assert.True(client.Identification.ModeE);
        Assert.Equal(9600, f.Port.Baud);
        Assert.Equal(f.Meter.State.EnergyImportWh, new ScalerUnit(-1, 30).Apply(client.Get(CosemClass.Register, Energy, 2).AsDouble()), 6);
        client.Close();
    }

    [Fact]
    public void OpticalModeCReadoutWithEchoingHead()
    {
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        f.Port.HearsItself = true;
        var link = new EchoSuppressingLink(f.Port, 64, 200);
        var session = new Iec21Session(link);
        var id = session.SignOn(null);
        Assert.Equal("OPQ", id.Manufacturer);
        var readout = session.ReadOut(id);
        Assert.True(readout.BccValid);
        var energy = readout.DataSets.Single(d => d.Address == "1.8.0");
        Assert.Equal(("001234.567", "kWh"), (energy.Value, energy.Unit));
        Assert.Equal(MeterProfile.Optiq.Serial, readout.DataSets[0].Value);
        Assert.Equal(0, link.MissingEchoBytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OpticalModeEReadThroughEchoSuppressionWithAndWithoutEcho(bool echoes)
    {
        // The bench set-up of issue 16: `dlms read --optical` wraps the port in echo suppression, whatever the head does.
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        f.Port.HearsItself = echoes;
        var link = new EchoSuppressingLink(f.Port, 2100, 100);
        var client = f.Client(MeterProfile.Optiq, s => s.Hdlc.ResponseTimeoutMs = 1500, link);
        client.Open();
        Assert.Equal("OPTIQ-E1", client.Identification.Identification);
        Assert.Equal(f.Meter.State.EnergyImportWh, new ScalerUnit(-1, 30).Apply(client.Get(CosemClass.Register, Energy, 2).AsDouble()), 6);
        client.Close();
        Assert.Equal(echoes, link.EchoDetected);
        Assert.Equal(0, client.Link.DiscardedBytes);
    }

    [Fact]
    public void SignOnSkipsTheEchoOfItsOwnRequestEvenWithoutSuppression()
    {
        using var f = new MeterFixture(9600, MeterProfile.Optiq);
        f.Port.HearsItself = true;
        var id = new Iec21Session(f.Port).SignOn(null);
        Assert.Equal("OPTIQ-E1", id.Identification);
    }

    [Fact]
    public void SeveralMetersShareOneBusAndOnlyTheAddressedOneAnswers()
    {
        var second = MeterProfile.Sunbird with { Name = "sunbird-2", ServerLower = 18, Serial = "SB1-000124" };
        var third = MeterProfile.Kestrel;
        using var f = new MeterFixture(9600, MeterProfile.Sunbird, second, third);
        foreach (var (profile, meter) in new[] { (MeterProfile.Sunbird, f.Meters[0]), (second, f.Meters[1]), (third, f.Meters[2]) })
        {
            var client = f.Client(profile);
            client.Open();
            Assert.Equal(profile.Serial, client.Get(CosemClass.Data, profile.SerialNumber, 2).AsString());
            client.Close();
        }

        Assert.Equal(0, f.Bus.Collisions);
        Assert.All(f.Meters, m => Assert.True(m.FramesReceived > 0));
    }

    [Fact]
    public void SilenceCorruptionWrongFcsAndGarbageAreRetried()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        f.Meter.Faults.SilentReplies = 1;
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());
        f.Meter.Faults.CorruptReplies = 1;
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());
        f.Meter.Faults.WrongFcsReplies = 1;
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());
        f.Meter.Faults.GarbageBeforeReplies = 2;
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());
        Assert.True(client.Link.Retransmissions >= 3);
        client.Close();
    }

    [Fact]
    public void AMeterThatDroppedTheLinkAnswersDmAndTheClientSaysSo()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird);
        client.Open();
        // Another master disconnects the meter behind our back (DISC → UA): our next I-frame gets DM.
        var intruder = new OpenAmi.Dlms.Hdlc.HdlcClientLink(f.Port, client.Settings.Hdlc);
        intruder.Disconnect();
        var e = Assert.Throws<DlmsException>(() => client.Get(CosemClass.Register, Energy, 2));
        Assert.Equal(DlmsErrorCode.LinkProtocol, e.Code);
        Assert.False(client.Link.Connected);
        client.Open();
        Assert.Equal(f.Meter.State.EnergyImportWh, client.Get(CosemClass.Register, Energy, 2).AsInt64());
        client.Close();
    }

    [Fact]
    public void APermanentlySilentOrSlowMeterIsATimeout()
    {
        using var f = new MeterFixture(115200, MeterProfile.Sunbird);
        var client = f.Client(MeterProfile.Sunbird, s => s.Hdlc.Retries = 1);
        client.Open();
        f.Meter.Faults.ReplyDelayMs = 1500;
        var e = Assert.Throws<DlmsException>(() => client.Get(CosemClass.Register, Energy, 2));
        Assert.Equal(DlmsErrorCode.Timeout, e.Code);
        var nobody = f.Client(MeterProfile.Sunbird with { ServerLower = 99 }, s => s.Hdlc.Retries = 0);
        Assert.Equal(DlmsErrorCode.Timeout, Assert.Throws<DlmsException>(() => nobody.Open()).Code);
    }
}
