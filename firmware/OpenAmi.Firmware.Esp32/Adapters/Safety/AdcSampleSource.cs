using System;
using System.Device.Adc;
using nanoFramework.Hardware.Esp32;
using OpenAmi.Safety.Board;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Safety
{
    /// <summary>
    /// One RCM channel on ADC1, captured back to back on the calling (safety, highest-priority) thread: sample i is taken
    /// when the µs clock reaches start + i × period, and the span actually covered is reported so the Safety library
    /// rejects blocks the scheduler stretched (missing_samples). No allocation per sample. Samples are raw codes; their
    /// scale (24 mV/mA into ADC1 at 11 dB, usable 150–2450 mV) is <see cref="PoleBoardRcm"/>, the supervisor's default
    /// calibration, so the adapter refuses a converter whose code range differs from the one that calibration assumes.
    /// </summary>
    public sealed class AdcSampleSource : IResidualSampleSource
    {
        private readonly AdcChannel _channel;
        private readonly long _periodUs;

        /// <param name="adcChannel">ADC1 channel number (GPIO 36 = 0, 39 = 3, 34 = 6, 35 = 7).</param>
        public AdcSampleSource(AdcController controller, int adcChannel, int sampleRateHz)
        {
            if (controller.MaxValue != PoleBoardRcm.AdcMaxCounts)
            {
                throw new InvalidOperationException("ADC code range differs from the board calibration (PoleBoardRcm)");
            }

            _channel = controller.OpenChannel(adcChannel);
            _periodUs = 1000000L / sampleRateHz;
        }

        public int Capture(int[] buffer, int offset, int count, out long elapsedMicroseconds)
        {
            long start = (long)HighResTimer.GetCurrent();
            long due = start;
            for (int i = 0; i < count; i++)
            {
                while ((long)HighResTimer.GetCurrent() < due)
                {
                    // Busy-wait: Thread.Sleep has ~10 ms granularity, far coarser than one 417 µs period.
                }

                buffer[offset + i] = _channel.ReadValue();
                due += _periodUs;
            }

            elapsedMicroseconds = (long)HighResTimer.GetCurrent() - start;
            return count;
        }
    }
}
