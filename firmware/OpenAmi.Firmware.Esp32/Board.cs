using System.Device.Adc;
using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using OpenAmi.Firmware.Esp32.Adapters.Expander;
using OpenAmi.Firmware.Esp32.Adapters.Modem;
using OpenAmi.Firmware.Esp32.Adapters.Safety;
using OpenAmi.Firmware.Esp32.Adapters.Serial;
using OpenAmi.Gateway.Buses;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// Every board port, constructed in the one order that keeps the lines dead: SSR_ON pins driven low first, then the
    /// expanders' output latches cleared (SSR_ARM low) before any expander pin becomes an output. The Gateway composition
    /// takes the ports from here; nothing else touches a pin.
    /// </summary>
    public sealed class Board
    {
        public const int LineCount = 4;
        private const int I2cBus = 1;

        // ADC1 channel of RCM_ADC_1..4 (GPIO 36, 39, 34, 35 = CH0, CH3, CH6, CH7; docs/device-subset.md "Device facts").
        private static readonly int[] RcmAdcChannels = { 0, 3, 6, 7 };
        private static readonly int[] SsrOnGpios = { PinMap.SSR_ON_1, PinMap.SSR_ON_2, PinMap.SSR_ON_3, PinMap.SSR_ON_4 };
        private static readonly int[] LatchResets = { PinMap.LATCH_RST_1, PinMap.LATCH_RST_2, PinMap.LATCH_RST_3, PinMap.LATCH_RST_4 };
        private static readonly int[] LatchQs = { PinMap.LATCH_Q_1, PinMap.LATCH_Q_2, PinMap.LATCH_Q_3, PinMap.LATCH_Q_4 };
        private static readonly int[] ModuleErrors = { PinMap.RCM_ERR_1, PinMap.RCM_ERR_2, PinMap.RCM_ERR_3, PinMap.RCM_ERR_4 };
        private static readonly int[] TestWindings = { PinMap.RCM_TEST_1, PinMap.RCM_TEST_2, PinMap.RCM_TEST_3, PinMap.RCM_TEST_4 };
        private static readonly int[] LoadVoltages = { PinMap.LOAD_V_1, PinMap.LOAD_V_2, PinMap.LOAD_V_3, PinMap.LOAD_V_4 };

        // Expander outputs and pulled-up inputs (hardware/README.md "MCP23017 bits"); keypad rows start as inputs.
        private static readonly int[] Outputs =
        {
            PinMap.LATCH_RST_1, PinMap.LATCH_RST_2, PinMap.LATCH_RST_3, PinMap.LATCH_RST_4,
            PinMap.RCM_TEST_1, PinMap.RCM_TEST_2, PinMap.RCM_TEST_3, PinMap.RCM_TEST_4, PinMap.SSR_ARM, PinMap.BUZZER,
        };

        private static readonly int[] PulledUp = { PinMap.KP_COL1, PinMap.KP_COL2, PinMap.KP_COL3, PinMap.KP_COL4 };

        private Board()
        {
        }

        public GpioController Gpio { get; private set; }

        public ExpanderBank Expanders { get; private set; }

        public LineHardware[] Lines { get; private set; }

        public AdcSampleSource[] Samples { get; private set; }

        public AnyTripInput AnyTrip { get; private set; }

        public BootButtonReset LocalReset { get; private set; }

        public GpioPin StatusLed { get; private set; }

        /// <summary>
        /// COM2's arbiter, bus ids (int)Com2Route.Rs485 and (int)Com2Route.Optical: hold a route's bus for a whole poll
        /// transaction on <see cref="Rs485"/> or <see cref="Optical"/>.
        /// </summary>
        public BusArbiter Com2 { get; private set; }

        public RoutedLink Rs485 { get; private set; }

        public RoutedLink Optical { get; private set; }

        public UartByteLink Modem { get; private set; }

        public PowerKey ModemPowerKey { get; private set; }

        /// <summary>Brings the board up in the safe state. Throws if an expander does not answer (lines then stay off by hardware).</summary>
        public static Board Open(int sampleRateHz)
        {
            var board = new Board();
            var gpio = new GpioController();
            board.Gpio = gpio;
            var ssrOn = new GpioPin[LineCount];
            for (int i = 0; i < LineCount; i++)
            {
                ssrOn[i] = OpenOutputLow(gpio, SsrOnGpios[i]);
            }

            Configuration.SetPinFunction(PinMap.I2C_SDA, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(PinMap.I2C_SCL, DeviceFunction.I2C1_CLOCK);
            var expanders = new ExpanderBank(new Mcp23017(I2cBus, PinMap.EXPANDER_U40), new Mcp23017(I2cBus, PinMap.EXPANDER_U41));
            expanders.Configure(MasksOf(Outputs), MasksOf(PulledUp));
            board.Expanders = expanders;

            var arm = new ArmGate(expanders);
            var adc = new AdcController();
            board.Lines = new LineHardware[LineCount];
            board.Samples = new AdcSampleSource[LineCount];
            for (int i = 0; i < LineCount; i++)
            {
                board.Lines[i] = new LineHardware(i, ssrOn[i], expanders, arm, LatchResets[i], LatchQs[i], ModuleErrors[i], TestWindings[i], LoadVoltages[i]);
                board.Samples[i] = new AdcSampleSource(adc, RcmAdcChannels[i], sampleRateHz);
            }

            board.AnyTrip = new AnyTripInput(gpio.OpenPin(PinMap.ANY_TRIP, PinMode.Input));
            board.LocalReset = new BootButtonReset(gpio);
            board.StatusLed = OpenOutputLow(gpio, PinMap.STATUS_LED);

            var com2 = new Com2Router();
            board.Com2 = new BusArbiter(Com2Router.BusCount, com2, new TickCountClock());
            board.Rs485 = new RoutedLink(com2, board.Com2, Com2Route.Rs485);
            board.Optical = new RoutedLink(com2, board.Com2, Com2Route.Optical);
            Configuration.SetPinFunction(PinMap.MODEM_TX, DeviceFunction.COM3_TX);
            Configuration.SetPinFunction(PinMap.MODEM_RX, DeviceFunction.COM3_RX);
            board.Modem = UartByteLink.Open("COM3", 115200);
            board.ModemPowerKey = new PowerKey(OpenOutputLow(gpio, PinMap.MODEM_PWRKEY));
            return board;
        }

        /// <summary>The Safety library's view of line <paramref name="line"/>.</summary>
        /// <summary>The board line whose sensor is on ADC1 channel <paramref name="adcChannel"/>, or -1.</summary>
        public static int LineOfAdcChannel(int adcChannel)
        {
            for (int i = 0; i < LineCount; i++)
            {
                if (RcmAdcChannels[i] == adcChannel)
                {
                    return i;
                }
            }

            return -1;
        }

        public LinePorts PortsOf(int line)
        {
            LineHardware hardware = Lines[line];

            // No test loop on this board revision: its switches need the third I/O expander of the board step (issue 23),
            // which the pin map does not carry yet; the self-test then relies on the sensor's winding alone.
            return new LinePorts(Samples[line], hardware, hardware, hardware, hardware, null);
        }

        private static GpioPin OpenOutputLow(GpioController gpio, int pinNumber)
        {
            // Latch the low level before switching to output, so the pin never drives high (GpioPin.Write on an input
            // updates the latched output value, System.Device.Gpio GpioPin.cs).
            GpioPin pin = gpio.OpenPin(pinNumber);
            pin.Write(PinValue.Low);
            pin.SetPinMode(PinMode.Output);
            pin.Write(PinValue.Low);
            return pin;
        }

        private static int[] MasksOf(int[] bits)
        {
            var masks = new int[2];
            foreach (int bit in bits)
            {
                masks[PinMap.ExpanderOf(bit)] |= 1 << (bit & 15);
            }

            return masks;
        }
    }
}
