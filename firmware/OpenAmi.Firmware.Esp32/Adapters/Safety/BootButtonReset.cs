using System;
using System.Device.Gpio;
using System.Threading;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Safety
{
    /// <summary>
    /// The local reset that clears a safety lockout: the BOOT button on <see cref="PinMap.LOCAL_RESET"/> (GPIO 0, 10 k
    /// pull-up, pressed = low). SafetySupervisor clears a lockout only after <see cref="Pressed"/> has read true on every
    /// poll for SafetySettings.LocalResetHoldMs (3 s). Polls alone could miss a release between them, so every edge is
    /// also counted from the pin's interrupt: <see cref="Pressed"/> is true only while the pin is low and has seen no edge
    /// for <see cref="SettleMs"/>. Contact bounce, a glitch or a release anywhere in the hold makes the next poll read
    /// false, which restarts the supervisor's 3 s.
    /// </summary>
    public sealed class BootButtonReset : ILocalResetInput
    {
        /// <summary>Longer than a push button's contact bounce (a few ms), shorter than any deliberate press.</summary>
        public const int SettleMs = 100;

        private readonly GpioPin _pin;
        private readonly SteadyLow _safetyReader;
        private int _edges;

        public BootButtonReset(GpioController controller)
        {
            _pin = controller.OpenPin(PinMap.LOCAL_RESET, PinMode.Input);
            _pin.ValueChanged += OnEdge;
            _safetyReader = new SteadyLow(this);
        }

        /// <summary>Polled from the safety thread only.</summary>
        public bool Pressed => _safetyReader.Pressed;

        /// <summary>
        /// A reader of the same button for one other thread (the commissioning access point's hold), with its own settle
        /// state, so its polls never disturb the safety thread's.
        /// </summary>
        public ILocalResetInput NewReader() => new SteadyLow(this);

        private void OnEdge(object sender, PinValueChangedEventArgs e) => Interlocked.Increment(ref _edges);

        /// <summary>Pressed once the pin has been low with no edge for <see cref="SettleMs"/>; one poller per instance.</summary>
        private sealed class SteadyLow : ILocalResetInput
        {
            private readonly BootButtonReset _button;
            private int _edgesSeen;
            private long _steadySinceMs = -1;

            public SteadyLow(BootButtonReset button)
            {
                _button = button;
            }

            public bool Pressed
            {
                get
                {
                    if (_button._pin.Read() != PinValue.Low)
                    {
                        _steadySinceMs = -1;
                        return false;
                    }

                    long now = Environment.TickCount64;
                    int edges = Interlocked.CompareExchange(ref _button._edges, 0, 0);
                    if (_steadySinceMs < 0 || edges != _edgesSeen)
                    {
                        _edgesSeen = edges;
                        _steadySinceMs = now;
                    }

                    return now - _steadySinceMs >= SettleMs;
                }
            }
        }
    }
}
