using OpenAmi.Northbound.Commands;

namespace OpenAmi.Northbound.Tests;

/// <summary>
/// The replay table's record bound: docs/northbound.md allows ids of 1–64 characters of [A-Za-z0-9._:-] (ASCII), so a
/// full table of the longest ids must persist and come back whole after a reboot.
/// </summary>
public class ReplayGuardTests
{
    private static readonly DateTime Issued = new(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc);

    private static string LongestId(int i) => i.ToString("D4") + new string('x', ReplayGuard.MaxIdLength - 4);

    [Fact]
    public void A_full_table_of_the_longest_ids_survives_a_reboot()
    {
        var store = new MemoryFileStore();
        var guard = new ReplayGuard(store);
        for (int i = 0; i < ReplayGuard.Capacity; i++)
        {
            guard.Remember(LongestId(i), Issued.AddSeconds(i));
        }

        var rebooted = new ReplayGuard(store);

        Assert.False(rebooted.Damaged);
        for (int i = 0; i < ReplayGuard.Capacity; i++)
        {
            Assert.False(rebooted.IsFresh(LongestId(i), Issued.AddHours(1)));
        }

        Assert.True(rebooted.IsFresh(LongestId(ReplayGuard.Capacity), Issued.AddHours(1)));
    }

    // Issue 15: the table's record buffer holds the table saved so far, not the 2,359-byte slot of a full table of
    // 64-character ids (which the test above still proves fits).
    [Fact]
    public void A_gateway_that_has_taken_no_command_holds_no_table_buffer()
    {
        var store = new MemoryFileStore();

        long allocated = OutboxTests.Allocated(() => new ReplayGuard(store));

        Assert.InRange(allocated, 1, 1024);
    }

    [Theory]
    [InlineData("")]
    [InlineData("c-\u00e9")]
    public void An_id_outside_the_grammar_is_refused_and_nothing_is_saved(string id)
    {
        var store = new MemoryFileStore();
        var guard = new ReplayGuard(store);

        Assert.Throws<ArgumentException>(() => guard.Remember(id, Issued));

        Assert.Empty(store.Files);
    }

    [Fact]
    public void An_id_longer_than_the_bound_is_refused()
    {
        var guard = new ReplayGuard(new MemoryFileStore());

        Assert.Throws<ArgumentException>(() => guard.Remember(new string('a', ReplayGuard.MaxIdLength + 1), Issued));
    }
}

/// <summary>The replay table saved before the one flash byte order (little-endian ticks) still guards after an upgrade.</summary>
public class ReplayGuardUpgradeTests
{
    [Fact]
    public void A_little_endian_table_from_the_previous_firmware_still_loads_and_is_saved_big_endian()
    {
        // Old payload: floor i64 LE | count u8 | (issued i64 LE | id length u8 | ASCII id).
        // Floor 0x08DE_0000_0000_0000 ticks (2025-ish) LE = 00 00 00 00 00 00 DE 08; one entry "c1" issued
        // 0x08DE_0000_0000_0001 ticks LE = 01 00 00 00 00 00 DE 08, id length 2, 'c' '1'.
        byte[] old = [0, 0, 0, 0, 0, 0, 0xDE, 0x08, 1, 1, 0, 0, 0, 0, 0, 0xDE, 0x08, 2, (byte)'c', (byte)'1'];
        var store = new MemoryFileStore();
        store.Files["cmd-replay.0"] = LegacySlot.Of(old);
        var floor = new DateTime(0x08DE_0000_0000_0000L, DateTimeKind.Utc);

        var guard = new ReplayGuard(store);
        Assert.False(guard.Damaged);
        Assert.False(guard.IsFresh("c1", floor.AddDays(1)));
        Assert.False(guard.IsFresh("c2", floor), "issued at the floor is not after it");
        Assert.True(guard.IsFresh("c2", floor.AddTicks(1)));

        // The next save writes the new format: floor big-endian = 08 DE 00 00 00 00 00 00.
        guard.Remember("c2", floor.AddDays(1));
        byte[] slot = store.Files["cmd-replay.1"];
        Assert.Equal("OAP2"u8.ToArray(), slot[..4]);
        Assert.Equal(new byte[] { 0x08, 0xDE, 0, 0, 0, 0, 0, 0 }, slot[10..18]);
        var rebooted = new ReplayGuard(store);
        Assert.False(rebooted.IsFresh("c1", floor.AddDays(1)));
        Assert.False(rebooted.IsFresh("c2", floor.AddDays(1)));
        Assert.True(rebooted.IsFresh("c3", floor.AddTicks(1)));
    }
}
