using System.Diagnostics;
using OpenAmi.Cli.Dlms;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Tests.Dlms;

/// <summary>
/// The termios/stty serial adapter against a real Linux pseudo-terminal: a Python helper owns the master side
/// and answers every received chunk with the same bytes reversed. (A pty cannot take 7E1 framing — stty reports
/// it could not apply it — so the optical sign-on settings are exercised only on real adapters.)
/// </summary>
public class SttySerialLinkTests
{
    private const string Helper = """
import os, pty, sys, select
master, slave = pty.openpty()
print(os.ttyname(slave), flush=True)
while True:
    r, _, _ = select.select([master, sys.stdin], [], [], 5)
    if sys.stdin in r or not r:
        break
    data = os.read(master, 256)
    os.write(master, data[::-1])
""";

    [Fact]
    public void WritesReadsAndTimesOutOnARealTty()
    {
        var start = new ProcessStartInfo("python3", ["-c", Helper]) { RedirectStandardOutput = true, RedirectStandardInput = true };
        using var helper = Process.Start(start)!;
        try
        {
            string device = helper.StandardOutput.ReadLine()!;
            using var link = new SttySerialLink(device, 9600, LineFormat.EightNoneOne);
            link.Write(new byte[] { 1, 2, 3, 0x7E }, 0, 4);
            var buffer = new byte[16];
            int got = 0;
            var deadline = Environment.TickCount64 + 3000;
            while (got < 4 && Environment.TickCount64 < deadline)
            {
                got += link.Read(buffer, got, buffer.Length - got, 500);
            }

            Assert.Equal(new byte[] { 0x7E, 3, 2, 1 }, buffer[..got]);
            Assert.Equal(0, link.Read(buffer, 0, buffer.Length, 300));
        }
        finally
        {
            helper.StandardInput.Close();
            helper.WaitForExit(5000);
        }
    }
}
