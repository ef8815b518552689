using System;

namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>
    /// The token count memory of one line: the highest accepted count and which of the 32 counts at or
    /// below it were used. Unordered entry is only allowed inside <see cref="OpenPaygoWindows.OlderUnused"/>,
    /// so 32 bits is more than the spec needs ("stored counts ... below can be discarded").
    /// </summary>
    public sealed class OpenPaygoCountState
    {
        public const int MaskBits = 32;

        public OpenPaygoCountState(int lastCount, uint usedMask)
        {
            LastCount = lastCount;
            UsedMask = usedMask;
        }

        /// <summary>A line leaving the factory: the starting count is treated as already used.</summary>
        public static OpenPaygoCountState Fresh(int startingCount)
        {
            return new OpenPaygoCountState(startingCount, 1);
        }

        /// <summary>Builds the memory from an explicit list (counts more than 31 below are ignored).</summary>
        public static OpenPaygoCountState FromUsedCounts(int lastCount, int[] usedCounts)
        {
            uint mask = 0;
            if (usedCounts != null)
            {
                for (int i = 0; i < usedCounts.Length; i++)
                {
                    int distance = lastCount - usedCounts[i];
                    if (distance >= 0 && distance < MaskBits)
                    {
                        mask |= 1u << distance;
                    }
                }
            }

            return new OpenPaygoCountState(lastCount, mask);
        }

        public int LastCount { get; private set; }

        /// <summary>Bit i set: count LastCount - i was used.</summary>
        public uint UsedMask { get; private set; }

        public bool IsUsed(int count)
        {
            int distance = LastCount - count;
            if (distance < 0)
            {
                return false;
            }

            return distance >= MaskBits || (UsedMask & (1u << distance)) != 0;
        }

        /// <summary>
        /// Records an accepted token. Anything but Add Time closes the whole window below it (an older
        /// token must never undo a Set Time, Disable PAYG or Counter Sync). A Counter Sync moves the count
        /// to the token's count, even downwards, as the spec's "set the internal token count" requires.
        /// </summary>
        public void Accept(int count, OpenPaygoTokenType type)
        {
            if (type == OpenPaygoTokenType.CounterSync)
            {
                LastCount = count;
                UsedMask = 0xFFFFFFFF;
                return;
            }

            if (count > LastCount)
            {
                int shift = count - LastCount;
                UsedMask = shift >= MaskBits ? 0 : UsedMask << shift;
                LastCount = count;
            }

            UsedMask |= 1u << (LastCount - count);
            if (type != OpenPaygoTokenType.AddTime)
            {
                UsedMask = 0xFFFFFFFF;
            }
        }
    }
}
