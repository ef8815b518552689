using System;
using OpenAmi.Json;
using OpenAmi.Metering.Intervals;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;

namespace OpenAmi.Gateway.Northward
{
    /// <summary>
    /// Backfilled load-profile intervals → ordinary telemetry envelopes (v0.1, no extra member): one envelope per
    /// interval, its ts the interval's own capture time, one register per column the meter captured (null-data
    /// columns are left out), handed to the <see cref="IEventSink"/> (the uplink appends it to the outbox) in the
    /// order the backfill gives them, oldest first. A capture time the meter flagged doubtful marks every register
    /// suspect: the values are the meter's, the slot they belong to is not certain.
    /// </summary>
    public sealed class IntervalTelemetry : IIntervalSink
    {
        private readonly Topics _topics;
        private readonly IEventSink _sink;
        private readonly JsonWriter _writer = new JsonWriter(1024);
        private EnvelopeRegister[] _registers = new EnvelopeRegister[0];

        public IntervalTelemetry(Topics topics, IEventSink sink)
        {
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        }

        /// <summary>Envelopes handed to the sink.</summary>
        public long EnvelopesPublished { get; private set; }

        public void Publish(string meterId, ProfileColumnMap map, IntervalRecord interval)
        {
            if (_registers.Length < map.Columns.Length)
            {
                _registers = new EnvelopeRegister[map.Columns.Length];
            }

            Quality quality = interval.ClockSuspect ? Quality.Suspect : Quality.Good;
            int count = 0;
            for (int c = 0; c < map.Columns.Length; c++)
            {
                if (interval.Present[c])
                {
                    var item = map.Columns[c].Item;
                    _registers[count++] = EnvelopeRegister.OfNumber(item.Code, interval.Values[c], item.Unit, quality);
                }
            }

            _writer.Reset();
            TelemetryEnvelope.Write(_writer, _topics, meterId, interval.CapturedUtc, _registers, count, null);
            Array.Clear(_registers, 0, count);
            _sink.Emit(_topics.Telemetry(meterId), _writer.Buffer, 0, _writer.Length);
            EnvelopesPublished++;
        }
    }
}
