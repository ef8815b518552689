using System;

namespace Samples
{
    public static class MathMaxLong
    {
        public static long Later(long a, long b) => Math.Max(a, b);
    }
}
