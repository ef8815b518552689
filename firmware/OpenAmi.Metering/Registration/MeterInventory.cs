using System.Collections;

namespace OpenAmi.Metering.Registration
{
    /// <summary>The meters the gateway knows, one per serial number and one per bus address.</summary>
    public sealed class MeterInventory
    {
        private readonly ArrayList _meters = new ArrayList();

        public int Count => _meters.Count;

        public MeterRecord this[int index] => (MeterRecord)_meters[index];

        public MeterRecord FindBySerial(string serial)
        {
            for (int i = 0; i < _meters.Count; i++)
            {
                var meter = (MeterRecord)_meters[i];
                if (meter.Serial == serial)
                {
                    return meter;
                }
            }

            return null;
        }

        public MeterRecord FindByAddress(int address)
        {
            for (int i = 0; i < _meters.Count; i++)
            {
                var meter = (MeterRecord)_meters[i];
                if (meter.Address == address)
                {
                    return meter;
                }
            }

            return null;
        }

        /// <summary>
        /// Adds <paramref name="meter"/>, replacing the entry with the same serial (a meter moved to another
        /// address) and the entry at the same address (a meter swapped for another). Returns what it replaced.
        /// </summary>
        public ArrayList Add(MeterRecord meter)
        {
            var replaced = new ArrayList();
            Take(FindBySerial(meter.Serial), replaced);
            Take(FindByAddress(meter.Address), replaced);
            _meters.Add(meter);
            return replaced;
        }

        private void Take(MeterRecord meter, ArrayList replaced)
        {
            if (meter != null && !replaced.Contains(meter))
            {
                _meters.Remove(meter);
                replaced.Add(meter);
            }
        }
    }
}
