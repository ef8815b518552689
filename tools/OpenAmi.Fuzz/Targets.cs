using System.Text;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Gateway.Config;
using OpenAmi.Json;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Profiles;
using OpenAmi.Northbound;
using OpenAmi.Platform;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Fuzz;

/// <summary>Every parser of the firmware, and the command path, as fuzz targets (seeds cite the tests they come from).</summary>
public static class FuzzTargets
{
    public static readonly FuzzTarget[] All =
    [
        new HdlcTarget(), new ApduTarget(), new AxdrTarget(), new Iec21Target(), new ModbusTarget(),
        new JsonTarget(), new ConfigTarget(), new ProfileTarget(), new SecretsTarget(), new StsTarget(),
        new OpenPaygoTarget(), new CosemDateTimeTarget(), new CommandTarget(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    internal static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    internal static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>Parsers that refuse with <see cref="DlmsException"/>.</summary>
public abstract class DlmsTarget : FuzzTarget
{
    public override bool IsTyped(Exception error) => error is DlmsException;
}

/// <summary>HDLC frame reassembly and scanning (IEC 62056-46): must never throw; seeds from tests/OpenAmi.Dlms.Tests/PropertyTests.cs.</summary>
public sealed class HdlcTarget : DlmsTarget
{
    private readonly HdlcFrameReader _reader = new(0);
    private readonly HdlcFrame _frame = new();

    public override string Name => "hdlc";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Hex("7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E"),
        FuzzTargets.Hex("7EA0382102233034E7E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007B86A7E"),
        FuzzTargets.Hex("7EA00703219310F17E"),
    ];

    public override bool IsTyped(Exception error) => false;

    public override void Run(byte[] input)
    {
        _reader.Clear();
        _reader.Append(input, 0, input.Length);
        while (_reader.TryRead(_frame))
        {
        }

        HdlcCodec.Scan(input, 0, input.Length, _frame, out _);
    }
}

/// <summary>xDLMS APDUs (AARQ/AARE, GET, SET, ACTION, ciphered); seeds from tests/OpenAmi.Dlms.Tests/PropertyTests.cs.</summary>
public sealed class ApduTarget : DlmsTarget
{
    internal static readonly byte[][] Vectors =
    [
        FuzzTargets.Hex("601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0"),
        FuzzTargets.Hex("6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007"),
        FuzzTargets.Hex("C401C1000600001391"),
        FuzzTargets.Hex("C003C102000100002A0000FF020000080000010000FF0200"),
        FuzzTargets.Hex("C101C100080000010000FF0200090C07E50118FF0E303950FFC400"),
        FuzzTargets.Hex("C301C0000F0000280000FF010109111000001A90E6D2221FA2FD85EED61ACC22"),
        FuzzTargets.Hex("21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855"),
        FuzzTargets.Hex("C402C10000000001000E010202020FFF161E1312040001 0002"),
    ];

    public override string Name => "apdu";

    public override byte[][] Seeds => Vectors;

    public override void Run(byte[] input) => ApduCodec.Decode(input, 0, input.Length);
}

/// <summary>
/// COSEM Data in A-XDR, with the decoder's own allowance (48 bytes per input byte, at least 16 KiB) as the budget;
/// seeds: the Data parts of the APDU vectors and tests/OpenAmi.Dlms.Tests/Axdr/AxdrTests.cs.
/// </summary>
public sealed class AxdrTarget : DlmsTarget
{
    public override string Name => "axdr";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Hex("090C07E50118FF0E303950FFC400"),
        FuzzTargets.Hex("0102020FFF161E"),
        FuzzTargets.Hex("1312060001 0002 0003"),
        FuzzTargets.Hex("130202121106000105000206"),
        FuzzTargets.Hex("0203110700160206000013911200FF0F0117FFC00000183FF0000000000000"),
        FuzzTargets.Hex("01020204120008090600000100 00FF0F0201011600"),
    ];

    public override int BytesPerInputByte => new AxdrLimits().BytesPerInputByte;

    public override int FixedBytes => new AxdrLimits().MinAllocationBytes + 4096;

    public override void Run(byte[] input) => new AxdrReader(input).ReadData();
}

/// <summary>IEC 62056-21 identification and data messages; seeds from tests/OpenAmi.Dlms.Tests/Iec21/Iec21Tests.cs.</summary>
public sealed class Iec21Target : DlmsTarget
{
    public override string Name => "iec21";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Text("/ISk5\\2MT382-1000\r\n"),
        FuzzTargets.Text("\u00020.0.0(12345678)\r\n1.8.0(001234.5*kWh)\r\nF.F(00)\r\n!\r\n\u0003\u0001"),
        FuzzTargets.Text("\u00021.8.0(001234.5*kWh)\u0003\u0001"),
    ];

    public override void Run(byte[] input)
    {
        Try(() => Iec21Identification.Parse(input, 0, input.Length));
        Try(() => Iec21DataMessage.Parse(input, 0, input.Length));
        Iec21DataMessage.ParseAnswer(input, 0, input.Length);
    }

    private static void Try(Action parse)
    {
        try
        {
            parse();
        }
        catch (DlmsException)
        {
            // Typed: the next parser still gets the input.
        }
    }
}

/// <summary>
/// A Modbus RTU read answered with the input (Modbus over serial line v1.02 §2.5): statuses only, never an
/// exception; an Ok answer is then decoded in every register encoding. Seeds: SDM120 answers hand-built with
/// their CRC (tests/OpenAmi.Metering.Tests Modbus tests use the same framing).
/// </summary>
public sealed class ModbusTarget : FuzzTarget
{
    private readonly Link _link = new();
    private readonly ModbusMaster _master;

    public ModbusTarget()
    {
        _master = new ModbusMaster(_link, 100);
    }

    public override string Name => "modbus";

    public override byte[][] Seeds { get; } =
    [
        WithCrc("010404436B0000"),
        WithCrc("0184 02"),
        WithCrc("010408 4048F5C3 00000000"),
    ];

    public override bool IsTyped(Exception error) => false;

    public override int MaxInputBytes => 300;

    public override void Run(byte[] input)
    {
        _link.Answer = input;
        int registers = input.Length > 2 ? Math.Max(1, input[2] / 2) : 2;
        if (_master.ReadRegisters(1, ModbusMaster.ReadInputRegisters, 0, Math.Min(registers, ModbusMaster.MaxRegistersPerRead)) == ModbusStatus.Ok)
        {
            for (int encoding = (int)RegisterEncoding.UInt16; encoding <= (int)RegisterEncoding.Float32; encoding++)
            {
                for (int order = (int)RegisterOrder.Abcd; order <= (int)RegisterOrder.Dcba; order++)
                {
                    RegisterDecoder.TryDecode(_master.Response, ModbusMaster.DataOffset, (RegisterEncoding)encoding, (RegisterOrder)order, out _);
                }
            }
        }
    }

    private static byte[] WithCrc(string hex)
    {
        byte[] body = FuzzTargets.Hex(hex);
        var frame = new byte[body.Length + 2];
        body.CopyTo(frame, 0);
        Crc16Modbus.Append(frame, 0, body.Length);
        return frame;
    }

    private sealed class Link : IByteLink
    {
        private int _position;

        public byte[] Answer { get; set; } = [];

        public void DiscardInput() => _position = 0;

        public void Write(byte[] buffer, int offset, int count)
        {
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = Math.Min(count, Answer.Length - _position);
            Array.Copy(Answer, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public void Configure(int baudRate, LineFormat format)
        {
        }

        public void Delay(int milliseconds)
        {
        }
    }
}

/// <summary>Strict RFC 8259 JSON; seeds: RFC 8259 section 13 examples and a command (tests/OpenAmi.Json.Tests).</summary>
public sealed class JsonTarget : FuzzTarget
{
    public override string Name => "json";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Text("{\"Image\":{\"Width\":800,\"Height\":600,\"Title\":\"View from 15th Floor\",\"Thumbnail\":{\"Url\":\"http://www.example.com/image/481989943\",\"Height\":125,\"Width\":100},\"Animated\":false,\"IDs\":[116,943,234,38793]}}"),
        FuzzTargets.Text("[{\"precision\":\"zip\",\"Latitude\":37.7668,\"Longitude\":-122.3959,\"Address\":\"\",\"City\":\"SAN FRANCISCO\",\"State\":\"CA\",\"Zip\":\"94107\",\"Country\":\"US\"}]"),
        FuzzTargets.Text("{\"a\":\"\\u20ac\\ud83d\\ude00\\n\",\"b\":[1e30,-0.5,123456789012345678901234567890,true,false,null]}"),
    ];

    public override bool IsTyped(Exception error) => error is JsonException;

    public override void Run(byte[] input) => JsonParser.Parse(input, 0, input.Length);
}

/// <summary>The gateway configuration (errors are a list, never an exception); seed: docs/provisioning's reference pole shape as in tests/OpenAmi.Gateway.Tests/Config/ConfigSamples.cs.</summary>
public sealed class ConfigTarget : FuzzTarget
{
    public override string Name => "config";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Text("""
        {"feederId":"feeder-north-paravur-01","gatewayId":"pole-ems-0042",
         "buses":[{"id":"rs485","kind":"rs485","port":"COM2","baud":9600},{"id":"optical","kind":"optical","port":"COM2"}],
         "meters":[{"id":"head","bus":"rs485","protocol":"dlms","address":17,"profile":"vendor-a","role":"feeder_head"},
                   {"id":"shop","bus":"rs485","protocol":"dlms","address":18,"profile":"vendor-b","prepaid":"sts","account":"12"},
                   {"id":"mill","bus":"rs485","protocol":"modbus","address":3,"profile":"eastron-sdm120","line":"L1","breakerA":32}],
         "intervals":{"instantaneousS":900,"statusS":60},
         "safety":{"channels":[{"id":"L1","adcChannel":0},{"id":"L2","adcChannel":3,"dcTripMa":5,"acTripMa":25}],"lockoutAttempts":3,"lockoutWindowS":86400},
         "northbound":{"broker":"mqtts://hes.example.org:8883","caCertFile":"I:\\ca.pem","commandKeyHex":"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"},
         "openPaygoLines":[{"line":"L2","keyHex":"bc41ec9530f6dac86b1a29ab82edc5fb","startingCode":516959010}],
         "lossAllowancePercent":8,"cellular":{"apn":"internet","module":"sim7600"}}
        """),
    ];

    public override bool IsTyped(Exception error) => false;

    public override void Run(byte[] input) => ConfigReader.Load(Encoding.UTF8.GetString(input), null);
}

/// <summary>Vendor profiles (errors are a list); seeds: the built-in profiles.</summary>
public sealed class ProfileTarget : FuzzTarget
{
    public override string Name => "profile";

    public override byte[][] Seeds { get; } = BuiltInProfiles.All.Select(FuzzTargets.Text).ToArray();

    public override bool IsTyped(Exception error) => false;

    public override int MaxInputBytes => 8192;

    public override void Run(byte[] input) => ProfileReader.Load(Encoding.UTF8.GetString(input));
}

/// <summary>The DLMS secrets file (errors are a list); seed from tests/OpenAmi.Gateway.Tests/Config/DlmsSecretTableTests.cs.</summary>
public sealed class SecretsTarget : FuzzTarget
{
    public override string Name => "secrets";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Text("{ \"systemTitleHex\": \"4F414D0000000042\", \"secrets\": { \"kestrel-hls\": { \"blockCipherKeyHex\": \"000102030405060708090A0B0C0D0E0F\", \"authenticationKeyHex\": \"D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF\" }, \"sunbird-lls\": { \"passwordHex\": \"3132333435363738\" } } }"),
    ];

    public override bool IsTyped(Exception error) => false;

    public override void Run(byte[] input) => DlmsSecretTable.Load(Encoding.UTF8.GetString(input), new System.Collections.ArrayList());
}

/// <summary>STS token numbers (IEC 62055-41) and the class 1 decoder; seeds: the published tokens of tests/OpenAmi.Prepaid.Tests/Sts/StsPathTests.cs.</summary>
public sealed class StsTarget : FuzzTarget
{
    public override string Name => "sts";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Text("12855806557697228949"), FuzzTargets.Text("35500312443047940328"), FuzzTargets.Text("62163371512291190907"),
        FuzzTargets.Text("6224 2341 6278 3014 8735"),
    ];

    public override bool IsTyped(Exception error) => false;

    public override int MaxInputBytes => 256;

    public override void Run(byte[] input)
    {
        if (StsTokenNumber.TryParse(Encoding.UTF8.GetString(input), out StsTokenNumber number, out _) && number.TokenClass == 1)
        {
            StsClass1Token.Decode(number);
        }
    }
}

/// <summary>OpenPAYGO Token entry; seeds: the published tokens of device TEST220000001 (tests/OpenAmi.Prepaid.Tests/OpenPayGo/OpenPaygoPublishedTokens.cs).</summary>
public sealed class OpenPaygoTarget : FuzzTarget
{
    private readonly OpenPaygoDecoder _decoder = new(Convert.FromHexString("bc41ec9530f6dac86b1a29ab82edc5fb"), 516959010, OpenPaygoWindows.Default);

    public override string Name => "openpaygo";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Text("588224011"), FuzzTargets.Text("247264959011"), FuzzTargets.Text("314114432231134"), FuzzTargets.Text("14323213131442331314"),
        FuzzTargets.Text("639704012"), FuzzTargets.Text("177073015"),
    ];

    public override bool IsTyped(Exception error) => false;

    public override int MaxInputBytes => 256;

    public override void Run(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        int mode = input.Length == 0 ? 0 : input[0] & 3;
        _decoder.Decode(text, (mode & 1) != 0, (mode & 2) != 0, OpenPaygoCountState.Fresh(1));
    }
}

/// <summary>COSEM date-time (Blue Book 4.1.6.1) and its conversion to UTC; seeds: the issue 18 D2 reproducers and a valid value.</summary>
public sealed class CosemDateTimeTarget : DlmsTarget
{
    public override string Name => "cosem-datetime";

    public override byte[][] Seeds { get; } =
    [
        FuzzTargets.Hex("07E50118FF0E303950FFC400"),
        FuzzTargets.Hex("0000010104000000000000 00"),
        FuzzTargets.Hex("7BE50118FF0E303950FFC400"),
        FuzzTargets.Hex("270F0C1F05173B000002D000"),
    ];

    public override int MaxInputBytes => 64;

    public override void Run(byte[] input)
    {
        if (CosemDateTime.Parse(input, 0, input.Length).TryToUtc(out DateTime utc))
        {
            CosemDateTime.FromUtc(utc);
        }
    }
}
