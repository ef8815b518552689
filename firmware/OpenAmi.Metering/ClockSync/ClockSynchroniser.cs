using System;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Metering.ClockSync
{
    /// <summary>
    /// Use case VI: compares a meter's clock with the gateway's UTC and sets it (class 8, attribute 2) when the
    /// drift exceeds the tolerance, but only while the gateway's own time is healthy. Every check raises a
    /// <see cref="ClockDriftEvent"/>, corrected or not.
    /// </summary>
    public sealed class ClockSynchroniser
    {
        private readonly GatewayClock _gatewayClock;
        private readonly IMonotonicClock _mono;
        private readonly long _toleranceMs;
        private readonly MeterValue _write = new MeterValue();
        private readonly byte[] _encoded = new byte[CosemDateTime.Size];

        public ClockSynchroniser(GatewayClock gatewayClock, IMonotonicClock mono, long toleranceMs)
        {
            _gatewayClock = gatewayClock;
            _mono = mono;
            _toleranceMs = toleranceMs;
        }

        /// <summary>
        /// Judges a clock the meter reported at monotonic <paramref name="readAtMs"/> (the transaction midpoint).
        /// A clock flagged invalid has no meaningful drift (NaN) and is set whenever the gateway may.
        /// </summary>
        public ClockDriftEvent Evaluate(MeterRecord meter, CosemDateTime meterTime, long readAtMs)
        {
            var drift = new ClockDriftEvent();
            drift.MeterAddress = meter.Address;
            drift.MeterSerial = meter.Serial;
            drift.ClockStatus = meterTime.ClockStatus;
            drift.MonotonicMs = _mono.NowMs;
            drift.UtcTicks = _gatewayClock.UtcTicksAt(drift.MonotonicMs);

            bool invertedSign = meter.Profile.InvertedDeviationSign;
            DateTime meterUtc;
            DateTime trueUtc;
            bool meterKnown = MeterTime.TryToUtc(meterTime, invertedSign, out meterUtc) && !MeterTime.ClockInvalid(meterTime);
            bool gatewayKnown = _gatewayClock.TryGetUtcAt(readAtMs, out trueUtc);
            double driftMs = double.NaN;
            if (meterKnown && gatewayKnown)
            {
                driftMs = (meterUtc.Ticks - trueUtc.Ticks) / (double)TimeSpan.TicksPerMillisecond;
            }

            drift.DriftSeconds = driftMs / 1000.0;
            bool withinTolerance = meterKnown && gatewayKnown && driftMs <= _toleranceMs && driftMs >= -_toleranceMs;
            if (withinTolerance)
            {
                drift.Action = ClockAction.None;
                return drift;
            }

            if (_gatewayClock.Health != TimeHealth.Healthy)
            {
                drift.Action = ClockAction.RefusedTimeSourceUnhealthy;
                return drift;
            }

            drift.Action = SetClock(meter, meterTime) == ReadStatus.Ok ? ClockAction.Corrected : ClockAction.WriteFailed;
            return drift;
        }

        private ReadStatus SetClock(MeterRecord meter, CosemDateTime meterTime)
        {
            var clockItem = VmrsCatalogue.Find(VmrsCatalogue.Clock);
            var mapping = meter.Profile.Find(clockItem);
            if (mapping == null)
            {
                return ReadStatus.NotSupported;
            }

            // Keep the meter's time zone and daylight-saving flag; clear the invalid/doubtful bits we are fixing.
            int status = meterTime.ClockStatus == CosemDateTime.Unspecified ? CosemDateTime.Unspecified : meterTime.ClockStatus & 0x80;
            DateTime now;
            _gatewayClock.TryGetUtcAt(_mono.NowMs, out now);
            var time = MeterTime.FromUtc(now, meterTime.Deviation, status, meter.Profile.InvertedDeviationSign);
            time.WriteTo(_encoded, 0);
            _write.SetBytes(_encoded, 0, _encoded.Length);
            return meter.Reader.Write(meter.Address, mapping.Target, _write);
        }
    }
}
