using System.Device.Gpio;
using System.Threading;
using OpenAmi.Firmware.Esp32.Adapters.Expander;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Keypad
{
    /// <summary>
    /// The board has no display: the status LED (GPIO 2) and the buzzer (U41 GPB6, high = on) tell the customer what
    /// happened. Each feedback code is a fixed pattern of beeps (long = accepted; short ones count the refusal reason);
    /// a key echo is one 30 ms click. Patterns run on the caller's thread, which is the keypad thread.
    /// </summary>
    public sealed class KeypadIndicator : IKeypadIndicator
    {
        private const int ClickMs = 30;
        private const int ShortMs = 120;
        private const int LongMs = 800;
        private const int GapMs = 150;

        private readonly GpioPin _led;
        private readonly ExpanderBank _expanders;

        public KeypadIndicator(GpioPin led, ExpanderBank expanders)
        {
            _led = led;
            _expanders = expanders;
        }

        public void Show(KeypadFeedback feedback)
        {
            if (feedback == KeypadFeedback.Accept)
            {
                Beep(LongMs);
                return;
            }

            // reject 2, used 3, old 4, busy 5, lockout 6 short beeps: distinguishable by counting.
            int beeps = (int)feedback + 1;
            for (int i = 0; i < beeps; i++)
            {
                Beep(ShortMs);
                Thread.Sleep(GapMs);
            }
        }

        public void ShowEntry(KeypadStage stage, int digitCount)
        {
            if (digitCount > 0)
            {
                Beep(ClickMs);
            }
        }

        private void Beep(int milliseconds)
        {
            _led.Write(PinValue.High);
            _expanders.Set(PinMap.BUZZER, true);
            Thread.Sleep(milliseconds);
            _expanders.Set(PinMap.BUZZER, false);
            _led.Write(PinValue.Low);
        }
    }
}
