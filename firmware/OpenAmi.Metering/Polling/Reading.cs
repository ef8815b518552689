using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Polling
{
    public enum ReadingValueKind
    {
        /// <summary>No value at all: the meter never answered for this item.</summary>
        None = 0,
        Number = 1,
        Text = 2,
    }

    /// <summary>One normalised VMRS value: {obis, value, unit, quality} of the envelope plus why and when.</summary>
    public sealed class Reading
    {
        public MeterRecord Meter;
        public VmrsItem Item;
        public ReadingValueKind ValueKind;
        public double Number;
        public string Text;
        public ReadingQuality Quality;
        public SuspectReason Reason;

        /// <summary>What the transaction returned (Ok for good and suspect values).</summary>
        public ReadStatus Status;

        public long MonotonicMs;

        /// <summary>UTC ticks from the gateway clock, 0 when it has never synchronised.</summary>
        public long UtcTicks;
    }
}
