using System.Text;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Sts;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Emulator.Tests.Dlms;

/// <summary>
/// STS tokens through the library's <see cref="DlmsClient"/> (HLS-GMAC, glo-ciphering) into the kestrel-p3 Token
/// gateway (class 115, method 1 <c>enter</c>), where the emulator's <see cref="StsMeterModel"/> decodes them with the
/// profile's DKGA02 decoder key. Tokens: vended by the emulator's STS vending side; the published
/// NectarAPI/tokens-service electricity token 12855806557697228949 (10.0 kWh for the same meter identity,
/// commit ea572db9f0eb4c96ab657b2c977518a69ca00b65, TokensServiceTest.java); the STSSimulator-verified
/// 35500312443047940328 keyed for decoder key E7B21AA9EC929C96 (public "kf_sts_token.py"), i.e. another meter.
/// token_status codes: DLMS Blue Book IC 115 (3 executed, 5 authentication failure, 6 validation failure).
/// </summary>
public class TokenGatewayOverDlmsTests
{
    private static readonly MeterProfile Kestrel = MeterProfile.Kestrel;

    private static DataValue Digits(string digits) => DataValue.FromBytes(DataType.OctetString, Encoding.ASCII.GetBytes(digits));

    private static DataValue Enter(DlmsClient client, DataValue token) =>
        client.Invoke(CosemClass.TokenGateway, Kestrel.TokenGateway, CosemClass.TokenEnter, token);

    private static int Refusal(DlmsClient client, DataValue token) =>
        Assert.Throws<DlmsAccessException>(() => Enter(client, token)).Result;

    private static long StatusCode(DlmsClient client) => client.Get(CosemClass.TokenGateway, Kestrel.TokenGateway, 6)[0].AsInt64();

    [Fact]
    public void A_vended_token_is_accepted_then_used_and_another_meters_token_is_rejected()
    {
        using var f = new MeterFixture(115200, Kestrel);
        var client = f.Client(Kestrel);
        client.Open();
        var state = f.Meter.State;
        double credit = state.Credit;

        var token = MeterFixture.VendToken(Kestrel, tid: 16_000_000, units: 255); // 25.5 kWh
        Assert.Null(Enter(client, token));
        Assert.Equal(TokenDeliveryStatus.Accepted, state.LastTokenStatus);
        Assert.Equal(3, StatusCode(client));
        Assert.Equal(credit + 25.5, state.Credit, 6);
        Assert.Equal(new[] { 16_000_000 }, state.StsMeter!.TokenMemory);

        Assert.Equal(AccessResult.OtherReason, Refusal(client, token));
        Assert.Equal(TokenDeliveryStatus.Used, state.LastTokenStatus);
        Assert.Equal(6, StatusCode(client));

        Assert.Equal(AccessResult.OtherReason, Refusal(client, Digits("35500312443047940328")));
        Assert.Equal(TokenDeliveryStatus.AuthenticationFailure, state.LastTokenStatus);
        Assert.Equal(5, StatusCode(client));

        // Vended for the neighbouring meter (DRN 47500150232, otherwise the same DKGA02 inputs as the profile's key).
        var neighbour = Kestrel with
        {
            StsDecoderKey = DecoderKeyGenerationAlgorithm02.Derive(Convert.FromHexString("0abc12def3456789"), "600727", "47500150232", 0, "000046", "01", 1),
        };
        Assert.Equal(AccessResult.OtherReason, Refusal(client, MeterFixture.VendToken(neighbour, tid: 16_000_001, units: 255)));
        Assert.Equal(TokenDeliveryStatus.AuthenticationFailure, state.LastTokenStatus);

        Assert.Equal(credit + 25.5, state.Credit, 6);
        Assert.Equal(new[] { 16_000_000 }, state.StsMeter.TokenMemory);
        client.Close();
    }

    [Fact]
    public void The_published_token_for_the_same_meter_identity_loads_ten_kwh()
    {
        using var f = new MeterFixture(115200, Kestrel);
        var client = f.Client(Kestrel);
        client.Open();
        double credit = f.Meter.State.Credit;
        Assert.Null(Enter(client, Digits("12855806557697228949")));
        Assert.Equal(credit + 10.0, f.Meter.State.Credit, 6);
        client.Close();
    }
}
