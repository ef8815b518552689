using System.Buffers.Binary;
using OpenAmi.Metering.Intervals;

namespace OpenAmi.Metering.Tests.Intervals;

/// <summary>
/// The per-meter mark of the newest interval published, over the in-memory store that tears writes like a power cut.
/// A "reboot" is a new instance over the same files.
/// </summary>
public class IntervalHighWaterTests
{
    private static readonly DateTime T0 = new(2024, 6, 1, 0, 15, 0, DateTimeKind.Utc);

    [Fact]
    public void Marks_survive_a_reboot_per_meter()
    {
        var store = new MemoryFileStore();
        var marks = new IntervalHighWater(store);
        Assert.False(marks.TryGet("sunbird-1", out _));

        Assert.True(marks.Advance("sunbird-1", T0));
        Assert.True(marks.Advance("kestrel-2", T0.AddMinutes(30)));
        Assert.True(marks.Advance("sunbird-1", T0.AddMinutes(15)));

        var rebooted = new IntervalHighWater(store);
        Assert.False(rebooted.FoundDamage);
        Assert.True(rebooted.TryGet("sunbird-1", out var sunbird));
        Assert.Equal(T0.AddMinutes(15), sunbird);
        Assert.Equal(DateTimeKind.Utc, sunbird.Kind);
        Assert.True(rebooted.TryGet("kestrel-2", out var kestrel));
        Assert.Equal(T0.AddMinutes(30), kestrel);
        Assert.True(rebooted.IsPublished("sunbird-1", T0.AddMinutes(15)));
        Assert.False(rebooted.IsPublished("sunbird-1", T0.AddMinutes(30)));
        Assert.False(rebooted.IsPublished("optiq-3", T0));
    }

    [Fact]
    public void A_mark_never_moves_back_and_an_older_interval_writes_nothing()
    {
        var store = new MemoryFileStore();
        var marks = new IntervalHighWater(store);
        marks.Advance("m", T0.AddHours(1));
        var before = store.Clone();

        Assert.False(marks.Advance("m", T0));
        Assert.False(marks.Advance("m", T0.AddHours(1)));

        Assert.Equal(before.Files.Keys.Order(), store.Files.Keys.Order());
        foreach (var (name, bytes) in before.Files)
        {
            Assert.Equal(bytes, store.Files[name]);
        }

        Assert.True(marks.TryGet("m", out var mark));
        Assert.Equal(T0.AddHours(1), mark);
    }

    [Fact]
    public void A_power_cut_during_a_save_keeps_the_previous_marks()
    {
        var store = new MemoryFileStore();
        var marks = new IntervalHighWater(store);
        marks.Advance("m", T0);
        marks.Advance("m", T0.AddMinutes(15));

        store.TearNextWrite(7);
        Assert.Throws<IOException>(() => marks.Advance("m", T0.AddMinutes(30)));
        Assert.True(marks.TryGet("m", out var inMemory));
        Assert.Equal(T0.AddMinutes(15), inMemory); // the failed save did not move it

        var rebooted = new IntervalHighWater(store);
        Assert.True(rebooted.FoundDamage);
        Assert.True(rebooted.TryGet("m", out var mark));
        Assert.Equal(T0.AddMinutes(15), mark);
    }

    [Fact]
    public void The_record_is_big_endian_like_every_record_of_the_store()
    {
        var store = new MemoryFileStore();
        new IntervalHighWater(store).Advance("m1", T0);

        // Slot layout (DualSlotRecordStore): "OAP2" | sequence u32 | length u16 | payload | CRC-32; payload: version 1,
        // id length 2, "m1", ticks as i64 — the ticks encoded here by .NET's BinaryPrimitives, a second implementation.
        var slot = store.Files["lp-hwm.0"];
        var ticks = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(ticks, T0.Ticks);
        Assert.Equal("OAP2"u8.ToArray(), slot[..4]);
        Assert.Equal(new byte[] { 0, 12 }, slot[8..10]);
        Assert.Equal(new byte[] { 1, 2, (byte)'m', (byte)'1' }.Concat(ticks).ToArray(), slot[10..22]);
    }

    [Fact]
    public void A_full_record_is_refused_and_leaves_the_marks_as_they_were()
    {
        var store = new MemoryFileStore();
        var marks = new IntervalHighWater(store);
        string id = new('x', 100);
        int fits = (IntervalHighWater.MaxPayload - 1) / (1 + 100 + 2 + 8);
        for (int i = 0; i < fits; i++)
        {
            marks.Advance(id + i.ToString("00"), T0);
        }

        Assert.Throws<InvalidOperationException>(() => marks.Advance(id + "zz", T0));
        Assert.False(marks.TryGet(id + "zz", out _));
        Assert.Throws<ArgumentException>(() => new IntervalHighWater(new MemoryFileStore()).Advance(new string('y', 256), T0));
        Assert.True(new IntervalHighWater(store).TryGet(id + (fits - 1).ToString("00"), out _));
    }
}
