using System.Text;
using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Prepaid.Keypad
{
    /// <summary>
    /// The keypad dialogue: account code, '#', token digits, '#' (or automatically at the 20th digit).
    /// '*' deletes the last digit ('*' on an empty token goes back to the account code), 'A' (4x4 keypads)
    /// cancels. 30 s without a key abandons the entry. While locked out every key answers "lockout".
    /// The device adapter scans the matrix, debounces and calls <see cref="OnKey"/>; time is a monotonic
    /// millisecond clock passed in by the caller.
    /// </summary>
    public sealed class KeypadEntry
    {
        public const long InactivityTimeoutMs = 30000;
        public const int MaxAccountDigits = 4;
        public const int MaxTokenDigits = 20;

        private readonly TokenEntry _entry;
        private readonly KeypadLockout _lockout;
        private readonly IKeypadIndicator _indicator;
        private readonly StringBuilder _account = new StringBuilder(MaxAccountDigits);
        private readonly StringBuilder _token = new StringBuilder(MaxTokenDigits);
        private long _lastKeyMs;
        private int _submissions;

        public KeypadEntry(TokenEntry entry, KeypadLockout lockout, IKeypadIndicator indicator)
        {
            _entry = entry;
            _lockout = lockout;
            _indicator = indicator;
        }

        public KeypadStage Stage { get; private set; }

        /// <summary>The outcome of the last submission (null before the first).</summary>
        public TokenOutcome LastOutcome { get; private set; }

        public void OnKey(char key, long nowMs)
        {
            Tick(nowMs);
            if (_lockout.IsLocked(nowMs))
            {
                _indicator.Show(KeypadFeedback.Lockout);
                return;
            }

            _lastKeyMs = nowMs;
            if (key == 'A')
            {
                Reset();
                return;
            }

            if (key >= '0' && key <= '9')
            {
                Digit(key, nowMs);
            }
            else if (key == '*')
            {
                Backspace();
            }
            else if (key == '#')
            {
                Enter(nowMs);
            }
        }

        /// <summary>Call periodically: abandons an entry after 30 s without a key.</summary>
        public void Tick(long nowMs)
        {
            if (Stage != KeypadStage.Idle && nowMs - _lastKeyMs >= InactivityTimeoutMs)
            {
                Reset();
            }
        }

        private void Digit(char key, long nowMs)
        {
            if (Stage == KeypadStage.Token)
            {
                _token.Append(key);
                Echo();
                if (_token.Length == MaxTokenDigits)
                {
                    Submit(nowMs);
                }

                return;
            }

            if (_account.Length < MaxAccountDigits)
            {
                _account.Append(key);
            }

            Stage = KeypadStage.Account;
            Echo();
        }

        private void Backspace()
        {
            if (Stage == KeypadStage.Token)
            {
                if (_token.Length == 0)
                {
                    Stage = KeypadStage.Account;
                }
                else
                {
                    _token.Length = _token.Length - 1;
                }
            }
            else if (_account.Length > 0)
            {
                _account.Length = _account.Length - 1;
                Stage = _account.Length == 0 ? KeypadStage.Idle : KeypadStage.Account;
            }

            Echo();
        }

        private void Enter(long nowMs)
        {
            if (Stage == KeypadStage.Token)
            {
                if (_token.Length > 0)
                {
                    Submit(nowMs);
                }

                return;
            }

            if (Stage != KeypadStage.Account)
            {
                return;
            }

            if (_entry.IsKnownAccount(_account.ToString()))
            {
                Stage = KeypadStage.Token;
                Echo();
                return;
            }

            _indicator.Show(KeypadFeedback.Reject);
            _lockout.RegisterInvalid(nowMs);
            Reset();
        }

        private void Submit(long nowMs)
        {
            _submissions++;
            TokenOutcome outcome = _entry.Submit(TokenSource.Keypad, "keypad-" + _submissions.ToString(), _account.ToString(), _token.ToString());
            LastOutcome = outcome;
            _indicator.Show(outcome.Feedback);
            if (outcome.CountsAsInvalid)
            {
                _lockout.RegisterInvalid(nowMs);
            }
            else if (outcome.Kind == TokenOutcomeKind.Accepted)
            {
                _lockout.RegisterAccepted();
            }

            Reset();
        }

        private void Reset()
        {
            _account.Length = 0;
            _token.Length = 0;
            Stage = KeypadStage.Idle;
            Echo();
        }

        private void Echo()
        {
            _indicator.ShowEntry(Stage, Stage == KeypadStage.Token ? _token.Length : _account.Length);
        }
    }
}
