using OpenAmi.Gateway.App;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// The gateway's two-slot records saved before the one flash byte order (docs/architecture.md, "Flash layouts") held
/// their integers little-endian; after an upgrade they must still load, and the next save writes them big-endian.
/// </summary>
public class FlashRecordUpgradeTests
{
    [Fact]
    public void Switched_off_lines_saved_little_endian_still_load()
    {
        // Old payload: the mask u32 little-endian. Lines 0 and 9 off = 0x0000_0201 -> 01 02 00 00.
        var store = new MemoryFileStore();
        store.Files["supply-off.0"] = LegacySlot.Of([0x01, 0x02, 0x00, 0x00]);

        var lines = new SwitchedOffLines(store);
        Assert.True(lines.IsOff(0));
        Assert.True(lines.IsOff(9));
        Assert.False(lines.IsOff(1));
        // Read big-endian, 01 02 00 00 would be 0x0102_0000: lines 17 and 24 off instead.
        Assert.False(lines.IsOff(17));
        Assert.False(lines.IsOff(24));
    }

    [Fact]
    public void Switched_off_lines_are_saved_big_endian_and_survive_a_reboot()
    {
        var store = new MemoryFileStore();
        var lines = new SwitchedOffLines(store);
        lines.SwitchedOff(0);
        lines.SwitchedOff(9);

        // Mask 0x0000_0201 big-endian: 00 00 02 01, the payload after the 10-byte slot header of "OAP2".
        byte[] slot = store.Files["supply-off.1"];
        Assert.Equal("OAP2"u8.ToArray(), slot[..4]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x02, 0x01 }, slot[10..14]);
        var rebooted = new SwitchedOffLines(store);
        Assert.True(rebooted.IsOff(0));
        Assert.True(rebooted.IsOff(9));
        Assert.False(rebooted.IsOff(1));
    }

    [Fact]
    public void Invocation_counters_saved_little_endian_still_load()
    {
        // Old payload, per meter: bus id length u8 | UTF-8 bus id | address u32 LE | next counter u32 LE.
        // Bus "rs485", address 0x11 -> 11 00 00 00, next counter 0x0001_0203 -> 03 02 01 00.
        var store = new MemoryFileStore();
        store.Files["dlms-ic.0"] = LegacySlot.Of(
            [5, (byte)'r', (byte)'s', (byte)'4', (byte)'8', (byte)'5', 0x11, 0, 0, 0, 0x03, 0x02, 0x01, 0x00]);

        var counters = new InvocationCounterTable(store).ForBus("rs485");
        Assert.Equal(0x0001_0203u, counters.Load(0x11));
        Assert.Equal(0u, counters.Load(0x11_00_00_00));
    }

    [Fact]
    public void Invocation_counters_are_saved_big_endian_and_survive_a_reboot()
    {
        var store = new MemoryFileStore();
        new InvocationCounterTable(store).ForBus("rs485").Save(0x11, 0x0001_0203);

        // 5 "rs485" | 00 00 00 11 | 00 01 02 03, after the 10-byte slot header of "OAP2".
        byte[] slot = store.Files["dlms-ic.0"];
        Assert.Equal("OAP2"u8.ToArray(), slot[..4]);
        Assert.Equal(
            new byte[] { 5, (byte)'r', (byte)'s', (byte)'4', (byte)'8', (byte)'5', 0, 0, 0, 0x11, 0x00, 0x01, 0x02, 0x03 },
            slot[10..24]);
        Assert.Equal(0x0001_0203u, new InvocationCounterTable(store).ForBus("rs485").Load(0x11));
    }
}
