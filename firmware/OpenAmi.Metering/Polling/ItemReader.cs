using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Polling
{
    /// <summary>
    /// Reads one VMRS item of one meter and normalises it: scaler_unit (read once, or from the profile),
    /// value × 10^scaler converted to the VMRS unit, text, switch state or clock, then the quality rules.
    /// One instance per bus; it reuses its value holder, so only the returned <see cref="Reading"/> is allocated.
    /// </summary>
    public sealed class ItemReader
    {
        private const int RegisterClass = 3;
        private const int ExtendedRegisterClass = 4;
        private const int DemandRegisterClass = 5;

        private readonly QualityAssessor _assessor;
        private readonly IMonotonicClock _mono;
        private readonly GatewayClock _gatewayClock;
        private readonly MeterValue _value = new MeterValue();

        public ItemReader(QualityAssessor assessor, IMonotonicClock mono, GatewayClock gatewayClock)
        {
            _assessor = assessor;
            _mono = mono;
            _gatewayClock = gatewayClock;
        }

        public QualityAssessor Assessor => _assessor;

        /// <summary>The clock as decoded by the last good read of the clock item.</summary>
        public CosemDateTime LastClock { get; private set; }

        /// <summary>Monotonic midpoint of the last value transaction (the instant a clock reading refers to).</summary>
        public long LastMidpointMs { get; private set; }

        public Reading Read(MeterRecord meter, int index)
        {
            var item = VmrsCatalogue.Items[index];
            var state = meter.Items[index];
            if (item.IsScaledNumber && !state.ScalerKnown)
            {
                var scalerStatus = ResolveScaler(meter, state);
                if (scalerStatus != ReadStatus.Ok)
                {
                    return Unavailable(meter, index, scalerStatus);
                }
            }

            long start = _mono.NowMs;
            var status = meter.Reader.Read(meter.Address, state.Mapping.Target, _value);
            long end = _mono.NowMs;
            LastMidpointMs = start + (end - start) / 2;
            if (status != ReadStatus.Ok)
            {
                return Unavailable(meter, index, status);
            }

            var reading = NewReading(meter, item, end);
            Convert(meter, state, reading);
            if (reading.Quality == ReadingQuality.Good)
            {
                state.HasLast = true;
                state.LastNumber = reading.Number;
                state.LastText = reading.Text;
            }

            return reading;
        }

        /// <summary>
        /// The reading published when the value cannot be had: the last good value (if any) flagged
        /// comms_lost for silence, suspect for a refusal. Never a silent gap.
        /// </summary>
        public Reading Unavailable(MeterRecord meter, int index, ReadStatus status)
        {
            var state = meter.Items[index];
            var reading = NewReading(meter, VmrsCatalogue.Items[index], _mono.NowMs);
            reading.Status = status;
            if (ReadStatusNames.IsSilence(status))
            {
                reading.Quality = ReadingQuality.CommsLost;
            }
            else
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = SuspectReason.ReadFailed;
            }

            if (state.HasLast)
            {
                reading.ValueKind = state.LastText != null ? ReadingValueKind.Text : ReadingValueKind.Number;
                reading.Number = state.LastNumber;
                reading.Text = state.LastText;
            }

            return reading;
        }

        private ReadStatus ResolveScaler(MeterRecord meter, ItemState state)
        {
            var mapping = state.Mapping;
            int classId = mapping.Target.ClassId;
            if (classId != RegisterClass && classId != ExtendedRegisterClass && classId != DemandRegisterClass)
            {
                // Data objects (class 1) carry no scaler_unit: the profile's scaler applies to a value in VMRS units.
                state.Scaler = mapping.HasScaler ? mapping.Scaler : 0;
                state.UnitCode = mapping.UnitCode >= 0 ? mapping.UnitCode : UnitCodes.AlreadyVmrs;
                state.ScalerKnown = true;
                return ReadStatus.Ok;
            }

            var status = meter.Reader.Read(meter.Address, state.ScalerTarget, _value);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            if (_value.Kind != MeterValueKind.ScalerUnit)
            {
                return ReadStatus.UnexpectedType;
            }

            state.Scaler = mapping.HasScaler ? mapping.Scaler : _value.Scaler;
            state.UnitCode = mapping.UnitCode >= 0 ? mapping.UnitCode : _value.UnitCode;
            state.ScalerKnown = true;
            return ReadStatus.Ok;
        }

        private Reading NewReading(MeterRecord meter, VmrsItem item, long nowMs)
        {
            var reading = new Reading();
            reading.Meter = meter;
            reading.Item = item;
            reading.MonotonicMs = nowMs;
            reading.UtcTicks = _gatewayClock == null ? 0 : _gatewayClock.UtcTicksAt(nowMs);
            return reading;
        }

        private void Convert(MeterRecord meter, ItemState state, Reading reading)
        {
            var item = reading.Item;
            switch (item.Quantity)
            {
                case VmrsQuantity.ActiveEnergy:
                case VmrsQuantity.ActivePower:
                case VmrsQuantity.Voltage:
                case VmrsQuantity.Frequency:
                    ConvertScaled(meter, state, reading);
                    return;
                case VmrsQuantity.Identifier:
                    if (_value.Kind == MeterValueKind.Bytes)
                    {
                        SetText(reading, _value.BytesAsText());
                    }
                    else if (_value.Kind == MeterValueKind.Number)
                    {
                        SetText(reading, ((long)_value.Number).ToString());
                    }
                    else
                    {
                        Refuse(reading);
                    }

                    return;
                case VmrsQuantity.DisconnectState:
                    ConvertDisconnect(reading);
                    return;
                case VmrsQuantity.Clock:
                    ConvertClock(meter, reading);
                    return;
                case VmrsQuantity.StatusBits:
                    if (_value.Kind == MeterValueKind.Bytes)
                    {
                        SetNumber(reading, BitsAsNumber());
                    }
                    else if (_value.Kind == MeterValueKind.Number)
                    {
                        SetNumber(reading, _value.Number);
                    }
                    else
                    {
                        Refuse(reading);
                    }

                    return;
                default:
                    if (_value.Kind != MeterValueKind.Number)
                    {
                        Refuse(reading);
                        return;
                    }

                    var mapping = state.Mapping;
                    SetNumber(reading, mapping.HasScaler ? UnitCodes.Scale(_value.Number, mapping.Scaler) : _value.Number);
                    return;
            }
        }

        private void ConvertScaled(MeterRecord meter, ItemState state, Reading reading)
        {
            if (_value.Kind != MeterValueKind.Number)
            {
                Refuse(reading);
                return;
            }

            var item = reading.Item;
            double factor = UnitCodes.FactorToVmrs(state.UnitCode, item.Unit);
            if (factor == 0)
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = SuspectReason.UnitMismatch;
                return;
            }

            double value = UnitCodes.Scale(_value.Number, state.Scaler) * factor;
            SetNumber(reading, value);
            double breaker = meter.BreakerA > 0 ? meter.BreakerA : _assessor.Limits.DefaultBreakerA;
            var reason = item.Quantity == VmrsQuantity.ActiveEnergy
                ? _assessor.AssessEnergy(state.Energy, value, reading.MonotonicMs, breaker)
                : _assessor.AssessInstant(item.Quantity, value, breaker);
            if (reason != SuspectReason.None)
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = reason;
            }
        }

        private void ConvertDisconnect(Reading reading)
        {
            bool connected;
            if (_value.Kind == MeterValueKind.Boolean)
            {
                connected = _value.Flag;
            }
            else if (_value.Kind == MeterValueKind.Number)
            {
                // control_state enum: 0 disconnected, 1 connected, 2 ready_for_reconnection (still open).
                connected = _value.Number == 1;
            }
            else
            {
                Refuse(reading);
                return;
            }

            SetText(reading, connected ? "connected" : "disconnected");
        }

        private void ConvertClock(MeterRecord meter, Reading reading)
        {
            System.DateTime utc;
            LastClock = null;
            if (_value.Kind != MeterValueKind.Bytes || _value.ByteCount != CosemDateTime.Size)
            {
                Refuse(reading);
                return;
            }

            var time = CosemDateTime.Parse(_value.Bytes, 0, CosemDateTime.Size);
            LastClock = time;
            if (!MeterTime.TryToUtc(time, meter.Profile.InvertedDeviationSign, out utc))
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = SuspectReason.ClockInvalid;
                return;
            }

            SetText(reading, MeterTime.FormatUtc(utc));
            if (MeterTime.ClockInvalid(time))
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = SuspectReason.ClockInvalid;
            }
        }

        /// <summary>A COSEM bit-string, first byte most significant, as a number (up to 52 bits stay exact).</summary>
        private double BitsAsNumber()
        {
            double number = 0;
            for (int i = 0; i < _value.ByteCount; i++)
            {
                number = number * 256 + _value.Bytes[i];
            }

            return number;
        }

        private static void SetNumber(Reading reading, double value)
        {
            reading.ValueKind = ReadingValueKind.Number;
            reading.Number = value;
        }

        private static void SetText(Reading reading, string text)
        {
            reading.ValueKind = ReadingValueKind.Text;
            reading.Text = text;
        }

        private static void Refuse(Reading reading)
        {
            reading.Status = ReadStatus.UnexpectedType;
            reading.Quality = ReadingQuality.Suspect;
            reading.Reason = SuspectReason.ReadFailed;
        }
    }
}
