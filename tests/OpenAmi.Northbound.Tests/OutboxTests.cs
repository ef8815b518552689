using System.Buffers.Binary;
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
    public void A_record_read_back_carries_the_topic_string_its_append_was_given_and_a_reopened_outbox_decodes_it()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        // Built at run time, so the instance is not an interned literal another string could share.
        string topic = string.Concat("openami/v0/fdr/gw/", "meter-1/telemetry");
        string other = string.Concat("openami/v0/fdr/gw/", "meter-2/telemetry");
        outbox.Append(topic, Payload(1), 0, Payload(1).Length);
        outbox.Append(other, Payload(2), 0, Payload(2).Length);
        var record = new OutboxRecord();

        Assert.True(outbox.ReadNext(0, record));
        Assert.Same(topic, record.Topic);
        Assert.True(outbox.ReadNext(1, record));
        Assert.Same(other, record.Topic);
        var reopened = new Outbox.Outbox(store, Capacity, Segment);
        Assert.True(reopened.ReadNext(0, record));
        Assert.Equal(topic, record.Topic);
        Assert.NotSame(topic, record.Topic);
    }

    /// <summary>Bytes <paramref name="construct"/> allocates on this thread, measured on its second call (the first pays the runtime's one-time costs).</summary>
    internal static long Allocated(Action construct)
    {
        construct();
        long before = GC.GetAllocatedBytesForCurrentThread();
        construct();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // Issue 15: recovery checks each record's CRC through the outbox's small scan buffer (Outbox.ScanChunk), so a
    // backlog of large envelopes costs no buffer of a record's size at boot. Before, the record was read whole into a
    // scratch buffer grown to the largest record.
    [Fact]
    public void Recovery_streams_each_record_through_a_small_buffer_instead_of_loading_it()
    {
        MemoryFileStore store = new();
        byte[] large = Encoding.UTF8.GetBytes("{\"n\":\"" + new string('x', 3000) + "\"}");
        Outbox.Outbox outbox = new(store, 64 * 1024, 16 * 1024);
        for (int i = 0; i < 8; i++)
        {
            outbox.Append("t/large", large, 0, large.Length);
        }

        long allocated = Allocated(() => new Outbox.Outbox(store, 64 * 1024, 16 * 1024));

        Assert.InRange(allocated, 1, large.Length - 1);
        var recovered = Drain(new Outbox.Outbox(store, 64 * 1024, 16 * 1024));
        Assert.Equal(8, recovered.Count);
        Assert.All(recovered, r => Assert.Equal(Encoding.UTF8.GetString(large), r.Payload));
    }

    // Issue 15: nothing is held for losses that never happened: the gap ledger's record buffer (2,872 bytes for its
    // 16 ranges of 128-byte topics) appears only once a range is saved.
    [Fact]
    public void An_outbox_that_has_lost_nothing_holds_no_gap_ledger_buffer()
    {
        MemoryFileStore store = new();

        long allocated = Allocated(() => new Outbox.Outbox(store, Capacity, Segment));

        Assert.InRange(allocated, 1, 2048);
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
    public void A_flipped_bit_anywhere_in_one_record_loses_that_record_only_and_counts_it_once()
    {
        // D6 of the fault-isolation issue: recovery used to stop at the first bad record of a segment, so one flipped
        // bit also hid every intact record after it, unreported. Ten records in one segment; every bit position of
        // record 3 flipped in turn (header, topic, payload, CRC).
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        for (int i = 1; i <= 10; i++)
        {
            outbox.Append("t", Payload(i), 0, Payload(i).Length);
        }

        string segment = store.Files.Keys.Single(n => n.EndsWith(".log"));
        int recordLength = Outbox.Outbox.RecordLength(1, Payload(1).Length);
        for (int bit = 0; bit < recordLength * 8; bit++)
        {
            MemoryFileStore damaged = store.Clone();
            damaged.Files[segment][(2 * recordLength) + (bit / 8)] ^= (byte)(1 << (bit % 8));

            Outbox.Outbox recovered = new(damaged, Capacity, Segment);
            Assert.Equal([1L, 2, 4, 5, 6, 7, 8, 9, 10], Drain(recovered).Select(r => r.Seq));
            GapRange gap = Assert.Single(Ranges(recovered.Gaps));
            Assert.Equal((null, 1, 3L, 3L), (gap.Topic, gap.Count, gap.FirstSequence, gap.LastSequence));

            // Counted once: the next boot finds the same hole and does not count it again; sequences continue.
            Outbox.Outbox again = new(damaged, Capacity, Segment);
            Assert.Equal(1, again.Gaps.Lost);
            Assert.Equal(11, again.Append("t", Payload(11), 0, Payload(11).Length));
        }
    }

    [Fact]
    public void When_full_the_oldest_segment_is_evicted_and_counted_in_the_gap_ledger()
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

        GapRange gap = Assert.Single(Ranges(outbox.Gaps));
        Assert.Equal("t", gap.Topic);
        Assert.Equal(1, gap.FirstSequence);
        Assert.Equal(gap.Count, gap.LastSequence);
        Assert.Equal(0, gap.Count % perSegment);
        var left = Drain(outbox);
        Assert.Equal(gap.LastSequence + 1, left[0].Seq);
        Assert.Equal(total, left[^1].Seq);
        Assert.Equal(total - gap.Count, left.Count);
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

        GapRange gap = Assert.Single(Ranges(outbox.Gaps));
        Assert.Equal(21, gap.FirstSequence);
        Assert.Equal(400 - 20, gap.Count + outbox.Depth);
    }

    [Fact]
    public void Evictions_are_counted_per_stream_with_the_time_span_of_the_lost_envelopes_and_survive_reboots()
    {
        // Two meters alternating at 15-minute reads through ten outbox capacities: the ledger is never evicted, so
        // lost + still held = appended for each meter, and the span is the first and last lost envelope's "ts".
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        DateTime start = new(2026, 6, 22, 0, 0, 0, DateTimeKind.Utc);
        string[] topics = ["openami/v1/f/g/meter/A/telemetry", "openami/v1/f/g/meter/B/telemetry"];
        int appended = 0;
        while (outbox.Gaps.Lost < 10 * (Capacity / 100))
        {
            int slot = appended / 2;
            byte[] envelope = Encoding.UTF8.GetBytes("{\"schemaVersion\":\"0.1\",\"ts\":\"" + start.AddMinutes(15 * slot).ToString("yyyy-MM-ddTHH:mm:ssZ") + "\",\"n\":" + appended + "}");
            outbox.Append(topics[appended % 2], envelope, 0, envelope.Length);
            appended++;
            if (appended % 97 == 0)
            {
                outbox = new Outbox.Outbox(store, Capacity, Segment); // a reboot now and then
            }
        }

        var held = Drain(outbox);
        foreach (string topic in topics)
        {
            GapRange gap = Assert.Single(Ranges(outbox.Gaps), g => g.Topic == topic);
            var kept = held.Where(r => r.Topic == topic).ToList();
            int first = topic == topics[0] ? 0 : 1;
            Assert.Equal((appended + 1 - first) / 2, gap.Count + kept.Count);
            Assert.Equal(first + 1, gap.FirstSequence);
            Assert.Equal(start, new DateTime(gap.FirstTicks, DateTimeKind.Utc));

            // The last lost envelope of the meter is the one just before its first kept one.
            long firstKept = kept[0].Seq;
            Assert.Equal(firstKept - 2, gap.LastSequence);
            Assert.Equal(start.AddMinutes(15 * ((firstKept - 1) / 2 - 1)), new DateTime(gap.LastTicks, DateTimeKind.Utc));
        }
    }

    [Fact]
    public void A_range_stops_growing_once_a_later_record_of_its_stream_was_delivered()
    {
        // The link came back while the outbox still overflows: two records after the first lost ones are PUBACKed,
        // then eviction goes on. Had the range kept growing, its sequence and time span would contain envelopes
        // the head-end received but the count does not include.
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        int appended = 0;
        while (outbox.Gaps.Lost == 0)
        {
            appended++;
            outbox.Append("t", Payload(appended), 0, Payload(appended).Length);
        }

        long firstLoss = outbox.Gaps[0].LastSequence;
        outbox.ReleaseThrough(firstLoss + 2);
        while (outbox.Gaps.Lost == firstLoss)
        {
            appended++;
            outbox.Append("t", Payload(appended), 0, Payload(appended).Length);
        }

        var ranges = Ranges(outbox.Gaps);
        Assert.Equal(2, ranges.Count);
        Assert.Equal((1L, firstLoss), (ranges[0].FirstSequence, ranges[0].LastSequence));
        Assert.Equal(firstLoss + 3, ranges[1].FirstSequence);
        Assert.Equal(appended, ranges.Sum(r => r.Count) + 2 + outbox.Depth);
    }

    [Fact]
    public void A_power_cut_after_the_ledger_committed_an_eviction_neither_revives_nor_double_counts_it()
    {
        CutOnDelete store = new(new MemoryFileStore());
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        int appended = 0;
        while (store.AtCut == null)
        {
            outbox.Append("t", Payload(appended), 0, Payload(appended).Length);
            appended++;
        }

        // The power went with the first eviction's segment still on flash: the ledger had already counted it.
        Outbox.Outbox recovered = new(store.AtCut, Capacity, Segment);
        var held = Drain(recovered);
        Assert.Equal(appended - 1, recovered.Gaps.Lost + held.Count);
        Assert.Equal(recovered.Gaps[0].LastSequence + 1, held[0].Seq);
    }

    [Fact]
    public void The_ledger_stays_bounded_when_more_streams_lose_records_than_it_has_ranges()
    {
        MemoryFileStore store = new();
        Outbox.Outbox outbox = new(store, Capacity, Segment);
        int appended = 0;
        for (; appended < 2000; appended++)
        {
            outbox.Append("m" + (appended % 40), Payload(appended), 0, Payload(appended).Length);
        }

        Assert.True(outbox.Gaps.Count <= GapLedger.MaxRanges);
        Assert.Contains(Ranges(outbox.Gaps), g => g.Topic == null);
        Assert.Equal(appended, outbox.Gaps.Lost + outbox.Depth);
        Assert.Equal(outbox.Gaps.Lost, new Outbox.Outbox(store, Capacity, Segment).Gaps.Lost);
    }

    internal static List<GapRange> Ranges(GapLedger ledger) => Enumerable.Range(0, ledger.Count).Select(i => ledger[i]).ToList();

    /// <summary>A store whose first segment delete is where the power goes: <see cref="AtCut"/> is the flash just before it.</summary>
    private sealed class CutOnDelete(MemoryFileStore inner) : OpenAmi.Storage.Ports.IFileStore
    {
        public MemoryFileStore? AtCut { get; private set; }

        public string[] List() => inner.List();

        public int Length(string name) => inner.Length(name);

        public int Read(string name, int position, byte[] buffer, int offset, int count) => inner.Read(name, position, buffer, offset, count);

        public void Append(string name, byte[] buffer, int offset, int count) => inner.Append(name, buffer, offset, count);

        public void Write(string name, byte[] buffer, int offset, int count) => inner.Write(name, buffer, offset, count);

        public void Delete(string name)
        {
            AtCut ??= inner.Clone();
            inner.Delete(name);
        }
    }
}

/// <summary>
/// The outbox's released watermark (two-slot record "ob-released") saved before the one flash byte order held the
/// sequence as i64 little-endian; after an upgrade it must still say where delivery stopped.
/// </summary>
public class OutboxReleasedUpgradeTests
{
    [Fact]
    public void A_little_endian_watermark_from_the_previous_firmware_still_loads_and_is_saved_big_endian()
    {
        // Old payload: released-through 261 = 0x0105 as i64 little-endian -> 05 01 00 00 00 00 00 00.
        var store = new MemoryFileStore();
        store.Files["ob-released.0"] = LegacySlot.Of([0x05, 0x01, 0, 0, 0, 0, 0, 0]);

        var outbox = new Outbox.Outbox(store, 4096, 1024);
        Assert.Equal(261, outbox.ReleasedThrough);
        byte[] payload = Encoding.UTF8.GetBytes("{}");
        Assert.Equal(262, outbox.Append("t", payload, 0, payload.Length));

        // Released through 262 = 0x0106, big-endian: 00 00 00 00 00 00 01 06, after the "OAP2" slot header.
        outbox.ReleaseThrough(262);
        byte[] slot = store.Files["ob-released.1"];
        Assert.Equal("OAP2"u8.ToArray(), slot[..4]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0x01, 0x06 }, slot[10..18]);
        Assert.Equal(262, new Outbox.Outbox(store, 4096, 1024).ReleasedThrough);
    }
}

/// <summary>
/// Segment records written before the one flash byte order: <c>[A5][01][body u32][sequence i64][topic u16][topic][payload][CRC-32]</c>
/// with every integer little-endian. Telemetry waiting in the outbox when the firmware is updated must still be sent.
/// </summary>
public class OutboxSegmentUpgradeTests
{
    /// <summary>
    /// One record as the previous firmware appended it, built field by field with .NET's little-endian writers; the CRC
    /// is the product's <see cref="OpenAmi.Storage.Records.Crc32"/>, pinned by the storage tests to the published check value.
    /// </summary>
    private static byte[] LittleEndianRecord(long sequence, string topic, string payload)
    {
        byte[] topicBytes = Encoding.UTF8.GetBytes(topic);
        byte[] payloadBytes = Encoding.UTF8.GetBytes(payload);
        int body = topicBytes.Length + payloadBytes.Length;
        byte[] record = new byte[16 + body + 4];
        record[0] = 0xA5;
        record[1] = 0x01;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(2), (uint)body);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(6), sequence);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(14), (ushort)topicBytes.Length);
        topicBytes.CopyTo(record, 16);
        payloadBytes.CopyTo(record, 16 + topicBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(16 + body), OpenAmi.Storage.Records.Crc32.Compute(record, 0, 16 + body));
        return record;
    }

    private static byte[] OldSegment() =>
        [.. LittleEndianRecord(1, "t/a", "{\"n\":1}"), .. LittleEndianRecord(2, "t/b", "{\"n\":2}")];

    private static List<(long Seq, string Topic, string Payload)> Drain(Outbox.Outbox outbox)
    {
        List<(long, string, string)> all = [];
        OutboxRecord record = new();
        while (outbox.ReadNext(all.Count == 0 ? 0 : all[^1].Item1, record))
        {
            all.Add((record.Sequence, record.Topic, record.PayloadText));
        }

        return all;
    }

    [Fact]
    public void Records_of_the_little_endian_format_are_delivered_after_an_upgrade_and_new_ones_follow_big_endian()
    {
        var store = new MemoryFileStore();
        store.Files["ob00000001.log"] = OldSegment();

        var outbox = new Outbox.Outbox(store, 4096, 1024);
        Assert.Equal([(1L, "t/a", "{\"n\":1}"), (2L, "t/b", "{\"n\":2}")], Drain(outbox));

        byte[] payload = Encoding.UTF8.GetBytes("{\"n\":3}");
        Assert.Equal(3, outbox.Append("t/c", payload, 0, payload.Length));

        // The new record follows the old ones in the same segment, in format 0x02: body 3 + 7 = 10, sequence 3, topic 3.
        byte[] segment = store.Files["ob00000001.log"];
        int at = OldSegment().Length;
        Assert.Equal(new byte[] { 0xA5, 0x02, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3 }, segment[at..(at + 16)]);
        Assert.Equal(
            OpenAmi.Storage.Records.Crc32.Compute(segment, at, 16 + 10),
            BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(at + 26)));

        // After another reboot the mixed segment reads whole, and delivery releases across both formats.
        var reopened = new Outbox.Outbox(store, 4096, 1024);
        Assert.Equal(new long[] { 1, 2, 3 }, Drain(reopened).Select(r => r.Seq));
        reopened.ReleaseThrough(2);
        Assert.Equal(new long[] { 3 }, Drain(new Outbox.Outbox(store, 4096, 1024)).Select(r => r.Seq));
    }

    [Fact]
    public void An_evicted_record_of_the_little_endian_format_is_counted_under_its_own_stream()
    {
        var store = new MemoryFileStore();
        store.Files["ob00000001.log"] = OldSegment();
        var outbox = new Outbox.Outbox(store, 2048, 1024);

        // Fill until the old segment is evicted: its two unsent records become gaps of their streams.
        byte[] payload = Encoding.UTF8.GetBytes("{\"n\":\"" + new string('x', 400) + "\"}");
        for (int i = 0; i < 5; i++)
        {
            outbox.Append("t/new", payload, 0, payload.Length);
        }

        Assert.False(store.Files.ContainsKey("ob00000001.log"));
        var lost = OutboxTests.Ranges(outbox.Gaps).Select(g => (g.Topic, g.FirstSequence, g.LastSequence)).ToArray();
        Assert.Contains(("t/a", 1L, 1L), lost);
        Assert.Contains(("t/b", 2L, 2L), lost);
    }
}
