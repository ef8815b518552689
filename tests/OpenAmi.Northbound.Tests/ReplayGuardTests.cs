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
