using OpenAmi.Prepaid.Storage;
using OpenAmi.Prepaid.Tests.Fakes;

namespace OpenAmi.Prepaid.Tests.Storage;

public class DualSlotRecordStoreTests
{
    private static byte[] Payload(byte fill, int length = 20) => Enumerable.Repeat(fill, length).ToArray();

    private static byte[] Load(MemoryStore store, out int length)
    {
        var buffer = new byte[64];
        length = new DualSlotRecordStore(store, "r", 64).Load(buffer);
        return buffer;
    }

    [Fact]
    public void Crc32MatchesTheCatalogueCheckValue()
    {
        // CRC-32/ISO-HDLC check value for ASCII "123456789" (Greg Cook, "Catalogue of parametrised CRC
        // algorithms", https://reveng.sourceforge.io/crc-catalogue/17plus.htm#crc.cat.crc-32-iso-hdlc).
        var data = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void NothingStoredLoadsAsAbsent()
    {
        Load(new MemoryStore(), out var length);
        Assert.Equal(-1, length);
    }

    [Fact]
    public void TheNewestSaveWinsAcrossRestarts()
    {
        var store = new MemoryStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        for (byte i = 1; i <= 5; i++)
        {
            record.Save(Payload(i), 0, 20);
        }

        var loaded = Load(store, out var length);
        Assert.Equal(20, length);
        Assert.Equal(Payload(5), loaded[..20]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(33)]
    public void ATornWriteKeepsThePreviousRecord(int bytesWritten)
    {
        var store = new MemoryStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20);
        record.Save(Payload(2), 0, 20);

        store.TearNextWrite(bytesWritten);
        Assert.Throws<IOException>(() => record.Save(Payload(3), 0, 20));

        var loaded = Load(store, out var length);
        Assert.Equal(20, length);
        Assert.Equal(Payload(2), loaded[..20]);
    }

    [Fact]
    public void AfterATornWriteTheNextSaveDoesNotOverwriteTheSurvivor()
    {
        var store = new MemoryStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20);
        store.TearNextWrite(12);
        Assert.Throws<IOException>(() => record.Save(Payload(2), 0, 20));

        // Reboot, then another torn write: the record saved before both cuts must still be there.
        var rebooted = new DualSlotRecordStore(store, "r", 64);
        rebooted.Load(new byte[64]);
        store.TearNextWrite(5);
        Assert.Throws<IOException>(() => rebooted.Save(Payload(3), 0, 20));
        Assert.Equal(Payload(1), Load(store, out _)[..20]);
    }

    [Fact]
    public void AFlippedBitFallsBackToTheOlderSlot()
    {
        var store = new MemoryStore();
        var record = new DualSlotRecordStore(store, "r", 64);
        record.Save(Payload(1), 0, 20); // slot 0
        record.Save(Payload(2), 0, 20); // slot 1
        store.FlipBit("r", 1, 15);
        Assert.Equal(Payload(1), Load(store, out _)[..20]);
    }

    [Fact]
    public void SequenceWrapStillPicksTheNewer()
    {
        var store = new MemoryStore();
        // Hand-built slots: sequence 0xFFFFFFFF in slot 0, then 0 in slot 1 (wrapped) - 0 is the newer.
        WriteRaw(store, 0, 0xFFFFFFFF, 7);
        WriteRaw(store, 1, 0x00000000, 8);
        Assert.Equal(8, Load(store, out _)[0]);
    }

    private static void WriteRaw(MemoryStore store, int slot, uint sequence, byte value)
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
        store.Write("r", slot, buffer, 0, 15);
    }
}
