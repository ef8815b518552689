using System.Net;
using System.Net.Sockets;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Dlms;

/// <summary>
/// `openami dlms read --trace`: every frame on stderr, annotated, while stdout keeps its JSON; and what a silent line
/// says. Frame bytes are checked against IEC 62056-46's address and control encoding worked by hand: server 1:17 as
/// two bytes 0x02 0x23 (upper 1 shifted left, lower 17 shifted left with the end bit), client SAP 1 as 0x03, SNRM
/// with the poll bit 0x93, DISC with the poll bit 0x53 (a frame without information carries only the HCS).
/// </summary>
public class DlmsTraceTests
{
    [Fact]
    public void TheFramesOfAReadAreAnnotatedOnStderrInOrder()
    {
        var result = OpenAmiCli.Run("dlms", "read", "--port", "emulator:sunbird-s1", "--client", "1", "--server", "1:17", "--auth", "low",
            "--password", "00000000", "--obis", "1.0.1.8.0.255", "--trace");

        Assert.Equal(0, result.Exit);
        Assert.Equal("1.0.1.8.0.255", result.Document["readings"]![0]!["obis"]!.GetValue<string>());
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("trace ", l));

        var snrm = lines[0];
        Assert.StartsWith("trace -> HDLC SNRM P/F client 1 -> server 1:17, info ", snrm);
        Assert.Contains(", HCS ok, FCS ok: 7EA0", snrm);
        Assert.Equal("0223", snrm.Split(": ")[1][6..10]);
        Assert.Equal("0393", snrm.Split(": ")[1][10..14]);
        Assert.StartsWith("trace <- HDLC UA P/F server 1:17 -> client 1", lines[1]);

        // The exchange an LN association with one GET goes through, each APDU named once in this order.
        string[] expected = ["APDU aarq", "APDU aare", "APDU get-request normal", "APDU get-response normal", "APDU rlrq", "APDU rlre"];
        int at = 0;
        foreach (var apdu in expected)
        {
            at = Array.FindIndex(lines, at, l => l.Contains(", " + apdu + ":", StringComparison.Ordinal));
            Assert.True(at >= 0, $"no '{apdu}' in order in\n{result.Err}");
        }

        Assert.Matches("^trace -> HDLC DISC P/F client 1 -> server 1:17, info 0 bytes, HCS ok, FCS ok: 7EA00802230353[0-9A-F]{4}7E$", lines[^2]);
        Assert.StartsWith("trace <- HDLC UA P/F", lines[^1]);
    }

    [Fact]
    public void ASilentLineSaysWhatWasTriedAndWhatToCheck()
    {
        // A TCP serial server whose meter never answers: the connection is accepted, nothing comes back.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var result = OpenAmiCli.Run("dlms", "read", "--port", $"tcp://127.0.0.1:{port}", "--obis", "1.0.1.8.0.255", "--trace");

            Assert.Equal(1, result.Exit);
            Assert.Equal("", result.Out);
            var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // HdlcSettings: 3 retries after the first SNRM, 2000 ms each.
            Assert.Equal(4, lines.Count(l => l.StartsWith("trace -> HDLC SNRM P/F client 16 -> server 1:17", StringComparison.Ordinal)));
            // Each attempt waits out what is left of its 2000 ms after the SNRM went out (less by the time the write took on
            // a loaded host), so the silences are counted and bounded rather than matched to the millisecond.
            var silences = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, "^trace <- nothing within ([0-9]+) ms$"))
                .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.Equal(4, silences.Count);
            Assert.All(silences, ms => Assert.InRange(ms, 1500, 2000));
            Assert.StartsWith($"openami: dlms: no UA to SNRM after retries: tried client 16 -> server 1:17 on tcp://127.0.0.1:{port}", lines[^1]);
            Assert.Contains("4 attempts of 2000 ms; check the wiring (A/B, 120 ohm termination", lines[^1]);
            Assert.Contains("--server", lines[^1]);
            Assert.EndsWith("(timeout)", lines[^1]);
        }
        finally
        {
            listener.Stop();
        }
    }
}
