using System;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// Passes readings and events on unchanged, and makes a meter due for backfill when its comms come back: the
    /// intervals it captured while it was silent are in its load profile.
    /// </summary>
    public sealed class BackfillOnCommsRestored : IMeteringSink
    {
        private readonly IMeteringSink _next;
        private readonly BackfillQueue[] _queues;

        /// <param name="queues">One per bus, filled in as the buses are built; null for a bus without load profiles.</param>
        public BackfillOnCommsRestored(IMeteringSink next, BackfillQueue[] queues)
        {
            _next = next ?? throw new ArgumentNullException(nameof(next));
            _queues = queues ?? throw new ArgumentNullException(nameof(queues));
        }

        public void OnReading(Reading reading) => _next.OnReading(reading);

        public void OnEvent(MeteringEvent meteringEvent)
        {
            if (meteringEvent.Kind == MeteringEventKind.CommsRestored)
            {
                string meter = meteringEvent.MeterName ?? meteringEvent.MeterSerial;
                for (int q = 0; q < _queues.Length; q++)
                {
                    if (_queues[q] != null && _queues[q].Request(meter))
                    {
                        break;
                    }
                }
            }

            _next.OnEvent(meteringEvent);
        }
    }
}
