using System;

namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>
    /// Device-side OpenPAYGO Token decoder (OpenPAYGO Token general documentation: "Decoding the code on the
    /// device", "Counter Synchronisation feature", "Entry of Unused Older Tokens"). The value hides in the
    /// last 3 (extended: 6) digits, offset by the starting code; the count is found by walking the code chain
    /// from count 0 to last count + jump. Even counts carry Add Time, odd counts Set Time; value 998 disables
    /// PAYG and 999 synchronises the counter. Decoding does not change the count memory: the caller applies
    /// an accepted result with <see cref="OpenPaygoCountState.Accept"/> in the same atomic write as the credit.
    /// </summary>
    public sealed class OpenPaygoDecoder
    {
        public const int MaxActivationValue = 995;
        public const int DisablePaygValue = 998;
        public const int CounterSyncValue = 999;

        private readonly OpenPaygoCodeChain _chain;
        private readonly ulong _startingCode;
        private readonly OpenPaygoWindows _windows;

        public OpenPaygoDecoder(byte[] key, uint startingCode, OpenPaygoWindows windows)
        {
            if (startingCode > OpenPaygoCodeChain.StandardMaxCode)
            {
                throw new ArgumentOutOfRangeException("startingCode", "a starting code has at most 9 digits");
            }

            if (windows.OlderUnused >= OpenPaygoCountState.MaskBits)
            {
                throw new ArgumentOutOfRangeException("windows", "older-token window exceeds the used-count memory");
            }

            _chain = new OpenPaygoCodeChain(key);
            _startingCode = startingCode;
            _windows = windows;
        }

        public OpenPaygoDecodeResult Decode(string token, bool extended, bool restricted, OpenPaygoCountState state)
        {
            var result = new OpenPaygoDecodeResult();
            ulong code;
            string reason;
            if (!OpenPaygoDigits.TryParse(token, extended, restricted, out code, out reason))
            {
                result.Status = OpenPaygoDecodeStatus.Malformed;
                result.Reason = reason;
                return result;
            }

            long before = _chain.HashCalls;
            result = extended ? Search(code, 1000000UL, true, state) : Search(code, 1000UL, false, state);
            result.HashCalls = _chain.HashCalls - before;
            return result;
        }

        private OpenPaygoDecodeResult Search(ulong token, ulong modulus, bool extended, OpenPaygoCountState state)
        {
            var result = new OpenPaygoDecodeResult();
            ulong tokenBase = token % modulus;
            ulong startBase = _startingCode % modulus;
            long value = (long)((tokenBase + modulus - startBase) % modulus);
            bool sync = !extended && value == CounterSyncValue;
            int lastTry = state.LastCount + (sync ? _windows.CounterSyncJump : _windows.ForwardJump);

            ulong current = _startingCode - startBase + tokenBase;
            int usedMatch = -1;
            for (int count = 0; count <= lastTry; count++)
            {
                if (current - (current % modulus) + tokenBase == token)
                {
                    OpenPaygoTokenType type = TypeOf(value, count, extended);
                    if (type == OpenPaygoTokenType.None)
                    {
                        result.Status = OpenPaygoDecodeStatus.Invalid;
                        result.Reason = "reserved_value";
                        return result;
                    }

                    if (IsCountValid(count, type, state))
                    {
                        result.Status = OpenPaygoDecodeStatus.Valid;
                        result.Type = type;
                        result.Value = value;
                        result.Count = count;
                        return result;
                    }

                    usedMatch = count;
                }

                if (count < lastTry)
                {
                    current = extended ? _chain.NextExtended(current) : _chain.NextStandard((uint)current);
                }
            }

            if (usedMatch < 0)
            {
                result.Status = OpenPaygoDecodeStatus.Invalid;
                result.Reason = "invalid";
                return result;
            }

            // Genuine but refused: "used" when its own count is in the memory, "old" when it fell out of the
            // unordered-entry window or may not be entered out of order (anything but Add Time).
            result.Status = OpenPaygoDecodeStatus.AlreadyUsed;
            result.Count = usedMatch;
            result.Reason = state.IsUsed(usedMatch) ? "used" : "old";
            return result;
        }

        private static OpenPaygoTokenType TypeOf(long value, int count, bool extended)
        {
            if (!extended)
            {
                if (value == DisablePaygValue) return OpenPaygoTokenType.DisablePayg;
                if (value == CounterSyncValue) return OpenPaygoTokenType.CounterSync;
                if (value > MaxActivationValue) return OpenPaygoTokenType.None;
            }

            return (count & 1) == 0 ? OpenPaygoTokenType.AddTime : OpenPaygoTokenType.SetTime;
        }

        private bool IsCountValid(int count, OpenPaygoTokenType type, OpenPaygoCountState state)
        {
            if (type == OpenPaygoTokenType.CounterSync)
            {
                return count > state.LastCount - _windows.ForwardJump;
            }

            if (count > state.LastCount)
            {
                return true;
            }

            return type == OpenPaygoTokenType.AddTime
                && count > state.LastCount - _windows.OlderUnused
                && !state.IsUsed(count);
        }
    }
}
