using System.Device.Gpio;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Safety
{
    /// <summary>
    /// The local reset that clears a safety lockout: the BOOT button (GPIO 0, 10 k pull-up, pressed = low), held for
    /// SafetySettings.LocalResetHoldMs. It is a strapping pin on the programming header and not in hardware/pinmap.json,
    /// so its number lives here until the board exports a LOCAL_RESET net (then it moves to PinMap).
    /// </summary>
    public sealed class BootButtonReset : ILocalResetInput
    {
        public const int Gpio = 0;

        private readonly GpioPin _pin;

        public BootButtonReset(GpioController controller)
        {
            _pin = controller.OpenPin(Gpio, PinMode.Input);
        }

        public bool Pressed => _pin.Read() == PinValue.Low;
    }
}
