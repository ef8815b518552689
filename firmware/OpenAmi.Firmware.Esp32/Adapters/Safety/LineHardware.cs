using System.Device.Gpio;
using System.Threading;
using OpenAmi.Firmware.Esp32.Adapters.Expander;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Safety
{
    /// <summary>
    /// One tenant line's switch, trip inputs, test winding and load-side sense. Levels per hardware/README.md:
    /// SSR_ON high = on; LATCH_Q high = tripped; RCM_ERR low = module fault; RCM_TEST high = test current;
    /// LOAD_V low = voltage on the load side; LATCH_RST rising edge clears the latch (ignored while TRIP_N is active).
    /// </summary>
    public sealed class LineHardware : ILineSwitch, ITripInputs, ITestCurrentOutput, ILoadVoltageSense
    {
        // A few scheduler ticks: the 74LVC1G74 needs nanoseconds, the 100 k pull-down and expander write need far less.
        private const int ResetPulseMs = 10;

        private readonly GpioPin _ssrOn;
        private readonly ExpanderBank _expanders;
        private readonly ArmGate _arm;
        private readonly int _line;
        private readonly int _latchReset;
        private readonly int _latchQ;
        private readonly int _moduleError;
        private readonly int _testWinding;
        private readonly int _loadVoltage;

        public LineHardware(int line, GpioPin ssrOn, ExpanderBank expanders, ArmGate arm, int latchReset, int latchQ, int moduleError, int testWinding, int loadVoltage)
        {
            _line = line;
            _ssrOn = ssrOn;
            _expanders = expanders;
            _arm = arm;
            _latchReset = latchReset;
            _latchQ = latchQ;
            _moduleError = moduleError;
            _testWinding = testWinding;
            _loadVoltage = loadVoltage;
        }

        public bool LatchSet => _expanders.Get(_latchQ);

        public bool ModuleError => !_expanders.Get(_moduleError);

        public bool VoltagePresent => !_expanders.Get(_loadVoltage);

        public void SetOn(bool on) => _ssrOn.Write(on ? PinValue.High : PinValue.Low);

        public void SetArmed(bool armed) => _arm.Request(_line, armed);

        public void PulseLatchReset()
        {
            _expanders.Set(_latchReset, false);
            _expanders.Set(_latchReset, true);
            Thread.Sleep(ResetPulseMs);
            _expanders.Set(_latchReset, false);
        }

        public void SetTestCurrent(bool on) => _expanders.Set(_testWinding, on);
    }
}
