using System.Buffers.Binary;
using OpenAmi.Storage.Records;
using OpenAmi.TestVectors;

namespace OpenAmi.Storage.Tests.Records;

public class DualSlotRecordStoreTests
{
    // Header 10 + payload 20 + CRC 4: a 20-byte record occupies 34 bytes in its slot.
    private const int RecordBytes = DualSlotRecordStore.HeaderLength + 20 + DualSlotRecordStore.TrailerLength;

    /// <summary>0 … 33: every length a torn write can leave, and every byte a bit flip can hit.</summary>
    public static TheoryData<int> EverySlotByte()
    {
        var offsets = new TheoryData<int>();
        for (int i = 0; i < RecordBytes; i++)
        {
            offsets.Add(i);
        }

        return offsets;
    }

    private static byte[] Payload(byte fill, int length = 20) => Enumerable.Repeat(fill, length).ToArray();

    private static byte[] Load(MemoryFileStore store, out int length)
    {
        var buffer = new byte[64];
        length = new DualSlotRecordStore(store, "r", 64).Load(buffer);
        return buffer;
    }

    /// <summary>A fresh reader of the store finds the 20-byte record filled with <paramref name="fill"/>.</summary>
    private static void AssertLoads(MemoryFileStore store, byte fill)
    {
        var loaded = Load(store, out var length);
        Assert.Equal(20, length);
        Assert.Equal(Payload(fill), loaded[..20]);
    }

    /// <summary>
    /// docs/architecture.md, OpenAmi.Storage: "OAP2" | sequence u32 | length u16 | payload | CRC-32 u32, big-endian, the
    /// CRC over everything before it; the first save of an empty store has sequence 1. Payload DE AD.
    /// </summary>
    private static byte[] DocumentedFirstSlot() => Convert.FromHexString(StorageVectors.FirstSlotFile.Replace(" ", ""));

    [Fact]
    public void NothingStoredLoadsAsAbsent()
    {
        Load(new MemoryFileStore(), out var length);
        Assert.Equal(-1, length);
    }

    [Fact]
    public void TheNewestSaveWinsAcrossRestarts()
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        for (byte i = 1; i <= 5; i++)
        {
            record.Save(Payload(i), 0, 20);
        }

        AssertLoads(store, 5);
    }

    [Theory]
    [MemberData(nameof(EverySlotByte))]
    public void ATornWriteKeepsThePreviousRecord(int bytesWritten)
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20);
        record.Save(Payload(2), 0, 20);

        store.TearNextWrite(bytesWritten);
        Assert.Throws<IOException>(() => record.Save(Payload(3), 0, 20));

        AssertLoads(store, 2);
    }

    [Fact]
    public void AfterATornWriteTheNextSaveDoesNotOverwriteTheSurvivor()
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20);
        store.TearNextWrite(12);
        Assert.Throws<IOException>(() => record.Save(Payload(2), 0, 20));

        // Reboot, then another torn write: the record saved before both cuts must still be there.
        var rebooted = new DualSlotRecordStore(store, "r", 64);
        rebooted.Load(new byte[64]);
        store.TearNextWrite(5);
        Assert.Throws<IOException>(() => rebooted.Save(Payload(3), 0, 20));
        AssertLoads(store, 1);
    }

    [Theory]
    [MemberData(nameof(EverySlotByte))]
    public void AFlippedBitFallsBackToTheOlderSlot(int byteIndex)
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20); // slot 0
        record.Save(Payload(2), 0, 20); // slot 1
        store.FlipBit("r.1", byteIndex);
        AssertLoads(store, 1);
    }

    [Fact]
    public void ASlotLongerThanTheLargestRecordFallsBackToTheOlderSlot()
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20); // slot 0
        store.Files["r.1"] = new byte[DualSlotRecordStore.HeaderLength + 65 + DualSlotRecordStore.TrailerLength];
        AssertLoads(store, 1);
    }

    [Fact]
    public void TheFirstSaveWritesTheDocumentedLayoutToSlotZero()
    {
        // The layout vector of tests/vectors/StorageVectors.cs (source cited there), shared with the board tests.
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        Assert.Equal(-1, record.Load(new byte[64]));
        var payload = Convert.FromHexString(StorageVectors.FirstPayload);
        record.Save(payload, 0, payload.Length);

        Assert.Equal(["r.0"], store.List());
        Assert.Equal(DocumentedFirstSlot(), store.Files["r.0"]);
    }

    [Fact]
    public void A_slot_saved_before_the_one_byte_order_still_loads_and_is_flagged_until_the_next_save()
    {
        // StorageVectors.LegacyFirstSlotFile: the old "OAP1" slot of payload DE AD (CRC source cited there).
        var store = new MemoryFileStore();
        store.Files["r.0"] = Convert.FromHexString(StorageVectors.LegacyFirstSlotFile.Replace(" ", ""));
        var record = new DualSlotRecordStore(store, "r", 64);
        var loaded = new byte[64];
        Assert.Equal(2, record.Load(loaded));
        Assert.Equal(new byte[] { 0xDE, 0xAD }, loaded[..2]);
        Assert.True(record.LoadedLegacyFormat);

        // The next save (sequence 2) goes to slot 1 in the new format, and is the one a restart loads.
        record.Save(new byte[] { 0xBE, 0xEF }, 0, 2);
        Assert.Equal("OAP2"u8.ToArray(), store.Files["r.1"][..4]);
        var restarted = new DualSlotRecordStore(store, "r", 64);
        Assert.Equal(2, restarted.Load(loaded));
        Assert.Equal(new byte[] { 0xBE, 0xEF }, loaded[..2]);
        Assert.False(restarted.LoadedLegacyFormat);
    }

    [Fact]
    public void A_slot_with_an_unknown_format_marker_is_not_a_record()
    {
        // The documented first slot with its marker turned into "OAP3" (CRC recomputed so only the marker is wrong).
        var slot = DocumentedFirstSlot();
        slot[3] = (byte)'3';
        BinaryPrimitives.WriteUInt32BigEndian(slot.AsSpan(12), Crc32.Compute(slot, 0, 12));
        var store = new MemoryFileStore();
        store.Files["r.0"] = slot;
        Load(store, out var length);
        Assert.Equal(-1, length);
    }

    [Fact]
    public void A_payload_saved_in_place_is_the_documented_layout_and_loads_in_place_after_a_restart()
    {
        // Same layout as TheFirstSaveWritesTheDocumentedLayoutToSlotZero: the in-place save only skips the copy.
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        Assert.Equal(-1, record.LoadInPlace());
        record.Buffer[DualSlotRecordStore.PayloadOffset] = 0xDE;
        record.Buffer[DualSlotRecordStore.PayloadOffset + 1] = 0xAD;
        record.SaveInPlace(2);

        Assert.Equal(DocumentedFirstSlot(), store.Files["r.0"]);
        var restarted = new DualSlotRecordStore(store, "r", 64);
        Assert.Equal(2, restarted.LoadInPlace());
        Assert.Equal(new byte[] { 0xDE, 0xAD }, restarted.Buffer[DualSlotRecordStore.PayloadOffset..(DualSlotRecordStore.PayloadOffset + 2)]);
    }

    [Fact]
    public void An_in_place_save_after_a_torn_write_keeps_the_survivor()
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20);
        store.Files["r.1"] = new byte[7];
        var restarted = new DualSlotRecordStore(store, "r", 64);
        Assert.Equal(20, restarted.LoadInPlace());
        Assert.True(restarted.FoundDamage);
        Array.Fill(restarted.Buffer, (byte)2, DualSlotRecordStore.PayloadOffset, 20);
        restarted.SaveInPlace(20);

        Assert.Equal(Payload(1), store.Files["r.0"][DualSlotRecordStore.PayloadOffset..(DualSlotRecordStore.PayloadOffset + 20)]);
        AssertLoads(store, 2);
    }

    [Fact]
    public void An_in_place_payload_larger_than_the_bound_is_refused_and_nothing_is_written()
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => record.SaveInPlace(9));
        Assert.Empty(store.Files);
    }

    [Fact]
    public void APayloadLargerThanTheBoundIsRefusedAndNothingIsWritten()
    {
        var store = new MemoryFileStore();
        var record = new DualSlotRecordStore(store, "r", 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => record.Save(new byte[9], 0, 9));
        Assert.Empty(store.Files);
    }

    // Issue 15 (the composition's heap): the slot buffer follows the record actually held, not the bound. Expected
    // sizes are the layout's arithmetic (header 10 + payload + CRC 4).
    [Fact]
    public void A_store_with_no_record_holds_no_buffer_for_the_largest_one()
    {
        var store = new MemoryFileStore();
        // The first load runs once unmeasured: the runtime's one-time costs of the first call are not the store's.
        new DualSlotRecordStore(store, "r", 4096).LoadInPlace();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var record = new DualSlotRecordStore(store, "r", 4096);
        Assert.Equal(-1, record.LoadInPlace());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The object, its slot names and the host's first-call costs; the bound's 4,110-byte slot buffer is far above.
        Assert.InRange(allocated, 1, 1024);
        Assert.Equal(DualSlotRecordStore.HeaderLength + 20 + DualSlotRecordStore.TrailerLength, record.BufferFor(20).Length);
    }

    [Fact]
    public void A_loaded_record_gets_a_buffer_of_its_own_slot_length_and_keeps_it_while_growing()
    {
        var store = new MemoryFileStore();
        new DualSlotRecordStore(store, "r", 4096).Save(Payload(7), 0, 20);

        var restarted = new DualSlotRecordStore(store, "r", 4096);
        Assert.Equal(20, restarted.LoadInPlace());
        Assert.Equal(RecordBytes, restarted.BufferFor(20).Length);

        // One byte more doubles the buffer (not a copy at every growing save) and keeps the payload loaded.
        byte[] grown = restarted.BufferFor(21);
        Assert.Equal(2 * RecordBytes, grown.Length);
        Assert.Equal(Payload(7), grown[DualSlotRecordStore.PayloadOffset..(DualSlotRecordStore.PayloadOffset + 20)]);

        // Never past the bound: the whole-record view is exactly the largest slot.
        Assert.Equal(DualSlotRecordStore.HeaderLength + 4096 + DualSlotRecordStore.TrailerLength, restarted.Buffer.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => restarted.BufferFor(4097));
    }

    [Fact]
    public void A_slot_longer_than_the_bound_is_invalid_and_allocates_nothing_for_it()
    {
        var store = new MemoryFileStore();
        new DualSlotRecordStore(store, "r", 64).Save(Payload(3, 64), 0, 64);

        var smaller = new DualSlotRecordStore(store, "r", 20);
        Assert.Equal(-1, smaller.LoadInPlace());
        Assert.True(smaller.FoundDamage);
        Assert.Equal(RecordBytes, smaller.BufferFor(20).Length);
    }

    [Fact]
    public void SequenceWrapStillPicksTheNewer()
    {
        var store = new MemoryFileStore();
        // Hand-built slots: sequence 0xFFFFFFFF in slot 0, then 0 in slot 1 (wrapped) - 0 is the newer.
        WriteRaw(store, 0, 0xFFFFFFFF, 7);
        WriteRaw(store, 1, 0x00000000, 8);
        Assert.Equal(8, Load(store, out _)[0]);
    }

    private static void WriteRaw(MemoryFileStore store, int slot, uint sequence, byte value)
    {
        var buffer = new byte[15];
        var writer = new RecordWriter(buffer, 0);
        foreach (var c in "OAP1")
        {
            writer.WriteByte(c);
        }

        writer.WriteUInt32(sequence);
        writer.WriteByte(0);
        writer.WriteByte(1);
        writer.WriteByte(value);
        writer.WriteUInt32(Crc32.Compute(buffer, 0, 11));
        store.Write("r." + slot, buffer, 0, 15);
    }
}
