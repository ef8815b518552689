using System;
using System.Collections;
using System.Text;
using System.Threading;

namespace Samples
{
    // Positive control: the constructs docs/device-subset.md allows must pass every stage of the gate,
    // so the negative samples fail for their own reason and not because the gate rejects everything.
    public delegate void ReadingHandler(string obis, double value);

    public sealed class InsideTheSubset : IDisposable
    {
        private readonly object _sync = new object();
        private readonly ArrayList _readings = new ArrayList();
        private readonly Hashtable _byObis = new Hashtable();

        public event ReadingHandler Reading;

        public int Add(string obis, double value)
        {
            lock (_sync)
            {
                _readings.Add(value);
                _byObis[obis] = value;
            }

            Reading?.Invoke(obis, value);
            return _readings.Count;
        }

        public static string Describe(object value) => value switch
        {
            int i when i < 0 => $"negative {i}",
            int i => $"int {i:D4}",
            string s => "text " + s,
            _ => "other",
        };

        public static string Unit(string code)
        {
            switch (code)
            {
                case "1.8.0": return "kWh";
                case "1.7.0": return "W";
                case "32.7.0": return "V";
                default: return "";
            }
        }

        public static string Hex(byte[] data)
        {
            var sb = new StringBuilder();
            foreach (var b in data)
            {
                sb.Append(b.ToString("X2"));
            }

            return sb.ToString();
        }

        public static long Later(long a, long b) => a > b ? a : b;

        public static int Counted(ref int counter) => Interlocked.Increment(ref counter);

        public void Dispose()
        {
            ReadingHandler handler = (obis, value) => { };
            Reading -= handler;
        }
    }
}
