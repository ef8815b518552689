using OpenAmi.Dlms;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Net;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Emulator.Tests.Net;

/// <summary>
/// Whole DLMS sessions over the IEC 62056-47 wrapper on a real TCP socket: the library's client with its
/// <c>WrapperClientLink</c> against the emulator's wrapper meter. Expected values are the emulated meter's own state.
/// </summary>
public class WrapperSessionTests
{
    private static DlmsClient Client(MeterProfile profile, int tcpPort, out TcpByteLink link, Action<DlmsClientSettings>? adjust = null)
    {
        var settings = profile.ClientSettings();
        settings.Transport = DlmsTransport.Wrapper;
        settings.Wrapper.ClientPort = settings.Hdlc.Client.Upper;
        settings.Wrapper.ServerPort = profile.ServerUpper;
        settings.Wrapper.ResponseTimeoutMs = 1000;
        adjust?.Invoke(settings);
        link = new TcpByteLink("127.0.0.1", tcpPort);
        return new DlmsClient(link, settings, new HostAesBlockCipher(), new HostRandomSource());
    }

    [Fact]
    public void CipheredHlsSessionReadsRegistersAndTheObjectList()
    {
        // kestrel-p3: HLS-GMAC, glo-ciphering with policy 0x30, 1024-byte PDU — the wrapper carries every protected APDU unchanged.
        var profile = MeterProfile.Kestrel;
        using var meter = new WrapperMeterServer(profile);
        meter.State.EnergyImportWh = 2_345_670; // kestrel-p3 keeps energy with scaler 1 (10 Wh steps)
        var client = Client(profile, meter.Port, out var link);
        using (link)
        {
            client.Open();
            Assert.Null(client.Link);
            Assert.Equal(profile.SystemTitle, client.ServerSystemTitle);
            Assert.Equal(profile.Serial, client.Get(CosemClass.Data, profile.SerialNumber, 2).AsString());
            var energy = ScalerUnit.FromData(client.Get(CosemClass.Register, new ObisCode(1, 0, 1, 8, 0, 255), 3))
                .Apply(client.Get(CosemClass.Register, new ObisCode(1, 0, 1, 8, 0, 255), 2).AsDouble());
            Assert.Equal(2_345_670, energy, 6);
            // The object list comes whole (through GET block transfer when it outgrows one PDU).
            var objects = client.Get(CosemClass.AssociationLn, new ObisCode(0, 0, 40, 0, 0, 255), 2);
            Assert.Equal(meter.State.Model.Objects.Count, objects.Count);
            client.Close();
        }

        Assert.False(meter.Server.Associated);
    }

    [Fact]
    public void ANewConnectionIsANewAssociation()
    {
        var profile = MeterProfile.Sunbird;
        using var meter = new WrapperMeterServer(profile);
        for (int session = 0; session < 2; session++)
        {
            var client = Client(profile, meter.Port, out var link);
            using (link)
            {
                client.Open();
                Assert.Equal(profile.Serial, client.Get(CosemClass.Data, profile.SerialNumber, 2).AsString());
                // Leave without RLRQ: dropping the TCP connection ends the association.
            }
        }

        Assert.Equal(4, meter.ApdusReceived); // AARQ and GET, twice
    }

    [Fact]
    public void WrongPasswordIsRejectedOverTheWrapperToo()
    {
        var profile = MeterProfile.Sunbird;
        using var meter = new WrapperMeterServer(profile);
        var client = Client(profile, meter.Port, out var link, s => s.Password = "11111111"u8.ToArray());
        using (link)
        {
            Assert.Equal(DlmsErrorCode.AssociationRejected, Assert.Throws<DlmsException>(() => client.Open()).Code);
        }
    }

    [Fact]
    public void TheGatewaysMeterReaderReadsThroughTheWrapper()
    {
        // What a dlms_wrapper bus composes: DlmsMeterReader with the Wrapper option, the configured address as the meter's wPort.
        using var meter = new WrapperMeterServer(Metering.DlmsFeeder.Plain);
        using var link = new TcpByteLink("127.0.0.1", meter.Port);
        var reader = new DlmsMeterReader(link, new DlmsReaderOptions { Wrapper = true, ResponseTimeoutMs = 1000 }, new NoSecrets(), new HostAesBlockCipher(), new HostRandomSource());
        var profile = Metering.DlmsFeeder.Profile(Metering.DlmsFeeder.Plain);
        reader.Declare(1, profile);
        var value = new MeterValue();
        Assert.Equal(ReadStatus.Ok, reader.Read(1, profile.Items.Single(i => i.Item.Code == "0.0.96.1.1.255").Target, value));
        Assert.Equal("PL-000018", value.BytesAsText());
        Assert.Equal(ReadStatus.Ok, reader.Read(1, profile.Items.Single(i => i.Item.Code == "1.8.0").Target, value));
        Assert.Equal(meter.State.EnergyImportWh, value.Number);
    }

    private sealed class NoSecrets : IDlmsSecretStore
    {
        public DlmsSecret? Find(string secretRef) => null;
    }

    [Fact]
    public void OpticalSignOnOverTheWrapperIsRefused()
    {
        var settings = MeterProfile.Sunbird.ClientSettings();
        settings.Transport = DlmsTransport.Wrapper;
        settings.OpticalSignOn = true;
        Assert.Equal(DlmsErrorCode.InvalidArgument,
            Assert.Throws<DlmsException>(() => new DlmsClient(null!, settings, null!, null!)).Code);
    }
}
