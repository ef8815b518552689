using System.Collections;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Theft
{
    /// <summary>
    /// Watches the good readings on their way to the sink and raises theft and loss events: named tamper flags,
    /// reverse energy on import-only meters, and at each window close the feeder energy balance (head meter
    /// against the sum of customers, with a technical-loss allowance) and zero consumption with voltage present.
    /// Windows are closed by the caller (the gateway's scheduler), e.g. hourly.
    /// </summary>
    public sealed class TheftMonitor : IMeteringSink
    {
        private readonly IMeteringSink _downstream;
        private readonly TheftOptions _options;
        private readonly ArrayList _windows = new ArrayList();

        public TheftMonitor(IMeteringSink downstream, TheftOptions options)
        {
            _downstream = downstream;
            _options = options;
        }

        public void OnEvent(MeteringEvent meteringEvent) => _downstream.OnEvent(meteringEvent);

        public void OnReading(Reading reading)
        {
            _downstream.OnReading(reading);
            if (reading.Quality != ReadingQuality.Good || reading.ValueKind != ReadingValueKind.Number)
            {
                return;
            }

            var window = WindowOf(reading.Meter);
            switch (reading.Item.Code)
            {
                case VmrsCatalogue.ActiveEnergyImport:
                    window.Import.Add(reading.Number, reading.MonotonicMs);
                    break;
                case VmrsCatalogue.ActiveEnergyExport:
                    window.Export.Add(reading.Number, reading.MonotonicMs);
                    if (reading.Meter.Profile.ChecksReverseEnergy && window.Export.Delta > _options.ReverseEnergyKWh)
                    {
                        RaiseReverse(window, reading, window.Export.Delta, 0);
                    }

                    break;
                case VmrsCatalogue.ActivePowerImport:
                    if (reading.Meter.Profile.ChecksReverseEnergy && reading.Number < -_options.ReversePowerW)
                    {
                        RaiseReverse(window, reading, 0, reading.Number);
                    }

                    break;
                case VmrsCatalogue.VoltageL1:
                    window.VoltageKnown = true;
                    window.LastVoltage = reading.Number;
                    break;
                case VmrsCatalogue.Status:
                    CheckTamper(window, reading);
                    break;
            }
        }

        /// <summary>
        /// Ends the window that began <paramref name="windowMs"/> ago: balance, zero-consumption checks, and a
        /// new window starting from each meter's last reading. Consumption is scaled to the window length from
        /// the readings' own times, so meters polled at different moments compare fairly.
        /// </summary>
        public BalanceResult CloseWindow(long nowMs, long windowMs)
        {
            var result = new BalanceResult();
            MeterWindow head = null;
            for (int i = 0; i < _windows.Count; i++)
            {
                var window = (MeterWindow)_windows[i];
                double kWh;
                bool usable = window.Import.TryRate(windowMs, out kWh);
                if (!usable)
                {
                    result.MissingMeters++;
                }
                else if (window.Meter.Role == MeterRole.FeederHead)
                {
                    head = window;
                    result.HeadKWh += kWh;
                }
                else
                {
                    result.CustomersKWh += kWh;
                    CheckZeroConsumption(window, kWh, nowMs);
                }

                window.PreviousKWh = usable ? kWh : -1;
                window.Import.Roll();
                window.Export.Roll();
                window.ReverseRaised = false;
            }

            result.Evaluated = head != null && result.MissingMeters == 0;
            if (!result.Evaluated || result.HeadKWh < _options.MinimumHeadKWh)
            {
                return result;
            }

            result.ImbalanceKWh = result.HeadKWh - result.CustomersKWh;
            result.ImbalancePercent = result.ImbalanceKWh / result.HeadKWh * 100.0;
            result.Imbalanced = result.ImbalancePercent > _options.LossAllowancePercent || result.ImbalancePercent < -_options.LossAllowancePercent;
            if (result.Imbalanced)
            {
                var imbalance = new EnergyImbalanceEvent();
                imbalance.MeterAddress = head.Meter.Address;
                imbalance.MeterSerial = head.Meter.Serial;
                imbalance.MonotonicMs = nowMs;
                imbalance.WindowMs = windowMs;
                imbalance.HeadKWh = result.HeadKWh;
                imbalance.CustomersKWh = result.CustomersKWh;
                imbalance.ImbalanceKWh = result.ImbalanceKWh;
                imbalance.ImbalancePercent = result.ImbalancePercent;
                imbalance.AllowancePercent = _options.LossAllowancePercent;
                _downstream.OnEvent(imbalance);
            }

            return result;
        }

        private void CheckZeroConsumption(MeterWindow window, double kWh, long nowMs)
        {
            if (window.PreviousKWh < _options.ZeroConsumptionBaselineKWh || kWh > _options.ZeroKWh ||
                !window.VoltageKnown || window.LastVoltage < _options.VoltagePresentV)
            {
                return;
            }

            var zero = new TheftSuspicionEvent(MeteringEventKind.ZeroConsumption);
            zero.MeterAddress = window.Meter.Address;
            zero.MeterSerial = window.Meter.Serial;
            zero.MonotonicMs = nowMs;
            zero.EnergyKWh = kWh;
            zero.PreviousKWh = window.PreviousKWh;
            zero.VoltageV = window.LastVoltage;
            _downstream.OnEvent(zero);
        }

        private void CheckTamper(MeterWindow window, Reading reading)
        {
            ulong status = (ulong)reading.Number;
            var flags = TamperFlags.NewlySet(reading.Meter.Profile.StatusBits, window.HasStatus ? window.LastStatus : 0, status);
            window.HasStatus = true;
            window.LastStatus = status;
            if (flags.Length == 0)
            {
                return;
            }

            var tamper = new TamperEvent();
            tamper.MeterAddress = reading.Meter.Address;
            tamper.MeterSerial = reading.Meter.Serial;
            tamper.MonotonicMs = reading.MonotonicMs;
            tamper.UtcTicks = reading.UtcTicks;
            tamper.Flags = flags;
            tamper.RawStatus = (long)status;
            _downstream.OnEvent(tamper);
        }

        private void RaiseReverse(MeterWindow window, Reading reading, double exportKWh, double powerW)
        {
            if (window.ReverseRaised)
            {
                return;
            }

            window.ReverseRaised = true;
            var reverse = new TheftSuspicionEvent(MeteringEventKind.ReverseEnergy);
            reverse.MeterAddress = reading.Meter.Address;
            reverse.MeterSerial = reading.Meter.Serial;
            reverse.MonotonicMs = reading.MonotonicMs;
            reverse.UtcTicks = reading.UtcTicks;
            reverse.EnergyKWh = exportKWh;
            reverse.PowerW = powerW;
            _downstream.OnEvent(reverse);
        }

        private MeterWindow WindowOf(MeterRecord meter)
        {
            for (int i = 0; i < _windows.Count; i++)
            {
                var window = (MeterWindow)_windows[i];
                if (window.Meter == meter)
                {
                    return window;
                }
            }

            var created = new MeterWindow(meter);
            _windows.Add(created);
            return created;
        }

        /// <summary>First and last good reading of one cumulative register inside the current window.</summary>
        private sealed class RegisterSpan
        {
            private bool _hasFirst;
            private double _firstKWh;
            private long _firstMs;
            private double _lastKWh;
            private long _lastMs;

            public double Delta => _hasFirst ? _lastKWh - _firstKWh : 0;

            public void Add(double kWh, long ms)
            {
                if (!_hasFirst)
                {
                    _hasFirst = true;
                    _firstKWh = kWh;
                    _firstMs = ms;
                }

                _lastKWh = kWh;
                _lastMs = ms;
            }

            /// <summary>Consumption over the span, scaled to <paramref name="windowMs"/>; false with fewer than two readings.</summary>
            public bool TryRate(long windowMs, out double kWh)
            {
                kWh = 0;
                if (!_hasFirst || _lastMs <= _firstMs)
                {
                    return false;
                }

                kWh = (_lastKWh - _firstKWh) * windowMs / (_lastMs - _firstMs);
                return true;
            }

            /// <summary>The next window starts at this window's last reading.</summary>
            public void Roll()
            {
                _firstKWh = _lastKWh;
                _firstMs = _lastMs;
            }
        }

        private sealed class MeterWindow
        {
            public MeterWindow(MeterRecord meter)
            {
                Meter = meter;
            }

            public MeterRecord Meter { get; }

            public readonly RegisterSpan Import = new RegisterSpan();
            public readonly RegisterSpan Export = new RegisterSpan();
            public double PreviousKWh = -1;
            public bool VoltageKnown;
            public double LastVoltage;
            public bool HasStatus;
            public ulong LastStatus;
            public bool ReverseRaised;
        }
    }
}
