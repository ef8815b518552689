namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// Lockout after repeated wrong passwords, in the keypad's manner: <see cref="FreeAttempts"/> wrong ones in a row
    /// are allowed, then every request is refused for a wait that starts at one minute and doubles with each further
    /// wrong password (capped at 64 minutes). While locked even the right password is refused, so guessing cannot
    /// continue through the lockout. A right password ends the count.
    /// </summary>
    public sealed class LoginGuard
    {
        public const int FreeAttempts = 5;
        public const long FirstWaitMs = 60000;
        private const int MaxDoublings = 6;

        private int _wrongInARow;
        private long _lockedUntilMs = long.MinValue;

        public int WrongInARow => _wrongInARow;

        public bool IsLocked(long nowMs) => nowMs < _lockedUntilMs;

        public long RemainingMs(long nowMs) => IsLocked(nowMs) ? _lockedUntilMs - nowMs : 0;

        public void Wrong(long nowMs)
        {
            _wrongInARow++;
            int beyond = _wrongInARow - FreeAttempts;
            if (beyond > 0)
            {
                int doublings = beyond - 1 < MaxDoublings ? beyond - 1 : MaxDoublings;
                _lockedUntilMs = nowMs + (FirstWaitMs << doublings);
            }
        }

        public void Right()
        {
            _wrongInARow = 0;
            _lockedUntilMs = long.MinValue;
        }
    }
}
