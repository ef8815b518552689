using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Tests.Support;
using OpenAmi.TestVectors;

namespace OpenAmi.Dlms.Tests.Apdu;

/// <summary>Published APDU encodings, decoded and re-encoded byte for byte.</summary>
public class ApduVectorTests
{
    private static T Decode<T>(string hex) where T : OpenAmi.Dlms.Apdu.Apdu
    {
        var bytes = Hex.Bytes(hex);
        var apdu = ApduCodec.Decode(bytes, 0, bytes.Length);
        return Assert.IsType<T>(apdu);
    }

    private static string Encode(OpenAmi.Dlms.Apdu.Apdu apdu)
    {
        var buffer = new byte[512];
        int n = ApduCodec.Encode(apdu, buffer, 0, buffer.Length);
        return Hex.Of(buffer, 0, n);
    }

    private static void RoundTrips(string hex)
    {
        var bytes = Hex.Bytes(hex);
        Assert.Equal(Hex.Of(bytes), Encode(ApduCodec.Decode(bytes, 0, bytes.Length)));
    }

    // The Green Book AARQs: tests/vectors/DlmsVectors.cs (source cited there), shared with the board tests.
    private const string AarqNoSecurity = DlmsVectors.AarqNoSecurity;
    private const string AarqLls = DlmsVectors.AarqLls;
    private const string AarqHls = DlmsVectors.AarqHls;
    private const string AarqCipheredLls = DlmsVectors.AarqCipheredLls;

    [Fact]
    public void GreenBookAarqWithLowLevelSecurityIsEncodedByteForByte()
    {
        var aarq = new AssociationRequest
        {
            Mechanism = AuthenticationMechanism.Low,
            CallingAuthenticationValue = "12345678"u8.ToArray(),
            UserInformation = Hex.Bytes(Encode(new InitiateRequest { Conformance = 0x007E1F, MaxReceivePduSize = 0x04B0 })),
        };
        Assert.Equal(AarqLls, Encode(aarq));
    }

    [Fact]
    public void GreenBookAarqsDecode()
    {
        var plain = Decode<AssociationRequest>(AarqNoSecurity);
        Assert.Equal(AuthenticationMechanism.None, plain.Mechanism);
        var initiate = Assert.IsType<InitiateRequest>(ApduCodec.Decode(plain.UserInformation, 0, plain.UserInformation.Length));
        Assert.Equal((6, 0x007E1Fu, 1200), (initiate.DlmsVersion, initiate.Conformance, initiate.MaxReceivePduSize));
        Assert.Contains("multiple-references", ConformanceBits.Names(initiate.Conformance));

        var hls = Decode<AssociationRequest>(AarqHls);
        Assert.Equal(AuthenticationMechanism.HighGmac, hls.Mechanism);
        Assert.Equal("K56iVagY"u8.ToArray(), hls.CallingAuthenticationValue);

        var ciphered = Decode<AssociationRequest>(AarqCipheredLls);
        Assert.True(ciphered.Ciphered);
        Assert.Equal("4D4D4D0000BC614E", Hex.Of(ciphered.CallingApTitle));
        var glo = Assert.IsType<CipheredApdu>(ApduCodec.Decode(ciphered.UserInformation, 0, ciphered.UserInformation.Length));
        Assert.Equal((ApduTag.GloInitiateRequest, (byte)0x30, 0x01234567u), (glo.Tag, glo.SecurityControl, glo.InvocationCounter));
        foreach (var hex in new[] { AarqNoSecurity, AarqLls, AarqHls, AarqCipheredLls })
        {
            RoundTrips(hex);
        }
    }

    [Fact]
    public void AaresOfTheGreenBookDecodeAndReencode()
    {
        // u9n/dlms-cosem tests/test_asce/test_aare.py (Green Book v10 examples).
        var ok = Decode<AssociationResponse>("6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007");
        Assert.Equal((AssociationResponse.Accepted, 1, 0), (ok.Result, ok.DiagnosticSource, ok.Diagnostic));
        var initiate = Assert.IsType<InitiateResponse>(ApduCodec.Decode(ok.UserInformation, 0, ok.UserInformation.Length));
        Assert.Equal((0x00501Fu, 500, 7), (initiate.Conformance, initiate.MaxReceivePduSize, initiate.VaaName));

        var rejected = Decode<AssociationResponse>("611FA109060760857405080101A203020101A305A103020101BE0604040E010601");
        Assert.Equal(AssociationResponse.RejectedPermanent, rejected.Result);
        var error = Assert.IsType<ConfirmedServiceError>(ApduCodec.Decode(rejected.UserInformation, 0, rejected.UserInformation.Length));
        Assert.Equal((ConfirmedServiceError.InitiateError, ConfirmedServiceError.ErrorInitiate, 1), (error.Service, error.ErrorType, error.Value));

        var hls = Decode<AssociationResponse>("6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007");
        Assert.Equal(AssociationResponse.AuthenticationRequired, hls.Diagnostic);
        Assert.Equal("P6wRJ21F"u8.ToArray(), hls.RespondingAuthenticationValue);
        foreach (var hex in new[]
                 {
                     "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007",
                     "611FA109060760857405080101A203020101A305A103020101BE0604040E010601",
                     "6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007",
                 })
        {
            RoundTrips(hex);
        }
    }

    [Fact]
    public void GetRequestsAndResponses()
    {
        // u9n/dlms-cosem tests/test_xdlms/test_get.py.
        var normal = Decode<GetRequest>("C001C100010000 2B0100FF0200".Replace(" ", ""));
        Assert.Equal("normal", normal.Variant);
        Assert.Equal((1, new ObisCode(0, 0, 43, 1, 0, 255), 2), (normal.Attributes[0].ClassId, normal.Attributes[0].Instance, normal.Attributes[0].Id));
        var next = Decode<GetRequest>("C002C100000001");
        Assert.Equal(("next", 1u), (next.Variant, next.BlockNumber));
        var list = Decode<GetRequest>("C003C1020001 00002A0000FF0200 0008 0000010000FF0200".Replace(" ", ""));
        Assert.Equal(2, list.Attributes.Length);
        Assert.Equal(8, list.Attributes[1].ClassId);
        var response = Decode<GetResponse>("C401C100060000 1391".Replace(" ", ""));
        Assert.Equal(5009, response.Results[0].Value.AsInt64());
        var error = Decode<GetResponse>("C401C10101");
        Assert.False(error.Results[0].Success);
        Assert.Equal(AccessResult.HardwareFault, error.Results[0].AccessResult);
        foreach (var hex in new[] { "C001C10001 00002B0100FF 0200", "C002C100000001", "C003C102000100002A0000FF02000008 0000010000FF0200", "C401C1000600001391", "C401C10101" })
        {
            RoundTrips(hex.Replace(" ", ""));
        }
    }

    [Fact]
    public void SetRequestsAndResponses()
    {
        // u9n/dlms-cosem tests/test_xdlms/test_set.py; the first-block example is Green Book Table 137
        // ("Writing the value of a single attribute with block transfer").
        var set = Decode<SetRequest>("C101C1000800000100 00FF0200090C07E50118FF0E303950FFC400".Replace(" ", ""));
        Assert.Equal(DataType.OctetString, set.Values[0].Type);
        var first = Decode<SetRequest>("C102C1 00010000800000FF0200 00 00000001 15 09320102030405060708091011121314 1516171819".Replace(" ", ""));
        Assert.Equal(("with-first-datablock", false, 1u, 21), (first.Variant, first.Block.LastBlock, first.Block.BlockNumber, first.Block.RawData.Length));
        Assert.Equal(1u, Decode<SetResponse>("C502C100000001").BlockNumber);
        var last = Decode<SetResponse>("C503C10000000002");
        Assert.Equal(("last-datablock", 0, 2u), (last.Variant, last.Results[0], last.BlockNumber));
        foreach (var hex in new[] { "C101C1000800000100 00FF0200090C07E50118FF0E303950FFC400", "C102C100010000800000FF020000000000011509320102030405060708091011121314 1516171819", "C501C100", "C502C100000001", "C503C10000000002" })
        {
            RoundTrips(hex.Replace(" ", ""));
        }
    }

    [Fact]
    public void ActionRequestsAndResponses()
    {
        // u9n/dlms-cosem tests/test_xdlms/test_action.py: reply_to_HLS_authentication with f(StoC), and answers.
        var request = Decode<ActionRequest>("C301C0000F0000280000FF0101091110 00001A90E6D2221FA2FD85EED61ACC22".Replace(" ", ""));
        Assert.Equal((CosemClass.AssociationLn, 1), (request.Methods[0].ClassId, request.Methods[0].Id));
        Assert.Equal(17, request.Parameters[0].AsBytes().Length);
        Assert.Null(Decode<ActionRequest>("C301C0000F0000280000FF0100").Parameters[0]);
        var withData = Decode<ActionResponse>("C701C00001000911 10 00001AFDE8857B728A3499106AA665D1".Replace(" ", ""));
        Assert.Equal(AccessResult.Success, withData.Results[0].Result);
        Assert.Equal(17, withData.Results[0].ReturnParameters.Value.AsBytes().Length);
        var withError = Decode<ActionResponse>("C701C0000101FA");
        Assert.Equal(AccessResult.OtherReason, withError.Results[0].ReturnParameters.AccessResult);
        foreach (var hex in new[] { "C301C0000F0000280000FF010109111000001A90E6D2221FA2FD85EED61ACC22", "C301C0000F0000280000FF0100", "C701C00000", "C701C0000101FA", "C701C000010009111000001AFDE8857B728A3499106AA665D1" })
        {
            RoundTrips(hex);
        }
    }

    [Fact]
    public void ReleaseExceptionAndNotification()
    {
        // u9n/dlms-cosem tests/test_asce/test_rlrq.py: RLRQ reason normal; RLRQ carrying the Green Book glo-initiateRequest.
        var rlrq = Decode<ReleaseApdu>("6203800100");
        Assert.Equal((ApduTag.Rlrq, 0, (byte[]?)null), (rlrq.Tag, rlrq.Reason, rlrq.UserInformation));
        var rlrqCiphered = Decode<ReleaseApdu>("6239800100BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855");
        Assert.Equal(0x32, rlrqCiphered.UserInformation.Length);
        // Hand-computed from the Green Book ExceptionResponse ASN.1: state-error service-not-allowed (1),
        // service-error service-not-supported (2); and invocation-counter-error (6) with the expected counter.
        var ex = Decode<ExceptionResponse>("D80102");
        Assert.Equal((ExceptionResponse.ServiceNotAllowed, ExceptionResponse.ServiceNotSupported), (ex.StateError, ex.ServiceError));
        Assert.Equal(0x00000100u, Decode<ExceptionResponse>("D8010600000100").InvocationCounter);
        // u9n/dlms-cosem tests/test_xdlms/test_data_notification.py: push without date-time, octet-string body.
        var push = Decode<DataNotification>("0F000001DB00092212 5A859136000000004900000011 0000000A5A8513D014800000000D0000000A0100".Replace(" ", ""));
        Assert.Equal((0x000001DBu, 0), (push.LongInvokeIdAndPriority, push.DateTime.Length));
        Assert.Equal(34, push.Body.AsBytes().Length);
        foreach (var hex in new[] { "6203800100", "D80102", "D8010600000100", "0F000001DB000922125A859136000000004900000011 0000000A5A8513D014800000000D0000000A0100" })
        {
            RoundTrips(hex.Replace(" ", ""));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("C4")]
    [InlineData("C404C100")]                // GET-response variant 4 does not exist
    [InlineData("C401C1000600001391FF")]    // trailing byte
    [InlineData("C401C102")]                // Get-Data-Result choice 2
    [InlineData("60FF A1")]                 // AARQ longer than the buffer
    [InlineData("C8 10 30 00000001")]       // ciphered APDU shorter than declared
    [InlineData("AB 00")]                   // unknown tag
    public void MalformedApdusRaiseTheCodecError(string hex)
    {
        var bytes = Hex.Bytes(hex);
        var e = Assert.ThrowsAny<DlmsException>(() => ApduCodec.Decode(bytes, 0, bytes.Length));
        Assert.True(e.Code is DlmsErrorCode.Malformed or DlmsErrorCode.LimitExceeded, e.Code.ToString());
    }
}
