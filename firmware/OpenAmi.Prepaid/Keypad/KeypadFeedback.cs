namespace OpenAmi.Prepaid.Keypad
{
    /// <summary>The feedback codes the keypad indicator can show.</summary>
    public enum KeypadFeedback
    {
        Accept = 0,
        Reject = 1,
        /// <summary>This exact token was already loaded.</summary>
        Used = 2,
        /// <summary>Genuine but older than what the meter or line already accepted.</summary>
        Old = 3,
        /// <summary>Cannot take the token now (meter unreachable: token held and delivered later; or queue full).</summary>
        Busy = 4,
        Lockout = 5,
    }

    /// <summary>Where the keypad entry stands.</summary>
    public enum KeypadStage
    {
        Idle = 0,
        Account = 1,
        Token = 2,
    }

    public static class KeypadFeedbackNames
    {
        public static string ToName(KeypadFeedback feedback)
        {
            switch (feedback)
            {
                case KeypadFeedback.Accept: return "accept";
                case KeypadFeedback.Reject: return "reject";
                case KeypadFeedback.Used: return "used";
                case KeypadFeedback.Old: return "old";
                case KeypadFeedback.Busy: return "busy";
                default: return "lockout";
            }
        }
    }
}
