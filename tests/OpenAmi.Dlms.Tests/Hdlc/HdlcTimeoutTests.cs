using OpenAmi.Dlms;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Platform;

namespace OpenAmi.Dlms.Tests.Hdlc;

/// <summary>
/// The response timeout measured through the link: a link in simulated time (the feeder emulator's line) answers
/// a read with nothing the moment it has spent the wait, without any host time passing.
/// </summary>
public class HdlcTimeoutTests
{
    private sealed class SimulatedSilentLink : IByteLink
    {
        public List<int> Waits { get; } = new();

        public int Writes { get; private set; }

        public void Write(byte[] buffer, int offset, int count) => Writes++;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            Waits.Add(timeoutMs);
            return 0;
        }

        public void Configure(int baudRate, LineFormat format)
        {
        }

        public void DiscardInput()
        {
        }

        public void Delay(int milliseconds)
        {
        }
    }

    [Fact]
    public void An_unanswered_snrm_costs_exactly_its_response_timeout_per_attempt_in_link_time()
    {
        var link = new SimulatedSilentLink();
        var hdlc = new HdlcClientLink(link, new HdlcSettings { ResponseTimeoutMs = 1000, Retries = 1 });

        var error = Assert.Throws<DlmsException>(() => hdlc.Connect());

        Assert.Equal(DlmsErrorCode.Timeout, error.Code);
        // SNRM sent twice (1 + 1 retry). Each attempt's wait is one read of (nearly) the whole timeout — a host
        // millisecond ticking between the deadline and the read can split it in two — not the thousands of reads
        // a wait measured by host time alone would spin through until a real second has passed.
        Assert.Equal(2, link.Writes);
        Assert.InRange(link.Waits.Count, 2, 4);
        Assert.All(link.Waits, w => Assert.InRange(w, 1, 1000));
        Assert.True(link.Waits[0] >= 990, $"first wait {link.Waits[0]} ms");
    }
}
