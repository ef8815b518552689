using System.Collections;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Prepaid.Ledger;

namespace OpenAmi.Gateway.Wiring
{
    /// <summary>
    /// Between Metering and the northbound bridge: passes every reading and event on, and gives each good import-energy
    /// reading (1.8.0, kWh) of a meter that measures an energy-credit OpenPAYGO line to that line's ledger, in Wh.
    /// Readings arrive on the polling lane and tokens on the command lane of the same scheduler, so the ledger sees one
    /// caller at a time.
    /// </summary>
    public sealed class LineEnergyFeed : IMeteringSink
    {
        private readonly IMeteringSink _downstream;
        private readonly Hashtable _lineByMeter = new Hashtable();

        public LineEnergyFeed(IMeteringSink downstream)
        {
            _downstream = downstream;
        }

        /// <summary>The meter (by configuration id) whose import energy runs the line's credit down.</summary>
        public void Bind(string meterId, OpenPaygoLine line)
        {
            _lineByMeter[meterId] = line;
        }

        public void OnReading(Reading reading)
        {
            if (_lineByMeter.Count > 0 && reading.Quality == ReadingQuality.Good && reading.ValueKind == ReadingValueKind.Number
                && reading.Item.Code == VmrsCatalogue.ActiveEnergyImport)
            {
                var line = (OpenPaygoLine)_lineByMeter[reading.Meter.Serial];
                if (line != null)
                {
                    line.OnEnergyReading((long)((reading.Number * 1000.0) + 0.5));
                }
            }

            _downstream.OnReading(reading);
        }

        public void OnEvent(MeteringEvent meteringEvent) => _downstream.OnEvent(meteringEvent);
    }
}
