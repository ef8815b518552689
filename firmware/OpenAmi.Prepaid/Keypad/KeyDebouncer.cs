namespace OpenAmi.Prepaid.Keypad
{
    /// <summary>
    /// Turns raw keypad scans into key-downs. A reading counts once it is the same on <see cref="StableScans"/>
    /// consecutive scans (at the adapter's 20 ms scan period, 40 ms after first contact), so contact bounce is never
    /// a key. Only a single closed key is a reading: a matrix without diodes ghosts when two or more keys are
    /// down, so several closed keys read as no key at all.
    /// </summary>
    public sealed class KeyDebouncer
    {
        public const int StableScans = 3;
        public const int NoKey = -1;

        private int _candidate = NoKey;
        private int _stableCount;
        private int _reported = NoKey;

        /// <summary>
        /// One scan. <paramref name="pressedMask"/> has bit n set when key n (0..31) is closed on this scan.
        /// Returns the key that has just gone down, or <see cref="NoKey"/>.
        /// </summary>
        public int Update(int pressedMask)
        {
            int key = SingleKey(pressedMask);
            if (key != _candidate)
            {
                _candidate = key;
                _stableCount = 1;
            }
            else if (_stableCount < StableScans)
            {
                _stableCount++;
            }

            if (_stableCount >= StableScans && _candidate != _reported)
            {
                _reported = _candidate;
                return _reported;
            }

            return NoKey;
        }

        private static int SingleKey(int pressedMask)
        {
            if (pressedMask == 0 || (pressedMask & (pressedMask - 1)) != 0)
            {
                return NoKey;
            }

            int key = 0;
            while ((pressedMask & 1) == 0)
            {
                pressedMask >>= 1;
                key++;
            }

            return key;
        }
    }
}
