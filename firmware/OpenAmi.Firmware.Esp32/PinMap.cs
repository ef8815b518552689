namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// Every ESP32 GPIO and MCP23017 expander bit the firmware touches, named as the schematic nets
    /// (hardware/pinmap.json, generated from the KiCad schematic; hardware/README.md).
    /// tests/OpenAmi.Hardware.Tests/PinMapBindingTests.cs fails when this file and the netlist disagree.
    /// The module is an ESP32-WROVER-E: GPIO16/17 belong to its PSRAM, so RS-485 uses the GPIO12 and GPIO15
    /// strapping pins (transmit on GPIO12, held low at reset by a pull-down; receive on GPIO15, idle high).
    /// </summary>
    public static class PinMap
    {
        // ESP32 GPIO numbers.

        /// <summary>The BOOT button (10 k pull-up, pressed = low): the local reset that clears a safety lockout.</summary>
        public const int LOCAL_RESET = 0;
        public const int STATUS_LED = 2;
        public const int RS485_DE = 4;
        public const int ANY_TRIP = 5;
        public const int RS485_TX = 12;
        public const int OPT_TX = 13;
        public const int OPT_RX = 14;
        public const int RS485_RX = 15;
        public const int SSR_ON_1 = 18;
        public const int EXP_INT = 19;
        public const int I2C_SDA = 21;
        public const int I2C_SCL = 22;
        public const int SSR_ON_2 = 23;
        public const int MODEM_PWRKEY = 25;
        public const int MODEM_TX = 26;
        public const int MODEM_RX = 27;
        public const int SSR_ON_3 = 32;
        public const int SSR_ON_4 = 33;
        public const int RCM_ADC_3 = 34;
        public const int RCM_ADC_4 = 35;
        public const int RCM_ADC_1 = 36;
        public const int RCM_ADC_2 = 39;

        // I2C addresses of the two MCP23017 expanders (7-bit).
        public const int EXPANDER_U40 = 0x20;
        public const int EXPANDER_U41 = 0x21;

        // Expander bits: expander * 16 + (port B ? 8 : 0) + bit, so one int names expander, port and bit.
        public const int KP_ROW1 = 0, KP_ROW2 = 1, KP_ROW3 = 2, KP_ROW4 = 3;
        public const int KP_COL1 = 4, KP_COL2 = 5, KP_COL3 = 6, KP_COL4 = 7;
        public const int LATCH_RST_1 = 8, LATCH_RST_2 = 9, LATCH_RST_3 = 10, LATCH_RST_4 = 11;
        public const int LATCH_Q_1 = 12, LATCH_Q_2 = 13, LATCH_Q_3 = 14, LATCH_Q_4 = 15;
        public const int RCM_ERR_1 = 16, RCM_ERR_2 = 17, RCM_ERR_3 = 18, RCM_ERR_4 = 19;
        public const int RCM_TEST_1 = 20, RCM_TEST_2 = 21, RCM_TEST_3 = 22, RCM_TEST_4 = 23;
        public const int LOAD_V_1 = 24, LOAD_V_2 = 25, LOAD_V_3 = 26, LOAD_V_4 = 27;
        public const int SSR_ARM = 28;
        public const int MODEM_STATUS = 29;
        public const int BUZZER = 30;
        public const int TAMPER = 31;

        /// <summary>Expander index (0 = U40 at 0x20, 1 = U41 at 0x21) of an expander bit constant.</summary>
        public static int ExpanderOf(int expanderBit) => expanderBit >> 4;

        /// <summary>True when the bit is on port B (GPB), false for port A (GPA).</summary>
        public static bool IsPortB(int expanderBit) => (expanderBit & 8) != 0;

        /// <summary>Bit number 0..7 within its port.</summary>
        public static int BitOf(int expanderBit) => expanderBit & 7;
    }
}
