using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

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
        // Made at the first list request and grown to the largest: a bus that never sends one carries none.
        private CosemAttributeRef[] _batchTargets;
        private MeterValue[] _batchValues;
        private ReadStatus[] _batchStatuses;

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
                var scalerStatus = NeedsScalerRead(state)
                    ? meter.Reader.Read(meter.Address, state.ScalerTarget, _value)
                    : ReadStatus.Ok;
                scalerStatus = ApplyScaler(state, scalerStatus, _value);
                if (scalerStatus != ReadStatus.Ok)
                {
                    return Unavailable(meter, index, scalerStatus);
                }
            }

            long start = _mono.NowMs;
            var status = meter.Reader.Read(meter.Address, state.Mapping.Target, _value);
            long end = _mono.NowMs;
            LastMidpointMs = start + (end - start) / 2;
            return status == ReadStatus.Ok ? Normalise(meter, index, end, _value) : Unavailable(meter, index, status);
        }

        /// <summary>
        /// Reads <paramref name="count"/> items of one meter with as few requests as <paramref name="batch"/> allows
        /// (scaler_units still unknown in one list, then the values in another) into <paramref name="into"/>,
        /// each with its own status and quality. Returns the worst transport outcome: a silence when either
        /// request went unanswered (every item then reads comms_lost), otherwise Ok.
        /// </summary>
        public ReadStatus ReadBatch(MeterRecord meter, IBatchMeterReader batch, int[] indices, int count, Reading[] into)
        {
            EnsureBatchCapacity(count);
            var scalerStatus = ResolveScalers(meter, batch, indices, count, into);
            if (ReadStatusNames.IsSilence(scalerStatus))
            {
                for (int i = 0; i < count; i++)
                {
                    if (into[i] == null)
                    {
                        into[i] = Unavailable(meter, indices[i], scalerStatus);
                    }
                }

                return scalerStatus;
            }

            int pending = 0;
            for (int i = 0; i < count; i++)
            {
                if (into[i] == null)
                {
                    _batchTargets[pending++] = meter.Items[indices[i]].Mapping.Target;
                }
            }

            if (pending == 0)
            {
                return ReadStatus.Ok;
            }

            long start = _mono.NowMs;
            var status = batch.ReadMany(meter.Address, _batchTargets, pending, _batchValues, _batchStatuses);
            long end = _mono.NowMs;
            LastMidpointMs = start + (end - start) / 2;
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                if (into[i] != null)
                {
                    continue;
                }

                var itemStatus = status == ReadStatus.Ok ? _batchStatuses[n] : status;
                into[i] = itemStatus == ReadStatus.Ok
                    ? Normalise(meter, indices[i], end, _batchValues[n])
                    : Unavailable(meter, indices[i], itemStatus);
                n++;
            }

            return status;
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

        /// <summary>Reads the scaler_units the batch still lacks in one request; items whose scaler_unit fails get their reading here.</summary>
        private ReadStatus ResolveScalers(MeterRecord meter, IBatchMeterReader batch, int[] indices, int count, Reading[] into)
        {
            int pending = 0;
            for (int i = 0; i < count; i++)
            {
                into[i] = null;
                var state = meter.Items[indices[i]];
                if (!VmrsCatalogue.Items[indices[i]].IsScaledNumber || state.ScalerKnown)
                {
                    continue;
                }

                if (NeedsScalerRead(state))
                {
                    _batchTargets[pending++] = state.ScalerTarget;
                }
                else
                {
                    ApplyScaler(state, ReadStatus.Ok, _value);
                }
            }

            if (pending == 0)
            {
                return ReadStatus.Ok;
            }

            var status = batch.ReadMany(meter.Address, _batchTargets, pending, _batchValues, _batchStatuses);
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                var state = meter.Items[indices[i]];
                if (!VmrsCatalogue.Items[indices[i]].IsScaledNumber || state.ScalerKnown)
                {
                    continue;
                }

                var itemStatus = ApplyScaler(state, status == ReadStatus.Ok ? _batchStatuses[n] : status, _batchValues[n]);
                if (itemStatus != ReadStatus.Ok)
                {
                    into[i] = Unavailable(meter, indices[i], itemStatus);
                }

                n++;
            }

            return status;
        }

        /// <summary>Registers (class 3, 4, 5) carry their scaler_unit in attribute 3; other classes take it from the profile.</summary>
        private static bool NeedsScalerRead(ItemState state)
        {
            int classId = state.Mapping.Target.ClassId;
            return classId == RegisterClass || classId == ExtendedRegisterClass || classId == DemandRegisterClass;
        }

        /// <summary>Settles an item's scaler and unit from the scaler_unit read (<paramref name="status"/>, <paramref name="value"/>) and the profile's overrides.</summary>
        private static ReadStatus ApplyScaler(ItemState state, ReadStatus status, MeterValue value)
        {
            var mapping = state.Mapping;
            if (!NeedsScalerRead(state))
            {
                // Data objects (class 1) carry no scaler_unit: the profile's scaler applies to a value in VMRS units.
                state.Scaler = mapping.HasScaler ? mapping.Scaler : 0;
                state.UnitCode = mapping.UnitCode >= 0 ? mapping.UnitCode : UnitCodes.AlreadyVmrs;
                state.ScalerKnown = true;
                return ReadStatus.Ok;
            }

            if (status != ReadStatus.Ok)
            {
                return status;
            }

            if (value.Kind != MeterValueKind.ScalerUnit)
            {
                return ReadStatus.UnexpectedType;
            }

            state.Scaler = mapping.HasScaler ? mapping.Scaler : value.Scaler;
            state.UnitCode = mapping.UnitCode >= 0 ? mapping.UnitCode : value.UnitCode;
            state.ScalerKnown = true;
            return ReadStatus.Ok;
        }

        /// <summary>A good answer → the normalised reading (quality rules applied); a good value becomes the one republished during silences.</summary>
        private Reading Normalise(MeterRecord meter, int index, long nowMs, MeterValue value)
        {
            var state = meter.Items[index];
            var reading = NewReading(meter, VmrsCatalogue.Items[index], nowMs);
            Convert(meter, state, reading, value);
            if (reading.Quality == ReadingQuality.Good)
            {
                state.HasLast = true;
                state.LastNumber = reading.Number;
                state.LastText = reading.Text;
            }

            return reading;
        }

        /// <summary>Buffers for batches, grown once to the largest batch (at most the catalogue size).</summary>
        private void EnsureBatchCapacity(int count)
        {
            if (_batchValues != null && _batchValues.Length >= count)
            {
                return;
            }

            _batchTargets = new CosemAttributeRef[count];
            _batchStatuses = new ReadStatus[count];
            _batchValues = new MeterValue[count];
            for (int i = 0; i < count; i++)
            {
                _batchValues[i] = new MeterValue();
            }
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

        private void Convert(MeterRecord meter, ItemState state, Reading reading, MeterValue value)
        {
            var item = reading.Item;
            switch (item.Quantity)
            {
                case VmrsQuantity.ActiveEnergy:
                case VmrsQuantity.ActivePower:
                case VmrsQuantity.Voltage:
                case VmrsQuantity.Frequency:
                    ConvertScaled(meter, state, reading, value);
                    return;
                case VmrsQuantity.Identifier:
                    if (value.Kind == MeterValueKind.Bytes)
                    {
                        SetText(reading, value.BytesAsText());
                    }
                    else if (value.Kind == MeterValueKind.Number)
                    {
                        SetText(reading, ((long)value.Number).ToString());
                    }
                    else
                    {
                        Refuse(reading);
                    }

                    return;
                case VmrsQuantity.DisconnectState:
                    ConvertDisconnect(reading, value);
                    return;
                case VmrsQuantity.Clock:
                    ConvertClock(meter, reading, value);
                    return;
                case VmrsQuantity.StatusBits:
                    if (value.Kind == MeterValueKind.Bytes)
                    {
                        SetNumber(state, reading, BitsAsNumber(value));
                    }
                    else if (value.Kind == MeterValueKind.Number)
                    {
                        SetNumber(state, reading, value.Number);
                    }
                    else
                    {
                        Refuse(reading);
                    }

                    return;
                default:
                    if (value.Kind != MeterValueKind.Number)
                    {
                        Refuse(reading);
                        return;
                    }

                    var mapping = state.Mapping;
                    SetNumber(state, reading, mapping.HasScaler ? UnitCodes.Scale(value.Number, mapping.Scaler) : value.Number);
                    return;
            }
        }

        private void ConvertScaled(MeterRecord meter, ItemState state, Reading reading, MeterValue value)
        {
            if (value.Kind != MeterValueKind.Number)
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

            double number = UnitCodes.Scale(value.Number, state.Scaler + UnitCodes.ExponentToVmrs(state.UnitCode, item.Unit));
            if (!SetNumber(state, reading, number))
            {
                return;
            }

            double breaker = meter.BreakerA > 0 ? meter.BreakerA : _assessor.Limits.DefaultBreakerA;
            var reason = item.Quantity == VmrsQuantity.ActiveEnergy
                ? _assessor.AssessEnergy(state.Energy, number, reading.MonotonicMs, breaker)
                : _assessor.AssessInstant(item.Quantity, number, breaker);
            if (reason != SuspectReason.None)
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = reason;
            }
        }

        private static void ConvertDisconnect(Reading reading, MeterValue value)
        {
            bool connected;
            if (value.Kind == MeterValueKind.Boolean)
            {
                connected = value.Flag;
            }
            else if (value.Kind == MeterValueKind.Number)
            {
                // control_state enum: 0 disconnected, 1 connected, 2 ready_for_reconnection (still open).
                connected = value.Number == 1;
            }
            else
            {
                Refuse(reading);
                return;
            }

            SetText(reading, connected ? "connected" : "disconnected");
        }

        private void ConvertClock(MeterRecord meter, Reading reading, MeterValue value)
        {
            System.DateTime utc;
            LastClock = null;
            if (value.Kind != MeterValueKind.Bytes || value.ByteCount != CosemDateTime.Size)
            {
                Refuse(reading);
                return;
            }

            var time = CosemDateTime.Parse(value.Bytes, 0, CosemDateTime.Size);
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
        private static double BitsAsNumber(MeterValue value)
        {
            double number = 0;
            for (int i = 0; i < value.ByteCount; i++)
            {
                number = number * 256 + value.Bytes[i];
            }

            return number;
        }

        /// <summary>
        /// Sets a finite number and returns true. NaN or ∞ from a meter (or a finite value its scaler pushes past the
        /// double range) stops here, at the meter's boundary: it would poison the energy baseline and no envelope can
        /// carry it. The reading turns suspect (<see cref="SuspectReason.ValueNotFinite"/>) with the last good value,
        /// or none, like a refused read.
        /// </summary>
        private static bool SetNumber(ItemState state, Reading reading, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                reading.Quality = ReadingQuality.Suspect;
                reading.Reason = SuspectReason.ValueNotFinite;
                if (state.HasLast && state.LastText == null)
                {
                    reading.ValueKind = ReadingValueKind.Number;
                    reading.Number = state.LastNumber;
                }

                return false;
            }

            reading.ValueKind = ReadingValueKind.Number;
            reading.Number = value;
            return true;
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
