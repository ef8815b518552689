using System;
using nanoFramework.TestFramework;

namespace OpenAmi.Device.Tests.Support
{
    /// <summary>
    /// Times a loop with the wall clock (100 ns ticks; the board's clock steps in about 1 ms, so every loop runs long
    /// enough for that to vanish) and prints one line "figure: NAME = VALUE UNIT" that docs/bench-testing.md collects.
    /// </summary>
    public static class Figure
    {
        public static long Start() => DateTime.UtcNow.Ticks;

        /// <summary>Microseconds per iteration since <paramref name="startTicks"/>.</summary>
        public static long MicrosecondsPer(long startTicks, int iterations) => (DateTime.UtcNow.Ticks - startTicks) / 10 / iterations;

        public static void Print(string name, long value, string unit) =>
            OutputHelper.WriteLine("figure: " + name + " = " + value.ToString() + " " + unit);
    }
}
