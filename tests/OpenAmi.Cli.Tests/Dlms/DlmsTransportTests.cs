using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Net;

namespace OpenAmi.Cli.Tests.Dlms;

/// <summary>
/// `openami dlms read` over the transports a bench user has besides a local serial device, each against an emulated
/// meter hosted by this test process: HDLC through a TCP serial server (an RS-485-to-Ethernet converter in raw mode)
/// and the IEC 62056-47 wrapper on TCP. The expected readings are the values the test itself puts into the meter.
/// </summary>
public class DlmsTransportTests
{
    [Fact]
    public void ReadsAMeterBehindATcpSerialServerInOneCommand()
    {
        var bus = new SimulatedBus();
        using var meter = new EmulatedMeter(bus, MeterProfile.Sunbird);
        meter.State.EnergyImportWh = 4_321_098;
        meter.State.VoltageV = 231.4;
        using var converter = new TcpSerialServer(bus, MeterProfile.Sunbird.DefaultBaud);

        var json = Read("--port", $"tcp://127.0.0.1:{converter.Port}", "--client", "16", "--server", "1:17",
            "--auth", "low", "--password", "00000000", "--obis", "1.0.1.8.0.255", "1.0.32.7.0.255");

        var readings = json["readings"]!.AsArray();
        Assert.Equal(4_321_098, readings[0]!["scaled"]!["value"]!.GetValue<double>(), 6);
        Assert.Equal("Wh", readings[0]!["scaled"]!["unit"]!.GetValue<string>());
        Assert.Equal(231.4, readings[1]!["scaled"]!["value"]!.GetValue<double>(), 6);
        Assert.True(meter.FramesReceived > 0);
    }

    [Fact]
    public void ReadsAMeterThroughTheDlmsWrapper()
    {
        using var meter = new WrapperMeterServer(MeterProfile.Sunbird);
        meter.State.EnergyImportWh = 987_654;

        var json = Read("--port", $"wrapper://127.0.0.1:{meter.Port}", "--client", "16", "--server", "1",
            "--auth", "low", "--password", "00000000", "--obis", "1.0.1.8.0.255", "1/0.0.96.1.1.255/2");

        var readings = json["readings"]!.AsArray();
        Assert.Equal(987_654, readings[0]!["scaled"]!["value"]!.GetValue<double>(), 6);
        Assert.Equal("SB1-000123", readings[1]!["result"]!["value"]!.GetValue<string>());
        Assert.True(meter.ApdusReceived >= 3); // AARQ, GET(s), RLRQ
    }

    [Fact]
    public void WrapperToAnotherLogicalDeviceTimesOutWithOneLine()
    {
        using var meter = new WrapperMeterServer(MeterProfile.Sunbird);
        var result = OpenAmiCli.Run("dlms", "read", "--port", $"wrapper://127.0.0.1:{meter.Port}", "--server", "7", "--obis", "1.0.1.8.0.255");
        result.AssertFailedWithOneLine();
        Assert.Contains("(timeout)", result.Err);
    }

    [Fact]
    public void NothingListeningIsOneLineNotAStackTrace()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var result = OpenAmiCli.Run("dlms", "read", "--port", $"tcp://127.0.0.1:{closedPort}", "--obis", "1.0.1.8.0.255");
        result.AssertFailedWithOneLine();
        Assert.Contains("(link-refused)", result.Err);
        result = OpenAmiCli.Run("dlms", "read", "--port", "tcp://127.0.0.1", "--obis", "1.0.1.8.0.255");
        result.AssertFailedWithOneLine();
        Assert.Contains("(invalid-argument)", result.Err);
    }

    [Fact]
    public void ProgrammingModeReadOfTheEmulatedOpticalMeter()
    {
        var json = Read("readout", "--port", "emulator:optiq-e1", "--password", "00000000", "--register", "1.8.0", "32.7.0", "99.99.9")["iec21"]!;
        Assert.Equal("programming", json["kind"]!.GetValue<string>());
        Assert.Equal("(OQ-778899)", json["operand"]!.GetValue<string>());
        var sets = json["dataSets"]!.AsArray();
        // EmulatedMeterState defaults: 1 234 567 Wh, 229.7 V (the same figures the mode C readout test expects).
        Assert.Equal(("001234.567", "kWh"), (sets[0]!["value"]!.GetValue<string>(), sets[0]!["unit"]!.GetValue<string>()));
        Assert.Equal(("229.7", "V"), (sets[1]!["value"]!.GetValue<string>(), sets[1]!["unit"]!.GetValue<string>()));
        Assert.Equal("ERROR", sets[2]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void WrongProgrammingPasswordIsAnAuthenticationError()
    {
        var result = OpenAmiCli.Run("dlms", "readout", "--port", "emulator:optiq-e1", "--password", "12345678", "--register", "1.8.0");
        result.AssertFailedWithOneLine();
        Assert.Contains("(authentication-failed)", result.Err);
        result = OpenAmiCli.Run("dlms", "readout", "--port", "emulator:optiq-e1", "--register", "1.8.0");
        result.AssertFailedWithOneLine();
    }

    [Theory]
    // IEC 62056-21 §6.3.7, hand-encoded: B0 = 01 'B' '0' ETX, BCC 0x42^0x30^0x03 = 0x71.
    [InlineData("0142300371", "B0", null, 0x71)]
    // R1 "1.8.0()": BCC 0x52^0x31^0x02^"1.8.0()"^0x03 = 0x5A.
    [InlineData("01523102312E382E302829035A", "R1", "1.8.0()", 0x5A)]
    // P1 "(00000000)": BCC 0x50^0x31^0x02^0x28^0x29^0x03 = 0x61 (the eight '0's cancel).
    [InlineData("015031022830303030303030302903" + "61", "P1", "(00000000)", 0x61)]
    public void DecodesCommandMessages(string hex, string command, string? data, int bcc)
    {
        var message = Json("dlms", "decode", "--iec21", hex)["iec21"]!;
        Assert.Equal("command", message["kind"]!.GetValue<string>());
        Assert.Equal(command, message["command"]!.GetValue<string>());
        Assert.Equal(data, message["data"]?.GetValue<string>());
        Assert.Equal(bcc, message["bcc"]!.GetValue<int>());
        Assert.True(message["bccValid"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(message["meaning"]!.GetValue<string>()));
    }

    [Fact]
    public void DecodesProgrammingAnswersAndSingleByteReplies()
    {
        var body = Encoding.ASCII.GetBytes("1.8.0(001234.5*kWh)\u0003");
        byte bcc = 0;
        foreach (var b in body)
        {
            bcc ^= b; // §6.3.3: XOR after STX through ETX, computed here independently
        }

        var answer = Json("dlms", "decode", "--iec21", "02" + Convert.ToHexString(body) + bcc.ToString("X2"))["iec21"]!;
        Assert.True(answer["bccValid"]!.GetValue<bool>());
        Assert.Equal("001234.5", answer["dataSets"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("ack", Json("dlms", "decode", "--iec21", "06")["iec21"]!["kind"]!.GetValue<string>());
        Assert.Equal("nak", Json("dlms", "decode", "--iec21", "15")["iec21"]!["kind"]!.GetValue<string>());
        var bad = OpenAmiCli.Run("dlms", "decode", "--iec21", "0158300309");
        bad.AssertFailedWithOneLine();
        Assert.Contains("(iec21-protocol)", bad.Err);
    }

    private static JsonObject Read(params string[] args) => Json(args[0] == "readout" ? new[] { "dlms" }.Concat(args).ToArray() : new[] { "dlms", "read" }.Concat(args).ToArray());

    private static JsonObject Json(params string[] args)
    {
        var result = OpenAmiCli.Run(args);
        result.AssertSucceededQuietly();
        return result.Document;
    }
}
