namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>
    /// Count windows. Defaults are those of the OpenPAYGO reference decoder (MAX_TOKEN_JUMP 64,
    /// MAX_TOKEN_JUMP_COUNTER_SYNC 100, MAX_UNUSED_OLDER_TOKENS 16; EnAccess/OpenPAYGO-python
    /// openpaygo/token_decode.py); the spec calls the values indicative.
    /// </summary>
    public sealed class OpenPaygoWindows
    {
        public OpenPaygoWindows(int forwardJump, int counterSyncJump, int olderUnused)
        {
            ForwardJump = forwardJump;
            CounterSyncJump = counterSyncJump;
            OlderUnused = olderUnused;
        }

        public static OpenPaygoWindows Default
        {
            get { return new OpenPaygoWindows(64, 100, 16); }
        }

        public int ForwardJump { get; private set; }

        public int CounterSyncJump { get; private set; }

        public int OlderUnused { get; private set; }
    }
}
