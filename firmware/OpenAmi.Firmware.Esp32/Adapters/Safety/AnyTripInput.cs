using System.Device.Gpio;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Safety
{
    /// <summary>GPIO 5: high while at least one line's latch is set (diode-OR of LATCH_Q_n, 100 k pull-down).</summary>
    public sealed class AnyTripInput : IAnyTripInput
    {
        private readonly GpioPin _pin;

        public AnyTripInput(GpioPin pin)
        {
            _pin = pin;
        }

        public bool Asserted => _pin.Read() == PinValue.High;
    }
}
