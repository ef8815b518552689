using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Policy;

namespace OpenAmi.Safety.Events
{
    /// <summary>Which channel saw the trip first.</summary>
    public enum TripChannel
    {
        HardwareLatch = 0,
        FirmwareDsp = 1,
    }

    /// <summary>rcm_trip: a line was opened on earth leakage.</summary>
    public sealed class RcmTripEvent
    {
        public RcmTripEvent(int line, TripChannel channel, TripCause cause, WaveformClass waveform, double magnitudeMa, long latencyMs, bool duringProbe)
        {
            Line = line;
            Channel = channel;
            Cause = cause;
            Class = waveform;
            MagnitudeMa = magnitudeMa;
            LatencyMs = latencyMs;
            DuringProbe = duringProbe;
        }

        public int Line { get; }

        public TripChannel Channel { get; }

        public TripCause Cause { get; }

        public WaveformClass Class { get; }

        public double MagnitudeMa { get; }

        /// <summary>Firmware channel: pickup of the tripping criterion → SSR-off command. Hardware latch: -1 (not observable by firmware).</summary>
        public long LatencyMs { get; }

        public bool DuringProbe { get; }
    }

    public enum FaultKind
    {
        SensorStuck = 1,
        OffsetOutOfRange = 2,
        MissingSamples = 3,
        SelfTestNoTrip = 4,
        SelfTestValue = 5,
        LatchStuck = 6,
        ModuleError = 7,
        SsrWelded = 8,
        AnyTripMismatch = 9,
        StoreCorrupt = 10,
        GainOutOfRange = 11,
    }

    /// <summary>rcm_fault: the protection itself is not healthy; the line stays off.</summary>
    public sealed class RcmFaultEvent
    {
        public RcmFaultEvent(int line, FaultKind kind, double measured)
        {
            Line = line;
            Kind = kind;
            Measured = measured;
        }

        public int Line { get; }

        public FaultKind Kind { get; }

        /// <summary>The offending measurement where there is one (mA, counts or ms), else 0.</summary>
        public double Measured { get; }
    }

    public sealed class RcmLockoutEvent
    {
        public RcmLockoutEvent(int line, RefusalReason reason, int attemptsInWindow)
        {
            Line = line;
            Reason = reason;
            AttemptsInWindow = attemptsInWindow;
        }

        public int Line { get; }

        public RefusalReason Reason { get; }

        public int AttemptsInWindow { get; }
    }

    /// <summary>Why a self-test ran.</summary>
    public enum SelfTestTrigger
    {
        PowerUp = 0,
        Daily = 1,
        Reclosure = 2,
        Installer = 3,
    }

    /// <summary>rcm_self_test: the end-to-end gain and offset a passed self-test measured with the test loop.</summary>
    public sealed class RcmSelfTestEvent
    {
        public RcmSelfTestEvent(int line, SelfTestTrigger trigger, double gainMvPerMa, double offsetMa)
        {
            Line = line;
            Trigger = trigger;
            GainMvPerMa = gainMvPerMa;
            OffsetMa = offsetMa;
        }

        public int Line { get; }

        public SelfTestTrigger Trigger { get; }

        /// <summary>The sensor's sensitivity as the firmware channel sees it (mV/mA at the sensor; design 8).</summary>
        public double GainMvPerMa { get; }

        /// <summary>Zero-current reading against the nominal offset, in mA at the measured gain.</summary>
        public double OffsetMa { get; }
    }
}
