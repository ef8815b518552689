using System;
using System.Collections;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Installer.Site
{
    /// <summary>
    /// The readings tap: the last value of every VMRS register of every configured meter, as the poller handed it to the
    /// telemetry bridge. It sits on the polling lane, so it never allocates there: its arrays are sized for the
    /// configured meters at start, and a reading only overwrites slots. The page's thread reads under the same lock.
    /// </summary>
    public sealed class LatestReadings : IMeteringSink
    {
        private static readonly int ItemCount = VmrsCatalogue.Items.Length;

        private readonly Hashtable _meterIndex = new Hashtable();
        private readonly bool[] _has;
        private readonly double[] _numbers;
        private readonly string[] _texts;
        private readonly ReadingQuality[] _qualities;
        private readonly long[] _utcTicks;

        /// <param name="meterIds">The configuration's meter ids (the gateway reads each meter under its id).</param>
        public LatestReadings(string[] meterIds)
        {
            for (int m = 0; m < meterIds.Length; m++)
            {
                _meterIndex[meterIds[m]] = m;
            }

            int slots = meterIds.Length * ItemCount;
            _has = new bool[slots];
            _numbers = new double[slots];
            _texts = new string[slots];
            _qualities = new ReadingQuality[slots];
            _utcTicks = new long[slots];
        }

        public void OnReading(Reading reading)
        {
            object meter = reading.Meter == null ? null : _meterIndex[reading.Meter.Serial];
            int item = VmrsCatalogue.IndexOf(reading.Item);
            if (meter == null || item < 0 || reading.ValueKind == ReadingValueKind.None)
            {
                return;
            }

            int slot = ((int)meter * ItemCount) + item;
            lock (_has)
            {
                _has[slot] = true;
                _numbers[slot] = reading.ValueKind == ReadingValueKind.Number ? reading.Number : double.NaN;
                _texts[slot] = reading.ValueKind == ReadingValueKind.Text ? reading.Text : null;
                _qualities[slot] = reading.Quality;
                _utcTicks[slot] = reading.UtcTicks;
            }
        }

        /// <summary>Metering's events reach the page through the published events (<see cref="PublishedEvents"/>), as the head-end sees them.</summary>
        public void OnEvent(MeteringEvent meteringEvent)
        {
        }

        /// <summary>Adds meter <paramref name="meterId"/>'s registers, in VMRS order, and its last read time to <paramref name="view"/>.</summary>
        public void Fill(string meterId, MeterView view)
        {
            object meter = _meterIndex[meterId];
            if (meter == null)
            {
                return;
            }

            int first = (int)meter * ItemCount;
            lock (_has)
            {
                long last = 0;
                for (int i = 0; i < ItemCount; i++)
                {
                    int slot = first + i;
                    if (!_has[slot])
                    {
                        continue;
                    }

                    VmrsItem item = VmrsCatalogue.Items[i];
                    view.Registers.Add(new RegisterView(item.Code, item.Name, _numbers[slot], _texts[slot], item.Unit, QualityName(_qualities[slot]), Utc(_utcTicks[slot])));
                    last = _utcTicks[slot] > last ? _utcTicks[slot] : last;
                }

                view.LastReadUtc = Utc(last);
            }
        }

        /// <summary>The envelope's quality names (docs/northbound.md).</summary>
        private static string QualityName(ReadingQuality quality)
        {
            switch (quality)
            {
                case ReadingQuality.Good: return "good";
                case ReadingQuality.Suspect: return "suspect";
                default: return "comms_lost";
            }
        }

        /// <summary>A reading taken before the gateway ever knew the time has no UTC (0 ticks).</summary>
        private static DateTime Utc(long ticks) => ticks > 0 ? new DateTime(ticks, DateTimeKind.Utc) : DateTime.MinValue;
    }
}
