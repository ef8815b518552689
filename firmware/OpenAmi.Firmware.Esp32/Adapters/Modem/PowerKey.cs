using System.Device.Gpio;
using OpenAmi.Cellular.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Modem
{
    /// <summary>GPIO 25: high turns on the 2N7002 that pulls the module's PWRKEY low (hardware/README.md).</summary>
    public sealed class PowerKey : IPowerKey
    {
        private readonly GpioPin _pin;

        public PowerKey(GpioPin pin)
        {
            _pin = pin;
        }

        public void SetPressed(bool pressed) => _pin.Write(pressed ? PinValue.High : PinValue.Low);
    }
}
