using System.Text;
using OpenAmi.Northbound.Outbox;

namespace OpenAmi.Northbound.Tests;

public class OutboxTests
{
    private const int Capacity = 4096;
    private const int Segment = 1024;

    private static byte[] Payload(int i) => Encoding.UTF8.GetBytes("{\"n\":" + i + "}");

    private static List<(long Seq, string Topic, string Payload)> Drain(Outbox.Outbox outbox)
    {
        List<(long, string, string)> all = [];
        OutboxRecord record = new();
        long after = 0;
        while (outbox.ReadNext(after, record))
        {
            all.Add((record.Sequence, record.Topic, record.PayloadText));
            after = record.Sequence;
        }

        return all;
    }

    [Fact]
    public void Records_come_back_in_order_after_a_reopen()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        for (int i = 1; i <= 40; i++)
        {
            Assert.Equal(i, outbox.Append("t/" + (i % 3), Payload(i), 0, Payload(i).Length));
        }

        var reopened = Drain(new Outbox.Outbox(store, Capacity, Segment));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), reopened.Select(r => r.Seq));
        Assert.Equal("t/1", reopened[0].Topic);
        Assert.Equal("{\"n\":40}", reopened[39].Payload);
    }

    [Fact]
    public void Released_records_stay_released_across_a_reboot_and_sequences_continue()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        for (int i = 1; i <= 30; i++)
        {
            outbox.Append("t", Payload(i), 0, Payload(i).Length);
        }

        outbox.ReleaseThrough(25);
        Outbox.Outbox reopened = new(store, Capacity, Segment);
        Assert.Equal([26L, 27, 28, 29, 30], Drain(reopened).Select(r => r.Seq));
        Assert.Equal(5, reopened.Depth);
        Assert.Equal(31, reopened.Append("t", Payload(31), 0, Payload(31).Length));
    }

    [Fact]
    public void Fully_released_segments_are_deleted()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        for (int i = 1; i <= 100; i++)
        {
            outbox.Append("t", Payload(i), 0, Payload(i).Length);
            outbox.ReleaseThrough(i);
        }

        Assert.Single(store.Files.Keys, name => name.EndsWith(".log"));
        Assert.Equal(0, outbox.Depth);
    }

    [Fact]
    public void A_power_cut_at_any_byte_keeps_every_complete_record_and_drops_the_torn_tail()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, 64 * 1024, 32 * 1024);
        List<int> ends = [];
        for (int i = 1; i <= 12; i++)
        {
            outbox.Append("openami/v1/f/g/meter/M" + i + "/telemetry", Payload(i * 1000), 0, Payload(i * 1000).Length);
            ends.Add(store.Files.Values.Single().Length);
        }

        string segment = store.Files.Keys.Single(n => n.EndsWith(".log"));
        byte[] full = store.Files[segment];
        for (int cut = 0; cut <= full.Length; cut++)
        {
            MemoryFileStore torn = store.Clone();
            torn.Files[segment] = full[..cut];
            Outbox.Outbox recovered = new(torn, 64 * 1024, 32 * 1024);
            int complete = ends.Count(end => end <= cut);

            var records = Drain(recovered);
            Assert.Equal(Enumerable.Range(1, complete).Select(i => (long)i), records.Select(r => r.Seq));
            Assert.All(records, r => Assert.Equal("{\"n\":" + (r.Seq * 1000) + "}", r.Payload));

            // Appending after the cut continues the sequence and survives another reboot.
            long next = recovered.Append("t", Payload(99), 0, Payload(99).Length);
            Assert.Equal(complete + 1, next);
            Assert.Equal(complete + 1, Drain(new Outbox.Outbox(torn, 64 * 1024, 32 * 1024)).Count);
        }
    }

    [Fact]
    public void A_corrupted_byte_inside_a_record_ends_the_segment_there()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        for (int i = 1; i <= 5; i++)
        {
            outbox.Append("t", Payload(i), 0, Payload(i).Length);
        }

        string segment = store.Files.Keys.Single(n => n.EndsWith(".log"));
        int recordLength = Outbox.Outbox.RecordLength(1, Payload(1).Length);
        store.Files[segment][(2 * recordLength) + 18] ^= 0x01; // a payload byte of record 3
        Assert.Equal([1L, 2], Drain(new Outbox.Outbox(store, Capacity, Segment)).Select(r => r.Seq));
    }

    [Fact]
    public void When_full_the_oldest_segment_is_evicted_and_reported_as_a_data_gap()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        int recordLength = Outbox.Outbox.RecordLength(1, Payload(100).Length);
        int perSegment = Segment / recordLength;
        int total = (Capacity / recordLength) + 10;
        for (int i = 100; i < 100 + total; i++)
        {
            outbox.Append("t", Payload(i), 0, Payload(i).Length);
            Assert.True(outbox.TotalBytes <= Capacity);
        }

        Assert.True(outbox.TakeDataGap(out int lost, out long first, out long last));
        Assert.Equal(1, first);
        Assert.Equal(lost, last);
        Assert.Equal(0, lost % perSegment);
        var left = Drain(outbox);
        Assert.Equal(last + 1, left[0].Seq);
        Assert.Equal(total, left[^1].Seq);
        Assert.Equal(total - lost, left.Count);
        Assert.False(outbox.TakeDataGap(out _, out _, out _));
    }

    [Fact]
    public void Released_records_are_not_counted_as_lost_when_evicted()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        for (int i = 1; i <= 400; i++)
        {
            outbox.Append("t", Payload(i), 0, Payload(i).Length);
            if (i <= 20)
            {
                outbox.ReleaseThrough(i);
            }
        }

        Assert.True(outbox.TakeDataGap(out int lost, out long first, out _));
        Assert.Equal(21, first);
        Assert.True(lost > 0);
    }
}
