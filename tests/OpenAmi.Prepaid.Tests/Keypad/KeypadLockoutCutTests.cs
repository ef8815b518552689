using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Prepaid.Tests.Keypad;

/// <summary>
/// Issue 18, D13: a power cut at any byte of the save that counts an invalid entry must not forget it, and a
/// corruption of both slots must not unlock the keypad. Expected waits from the OpenPAYGO Token documentation's
/// rule as KeypadLockout documents it: 1 minute after the first counted invalid entry, doubling, capped at 512.
/// </summary>
public class KeypadLockoutCutTests
{
    private const long Minute = 60_000;
    private const int RecordLength = 10 + 13 + 4; // DualSlotRecordStore header + lockout payload + CRC

    [Fact]
    public void A_cut_at_any_byte_of_saving_the_third_invalid_entry_never_forgets_it()
    {
        for (int cut = 0; cut < RecordLength; cut++)
        {
            var store = new MemoryFileStore();
            var lockout = new KeypadLockout(store, 0);
            lockout.Restore(0);
            lockout.RegisterInvalid(0);
            lockout.RegisterInvalid(0);
            store.TearNextWrite(cut);
            lockout.RegisterInvalid(0);

            var restored = new KeypadLockout(store, 0);
            restored.Restore(0);

            Assert.True(restored.ConsecutiveInvalid >= 3, $"cut at byte {cut}: {restored.ConsecutiveInvalid} counted");
            Assert.True(restored.RemainingMs(0) >= 4 * Minute, $"cut at byte {cut}: {restored.RemainingMs(0)} ms");
        }
    }

    [Fact]
    public void Both_slots_corrupted_locks_for_the_longest_wait()
    {
        var store = new MemoryFileStore();
        var lockout = new KeypadLockout(store, 3);
        lockout.Restore(0);
        lockout.RegisterInvalid(0);
        lockout.RegisterInvalid(0);
        foreach (var name in store.Files.Keys.ToList())
        {
            store.FlipBit(name, 5);
        }

        var restored = new KeypadLockout(store, 3);
        restored.Restore(0);

        Assert.Equal(512 * Minute, restored.RemainingMs(0));
    }

    [Fact]
    public void An_intact_store_restores_exactly_what_was_saved()
    {
        var store = new MemoryFileStore();
        var lockout = new KeypadLockout(store, 0);
        lockout.Restore(0);
        lockout.RegisterInvalid(0);
        lockout.RegisterInvalid(0);

        var restored = new KeypadLockout(store, 0);
        restored.Restore(0);

        Assert.Equal((2, 2 * Minute), (restored.ConsecutiveInvalid, restored.RemainingMs(0)));
    }
}
