using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Prepaid.Tests.Keypad;

/// <summary>
/// The debounce rule of the keypad adapter (issue 9): a key counts after 3 identical scans taken 20 ms apart, and two
/// keys at once on the diode-less matrix are no reading. Expected key-downs are worked out by hand from that rule.
/// </summary>
public class KeyDebouncerTests
{
    private const int None = KeyDebouncer.NoKey;
    private const int ScanPeriodMs = 20;
    private readonly KeyDebouncer _debouncer = new();

    private static int Mask(params int[] keys) => keys.Aggregate(0, (mask, key) => mask | 1 << key);

    /// <summary>Feeds one scan per mask and returns what each scan reported.</summary>
    private int[] Scan(params int[] masks) => masks.Select(_debouncer.Update).ToArray();

    [Fact]
    public void A_clean_press_is_reported_once_on_the_third_identical_scan()
    {
        Assert.Equal([None, None, 5, None, None], Scan(Mask(5), Mask(5), Mask(5), Mask(5), Mask(5)));
    }

    [Fact]
    public void The_key_down_comes_40_ms_after_first_contact_at_the_20_ms_scan_period()
    {
        int[] masks = [0, 0, Mask(9), Mask(9), Mask(9), Mask(9)];
        int firstContact = Array.FindIndex(masks, m => m != 0) * ScanPeriodMs;
        int keyDown = Array.IndexOf(Scan(masks), 9) * ScanPeriodMs;
        Assert.Equal(40, keyDown - firstContact);
    }

    [Fact]
    public void Bounce_restarts_the_count_and_is_never_a_key()
    {
        // Contact chatter: closed, open, closed, open, then settled closed from the fifth scan.
        Assert.Equal([None, None, None, None, None, None, 2], Scan(Mask(2), 0, Mask(2), 0, Mask(2), Mask(2), Mask(2)));
        // A bounce to another key (a slipped finger) restarts the count too.
        KeyDebouncer other = new();
        Assert.Equal([None, None, None, None, 7], new[] { Mask(6), Mask(6), Mask(7), Mask(7), Mask(7) }.Select(other.Update).ToArray());
    }

    [Fact]
    public void A_held_key_is_one_key_down_however_long_it_is_held()
    {
        int[] reported = Scan(Enumerable.Repeat(Mask(0), 500).ToArray());
        Assert.Equal(1, reported.Count(k => k == 0));
        Assert.Equal(0, reported[2]);
    }

    [Fact]
    public void The_same_key_again_needs_a_debounced_release_in_between()
    {
        // A 1-scan and a 2-scan gap are bounce, not a release: no second key-down.
        Assert.Equal([None, None, 4, None, None, None, None, None, None], Scan(Mask(4), Mask(4), Mask(4), 0, Mask(4), 0, 0, Mask(4), Mask(4)));
        // Three open scans are a release; the next press counts after its own three scans.
        Assert.Equal([None, None, None, None, None, 4], Scan(0, 0, 0, Mask(4), Mask(4), Mask(4)));
    }

    [Fact]
    public void Two_keys_at_once_are_no_key()
    {
        Assert.Equal([None, None, None, None], Scan(Mask(1, 2), Mask(1, 2), Mask(1, 2), Mask(1, 2)));
        // Two keys in different rows (bits 3 and 12), and three keys, are rejected the same way.
        Assert.Equal([None, None, None], Scan(Mask(3, 12), Mask(3, 12), Mask(0, 5, 10)));
    }

    [Fact]
    public void A_second_key_pressed_while_one_is_held_is_a_release_then_the_remaining_key_counts_again()
    {
        // 8 held and reported; 13 joins for three scans (no key, i.e. a release); 13 lifts, 8 alone again is a new key-down.
        Assert.Equal(
            [None, None, 8, None, None, None, None, None, 8],
            Scan(Mask(8), Mask(8), Mask(8), Mask(8, 13), Mask(8, 13), Mask(8, 13), Mask(8), Mask(8), Mask(8)));
    }

    [Fact]
    public void A_brief_second_key_does_not_repeat_the_held_one()
    {
        // The two-key reading lasts two scans only, so the held key was never released.
        Assert.Equal([None, None, 8, None, None, None, None, None], Scan(Mask(8), Mask(8), Mask(8), Mask(8, 13), Mask(8, 13), Mask(8), Mask(8), Mask(8)));
    }

    [Fact]
    public void Every_key_of_the_4x4_matrix_is_reported_by_its_index()
    {
        for (int key = 0; key < 16; key++)
        {
            Assert.Equal([None, None, key], Scan(Mask(key), Mask(key), Mask(key)));
            Assert.Equal([None, None, None], Scan(0, 0, 0));
        }
    }
}
