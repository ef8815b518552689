"""Circuit of each hierarchical sheet: (ref, part, value, {pin name or number: net}, extra fields).

Net notation: "GND"/"+3V3"/... power ports, "NC" no-connect, "^X" hierarchical label (sheet interface),
"@X" global label, anything else a local label. The tenant-line sheet is instantiated four times; its
references use "#" for the line number (R#01 -> R101 .. R401).
Design reasoning for each block is in hardware/README.md.
"""

# Resistor/threshold sim expressions: s_* = +1 moves the part in the direction that makes the trip path
# less sensitive (slower, higher threshold); the harness sets desen = +1 (slow corner), 0, -1 (fast corner).
def tol_r(nominal, sign):
    return {"Sim.Device": "R", "Sim.Params": f"r={{{nominal}*(1+({sign})*desen*rtol)}}"}


def tol_p(nominal, sign):
    """A precision (R_PREC, 0.1 %) resistor: its own tolerance parameter ptol."""
    return {"Sim.Device": "R", "Sim.Params": f"r={{{nominal}*(1+({sign})*desen*ptol)}}"}


def tol_c(nominal, sign):
    return {"Sim.Device": "C", "Sim.Params": f"c={{{nominal}*(1+({sign})*desen*ctol)}}"}


POWER = [
    ("J1", "TB_3_MAINS", "Mains in L/N/PE", {"P1": "@MAINS_L", "P2": "@MAINS_N", "P3": "@PE"}, {}),
    ("F1", "FUSE", "T1A", {"1": "@MAINS_L", "2": "PSU_L"}, {}),
    ("RV1", "MOV", "S10K275", {"1": "PSU_L", "2": "@MAINS_N"}, {}),
    # +5V undervoltage supervisor: below 4.50 V (and for ~350 ms after) it holds EN low, which resets the ESP32
    # and both expanders (SSR_ARM falls to its pull-down) and, through a diode per line, presets every latch.
    ("U4", "MCP120", "MCP120-450", {"VDD": "+5V", "VSS": "GND", "~{RST}": "@EN"}, {}),
    ("PS1", "IRM20", "IRM-20-5", {"AC_L": "PSU_L", "AC_N": "@MAINS_N", "+V": "+5V", "-V": "GND"}, {}),
    ("C1", "C_BULK", "100u", {"+": "+5V", "-": "GND"}, {}),
    ("U1", "AMS1117", "AMS1117-3.3", {"VIN": "+5V", "GND": "GND", "VOUT": "+3V3"}, {}),
    ("C2", "C_BULK", "100u", {"+": "+3V3", "-": "GND"}, {}),
    ("C3", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    # Modem supply: 2 A bursts (SIMCom A7670 hardware design guide asks for >= 2 A peak capability).
    ("U2", "MIC29302", "MIC29302WU", {"IN": "+5V", "EN": "+5V", "GND": "GND", "OUT": "+3V8",
                                      "ADJ": "VBAT_ADJ"}, {}),
    ("R1", "R", "20k5", {"1": "+3V8", "2": "VBAT_ADJ"}, {}),
    ("R2", "R", "10k", {"1": "VBAT_ADJ", "2": "GND"}, {}),
    ("C4", "C_BULK", "100u", {"+": "+3V8", "-": "GND"}, {}),
    ("C5", "C_BULK", "100u", {"+": "+3V8", "-": "GND"}, {}),
    ("C6", "C", "100n", {"1": "+5V", "2": "GND"}, {}),
    # Trip-threshold reference shared by the four tenant-line ladders.
    ("U3", "REF3030", "REF3030", {"IN": "+5V", "GND": "GND", "OUT": "@VREF_TRIP"}, {"sim": True}),
    ("C7", "C", "1u", {"1": "@VREF_TRIP", "2": "GND"}, {"sim": True}),
    ("TP1", "TP", "+5V", {"1": "+5V"}, {}),
    ("TP2", "TP", "+3V3", {"1": "+3V3"}, {}),
    ("TP3", "TP", "+3V8", {"1": "+3V8"}, {}),
    ("TP4", "TP", "GND", {"1": "GND"}, {}),
    ("TP5", "TP", "VREF_TRIP", {"1": "@VREF_TRIP"}, {}),
]

MCU = [
    ("U10", "ESP32", "ESP32-WROVER-E", {
        "1": "GND", "15": "GND", "38": "GND", "39": "GND", "3V3": "+3V3", "EN": "@EN",
        "IO36": "@RCM_ADC_1", "IO39": "@RCM_ADC_2", "IO34": "@RCM_ADC_3", "IO35": "@RCM_ADC_4",
        "IO32": "@SSR_ON_3", "IO33": "@SSR_ON_4", "IO25": "@MODEM_PWRKEY", "IO26": "@MODEM_TX",
        "IO27": "@MODEM_RX", "IO14": "@OPT_RX", "IO12": "@RS485_TX", "IO13": "@OPT_TX", "IO15": "@RS485_RX",
        "IO2": "STATUS_LED", "IO0": "LOCAL_RESET", "IO4": "@RS485_DE",
        "IO5": "@ANY_TRIP", "IO18": "@SSR_ON_1", "IO19": "@EXP_INT", "IO21": "@I2C_SDA", "IO22": "@I2C_SCL",
        "IO23": "@SSR_ON_2", "RXD0": "RXD0", "TXD0": "TXD0",
        "NC17": "NC", "NC18": "NC", "NC19": "NC", "NC20": "NC", "NC21": "NC", "NC22": "NC", "NC27": "NC",
        "NC28": "NC", "NC32": "NC"}, {}),
    ("C10", "C_BULK", "100u", {"+": "+3V3", "-": "GND"}, {}),
    ("C11", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    ("R10", "R", "10k", {"1": "+3V3", "2": "@EN"}, {}),
    ("C12", "C", "1u", {"1": "@EN", "2": "GND"}, {}),
    ("R11", "R", "10k", {"1": "+3V3", "2": "LOCAL_RESET"}, {}),
    ("SW10", "SW_TACT", "RESET", {"1": "@EN", "2": "GND"}, {}),
    ("SW11", "SW_TACT", "BOOT", {"1": "LOCAL_RESET", "2": "GND"}, {}),
    # UART0 programming header for nanoff: GND, TXD0, RXD0, EN, IO0, 3V3 (sense only).
    ("J10", "CONN_1x6", "PROG UART0", {"P1": "GND", "P2": "TXD0", "P3": "RXD0", "P4": "@EN", "P5": "LOCAL_RESET",
                                       "P6": "+3V3"}, {}),
    ("R12", "R", "1k", {"1": "STATUS_LED", "2": "LED_STATUS_A"}, {}),
    ("D10", "LED", "green", {"A": "LED_STATUS_A", "K": "GND"}, {}),
    # Boot-safe defaults: SSR_ON low while the ESP32 pins float during reset and boot.
    ("R13", "R", "100k", {"1": "@SSR_ON_1", "2": "GND"}, {}),
    ("R14", "R", "100k", {"1": "@SSR_ON_2", "2": "GND"}, {}),
    ("R15", "R", "100k", {"1": "@SSR_ON_3", "2": "GND"}, {}),
    ("R16", "R", "100k", {"1": "@SSR_ON_4", "2": "GND"}, {}),
    ("R17", "R", "100k", {"1": "@ANY_TRIP", "2": "GND"}, {}),
    ("R18", "R", "10k", {"1": "@RS485_DE", "2": "GND"}, {}),
    # GPIO12 selects 1.8 V flash when high at reset: the transmit line on it is held low (RS485_RX on the
    # GPIO15 strap idles high through the bus bias, which is that strap's default level).
    ("R19", "R", "10k", {"1": "@RS485_TX", "2": "GND"}, {}),
    ("TP10", "TP", "EN", {"1": "@EN"}, {}),
    ("TP11", "TP", "ANY_TRIP", {"1": "@ANY_TRIP"}, {}),
]

COMMS = [
    ("U20", "MAX3485", "MAX3485ESA", {"RO": "@RS485_RX", "~{RE}": "@RS485_DE", "DE": "@RS485_DE",
                                      "DI": "@RS485_TX", "GND": "GND", "VCC": "+3V3", "A": "RS485_A",
                                      "B": "RS485_B"}, {}),
    ("C20", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    ("D20", "SM712", "SM712", {"IO1": "RS485_A", "IO2": "RS485_B", "COM": "GND"}, {}),
    # Fail-safe bias sized for a bus terminated at both ends (this board's 120 R and the far end's: 60 R):
    # A-B = 3.135 V x 60 / (60 + 330 + 330) = 261 mV at the rail's -5 %, above the receivers' 200 mV threshold
    # (680 R gave 139 mV). Calculation in docs/hardware/design-review.md, finding 5.
    ("R20", "R", "330", {"1": "+3V3", "2": "RS485_A"}, {}),
    ("R21", "R", "330", {"1": "RS485_B", "2": "GND"}, {}),
    ("R22", "R", "120", {"1": "RS485_A", "2": "RS485_TERM"}, {}),
    ("JP20", "CONN_1x2", "TERM", {"1": "RS485_TERM", "2": "RS485_B"}, {}),
    ("J20", "TB_3_SELV", "RS-485 A/B/GND", {"P1": "RS485_A", "P2": "RS485_B", "P3": "GND"}, {}),
    # IEC 62056-21 optical port: light on = space (0); TX pin low lights the emitter.
    ("R23", "R", "100", {"1": "+3V3", "2": "IR_A"}, {}),
    ("D21", "IR_LED", "TSAL6200", {"A": "IR_A", "K": "@OPT_TX"}, {}),
    ("Q20", "PHOTOTRANSISTOR", "TEFT4300", {"C": "@OPT_RX", "E": "GND"}, {}),
    ("R24", "R", "10k", {"1": "+3V3", "2": "@OPT_RX"}, {}),
    ("TP20", "TP", "RS485_A", {"1": "RS485_A"}, {}),
    ("TP21", "TP", "RS485_B", {"1": "RS485_B"}, {}),
]

MODEM = [
    ("J30", "MODEM_HDR", "A7670E carrier", {
        "1": "+3V8", "2": "+3V8", "17": "+3V8", "18": "+3V8", "3": "GND", "4": "GND", "15": "GND", "16": "GND",
        "PWRKEY": "PWRKEY_N", "STATUS": "MDM_STATUS_1V8", "RXD": "MDM_RXD_1V8", "TXD": "MDM_TXD_1V8",
        "VDD_EXT": "MODEM_VDD_EXT", "RESET": "NC", "SIM_VDD": "SIM_VDD", "SIM_DATA": "SIM_DATA",
        "SIM_CLK": "SIM_CLK", "SIM_RST": "SIM_RST", "NETLIGHT": "NC", "RI": "NC"}, {}),
    # Modem bulk at J30: >= 470 uF low-ESR polymer for the 2 A bursts (a ceramic's capacitance collapses with bias).
    ("C30", "C_POLY", "470u", {"+": "+3V8", "-": "GND"}, {}),
    ("C31", "C_BULK", "100u", {"+": "+3V8", "-": "GND"}, {}),
    ("C32", "C", "100n", {"1": "+3V8", "2": "GND"}, {}),
    ("J31", "SIM_HOLDER", "micro-SIM", {"VCC": "SIM_VDD", "RST": "SIM_RST", "CLK": "SIM_CLK", "IO": "SIM_DATA",
                                        "GND": "GND", "VPP": "NC"}, {}),
    ("C33", "C", "100n", {"1": "SIM_VDD", "2": "GND"}, {}),
    # ESD at the SIM holder, the one contact a person's finger reaches.
    ("D31", "ESDA6V1", "ESDA6V1-5SC6", {"IO1": "SIM_VDD", "IO2": "SIM_RST", "IO3": "SIM_CLK", "IO4": "SIM_DATA",
                                        "IO5": "NC", "GND": "GND"}, {}),
    # 1.8 V modem I/O <-> 3.3 V ESP32: auto-direction translator, A side on the modem's VDD_EXT.
    ("U30", "TXS0104E", "TXS0104E", {"VCCA": "MODEM_VDD_EXT", "VCCB": "+3V3", "GND": "GND", "OE": "MODEM_VDD_EXT",
                                     "A1": "MDM_RXD_1V8", "B1": "@MODEM_TX", "A2": "MDM_TXD_1V8", "B2": "@MODEM_RX",
                                     "A3": "MDM_STATUS_1V8", "B3": "@MODEM_STATUS", "A4": "MODEM_VDD_EXT",
                                     "B4": "+3V3", "6": "NC", "9": "NC"}, {}),
    ("C34", "C", "100n", {"1": "MODEM_VDD_EXT", "2": "GND"}, {}),
    ("C35", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    # PWRKEY is pulled up inside the module; an open drain pulls it low for the power-on pulse.
    ("Q30", "NMOS", "2N7002", {"G": "@MODEM_PWRKEY", "S": "GND", "D": "PWRKEY_N"}, {}),
    ("R30", "R", "100k", {"1": "@MODEM_PWRKEY", "2": "GND"}, {}),
    ("TP30", "TP", "+3V8 modem", {"1": "+3V8"}, {}),
]


def exp_pins(prefix, names):
    return {f"{prefix}{i}": n for i, n in enumerate(names)}


EXP1_A = ["@KP_ROW1", "@KP_ROW2", "@KP_ROW3", "@KP_ROW4", "@KP_COL1", "@KP_COL2", "@KP_COL3", "@KP_COL4"]
EXP1_B = ["@LATCH_RST_1", "@LATCH_RST_2", "@LATCH_RST_3", "@LATCH_RST_4",
          "@LATCH_Q_1", "@LATCH_Q_2", "@LATCH_Q_3", "@LATCH_Q_4"]
EXP2_A = ["@RCM_ERR_1", "@RCM_ERR_2", "@RCM_ERR_3", "@RCM_ERR_4",
          "@RCM_TEST_1", "@RCM_TEST_2", "@RCM_TEST_3", "@RCM_TEST_4"]
EXP2_B = ["@LOAD_V_1", "@LOAD_V_2", "@LOAD_V_3", "@LOAD_V_4", "@SSR_ARM", "@MODEM_STATUS", "BUZZER", "TAMPER"]

IO = [
    ("U40", "MCP23017", "MCP23017 @0x20", {**exp_pins("GPA", EXP1_A), **exp_pins("GPB", EXP1_B),
                                           "VDD": "+3V3", "VSS": "GND", "11": "NC", "14": "NC", "SCL": "@I2C_SCL",
                                           "SDA": "@I2C_SDA", "A0": "GND", "A1": "GND", "A2": "GND",
                                           "~{RESET}": "@EN", "INTA": "@EXP_INT", "INTB": "NC"}, {}),
    ("U41", "MCP23017", "MCP23017 @0x21", {**exp_pins("GPA", EXP2_A), **exp_pins("GPB", EXP2_B),
                                           "VDD": "+3V3", "VSS": "GND", "11": "NC", "14": "NC", "SCL": "@I2C_SCL",
                                           "SDA": "@I2C_SDA", "A0": "+3V3", "A1": "GND", "A2": "GND",
                                           "~{RESET}": "@EN", "INTA": "@EXP_INT", "INTB": "NC"}, {}),
    ("C40", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    ("C41", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    ("R40", "R", "4k7", {"1": "+3V3", "2": "@I2C_SDA"}, {}),
    ("R41", "R", "4k7", {"1": "+3V3", "2": "@I2C_SCL"}, {}),
    ("R42", "R", "10k", {"1": "+3V3", "2": "@EXP_INT"}, {}),
    # Expander pins are inputs after reset: these hold SSR_ARM and LATCH_RST low until firmware drives them.
    ("R44", "R", "100k", {"1": "@SSR_ARM", "2": "GND"}, {}),
    ("R45", "R", "100k", {"1": "@LATCH_RST_1", "2": "GND"}, {}),
    ("R46", "R", "100k", {"1": "@LATCH_RST_2", "2": "GND"}, {}),
    ("R47", "R", "100k", {"1": "@LATCH_RST_3", "2": "GND"}, {}),
    ("R48", "R", "100k", {"1": "@LATCH_RST_4", "2": "GND"}, {}),
    ("J40", "CONN_1x8", "KEYPAD 4x4", {f"P{i + 1}": n for i, n in enumerate(EXP1_A)}, {}),
    # ESD on the keypad lines at J40 (the keypad is touched; these lines reach the expander that drives LATCH_RST).
    ("D41", "ESDA6V1", "ESDA6V1-5SC6", {"IO1": "@KP_ROW1", "IO2": "@KP_ROW2", "IO3": "@KP_ROW3", "IO4": "@KP_ROW4",
                                        "IO5": "@KP_COL1", "GND": "GND"}, {}),
    ("D42", "ESDA6V1", "ESDA6V1-5SC6", {"IO1": "@KP_COL2", "IO2": "@KP_COL3", "IO3": "@KP_COL4", "IO4": "NC",
                                        "IO5": "NC", "GND": "GND"}, {}),
    ("Q40", "NMOS", "2N7002", {"G": "BUZZER", "S": "GND", "D": "BUZZER_N"}, {}),
    ("R49", "R", "100k", {"1": "BUZZER", "2": "GND"}, {}),
    ("BZ40", "BUZZER", "CEM-1203", {"+": "+5V", "-": "BUZZER_N"}, {}),
    ("D40", "D_FLYBACK", "1N4148W", {"K": "+5V", "A": "BUZZER_N"}, {}),
    ("SW40", "SW_TAMPER", "TAMPER", {"1": "TAMPER", "2": "GND"}, {}),
    ("R50", "R", "10k", {"1": "+3V3", "2": "TAMPER"}, {}),
    ("TP40", "TP", "I2C_SDA", {"1": "@I2C_SDA"}, {}),
    ("TP41", "TP", "I2C_SCL", {"1": "@I2C_SCL"}, {}),
]

# One tenant line. The fast trip path (sensor -> comparators -> latch -> AND -> SSR) is simulated
# ("sim": True); see sim/README.md and hardware/README.md for the threshold arithmetic.
LINE = [
    # The line's own supply terminal (fed from the enclosure's busbars): no line current crosses another line.
    ("J#02", "TB_2_MAINS", "Supply N/L", {"P1": "SUP_N", "P2": "SUP_L"}, {}),
    ("U#01", "CDSR", "CDSR 0.07-NP", {"VC": "+3V3", "GND": "GND", "TEST": "SENS_TEST", "L_IN": "SUP_L",
                                      "N_IN": "SUP_N", "VOUT": "SENS_OUT", "VREF": "SENS_REF",
                                      "~{ERR}": "^RCM_ERR", "L_OUT": "LINE_L_SW", "N_OUT": "LOAD_N"},
     {"sim": True}),
    ("C#01", "C", "100n", {"1": "+3V3", "2": "GND"}, {"sim": True}),
    ("R#01", "R", "1k", {"1": "^RCM_TEST", "2": "SENS_TEST"}, {"sim": True}),
    ("R#02", "R", "10k", {"1": "+3V3", "2": "^RCM_ERR"}, {"sim": True}),
    # Difference amplifier: AMP = VMID + 3 * (SENS_OUT - SENS_REF).
    ("U#02", "OPA2333", "OPA2333", {"+INA": "AMP_P", "-INA": "AMP_N", "OUTA": "AMP", "+INB": "LADDER_MID",
                                    "-INB": "VMID", "OUTB": "VMID", "V-": "GND", "V+": "+3V3"}, {"sim": True}),
    ("R#03", "R_PREC", "100k", {"1": "SENS_OUT", "2": "AMP_P"}, {"sim": True, **tol_p("100k", -1)}),
    ("R#04", "R_PREC", "300k", {"1": "AMP_P", "2": "VMID"}, {"sim": True, **tol_p("300k", 1)}),
    ("R#05", "R_PREC", "100k", {"1": "SENS_REF", "2": "AMP_N"}, {"sim": True, **tol_p("100k", 1)}),
    ("R#06", "R_PREC", "300k", {"1": "AMP_N", "2": "AMP"}, {"sim": True, **tol_p("300k", -1)}),
    ("C#02", "C", "100n", {"1": "+3V3", "2": "GND"}, {"sim": True}),
    # Threshold ladder from VREF_TRIP (3.000 V): taps are VMID +/- 0.108 V (DC 4.5 mA),
    # +/- 0.793 V (peak 33 mA), +/- 1.197 V (high-set 50 mA) at 24 mV/mA after the amplifier.
    ("R#07", "R_PREC", "3k01", {"1": "^VREF_TRIP", "2": "TH_HSP"}, {"sim": True, **tol_p("3.01k", -1)}),
    ("R#08", "R_PREC", "4k02", {"1": "TH_HSP", "2": "TH_ACP"}, {"sim": True, **tol_p("4.02k", -1)}),
    ("R#09", "R_PREC", "6k81", {"1": "TH_ACP", "2": "TH_DCP"}, {"sim": True, **tol_p("6.81k", -1)}),
    ("R#10", "R_PREC", "1k07", {"1": "TH_DCP", "2": "LADDER_MID"}, {"sim": True, **tol_p("1.07k", 1)}),
    ("R#11", "R_PREC", "1k07", {"1": "LADDER_MID", "2": "TH_DCN"}, {"sim": True, **tol_p("1.07k", 1)}),
    ("R#12", "R_PREC", "6k81", {"1": "TH_DCN", "2": "TH_ACN"}, {"sim": True, **tol_p("6.81k", -1)}),
    ("R#13", "R_PREC", "4k02", {"1": "TH_ACN", "2": "TH_HSN"}, {"sim": True, **tol_p("4.02k", -1)}),
    ("R#14", "R_PREC", "3k01", {"1": "TH_HSN", "2": "GND"}, {"sim": True, **tol_p("3.01k", -1)}),
    # Peak path pre-filter (0.47 ms) rejects spikes; the high-set path is unfiltered.
    ("R#15", "R", "4k7", {"1": "AMP", "2": "AMP_F"}, {"sim": True}),
    ("C#03", "C", "100n", {"1": "AMP_F", "2": "GND"}, {"sim": True}),
    ("R#16", "R", "1k", {"1": "AMP", "2": "^RCM_ADC"}, {"sim": True}),
    ("C#04", "C", "10n", {"1": "^RCM_ADC", "2": "GND"}, {"sim": True}),
    # DC comparators (one per polarity) and their persistence timers: a trip needs the residual current
    # to stay beyond +/-4.5 mA for ~15 ms, longer than any half-cycle of 50/60 Hz AC.
    ("U#03", "TLV1704", "TLV1704", {"IN1+": "TH_DCP", "IN1-": "AMP", "OUT1": "DCP_N",
                                    "IN2+": "AMP", "IN2-": "TH_DCN", "OUT2": "DCN_N",
                                    "IN3+": "TMR_P", "IN3-": "TH_PER", "OUT3": "TRIP_N",
                                    "IN4+": "TMR_N", "IN4-": "TH_PER", "OUT4": "TRIP_N",
                                    "VCC": "+3V3", "GND": "GND"}, {"sim": True}),
    ("U#04", "TLV1704", "TLV1704", {"IN1+": "TH_ACP", "IN1-": "AMP_F", "OUT1": "TRIP_N",
                                    "IN2+": "AMP_F", "IN2-": "TH_ACN", "OUT2": "TRIP_N",
                                    "IN3+": "TH_HSP", "IN3-": "AMP", "OUT3": "TRIP_N",
                                    "IN4+": "AMP", "IN4-": "TH_HSN", "OUT4": "TRIP_N",
                                    "VCC": "+3V3", "GND": "GND"}, {"sim": True}),
    ("C#05", "C", "100n", {"1": "+3V3", "2": "GND"}, {"sim": True}),
    ("C#06", "C", "100n", {"1": "+3V3", "2": "GND"}, {"sim": True}),
    ("R#17", "R", "10k", {"1": "+3V3", "2": "DCP_N"}, {"sim": True}),
    ("D#01", "D_SCHOTTKY", "BAT54", {"A": "DCP_N", "K": "TMR_P", "NC": "NC"}, {"sim": True}),
    ("R#18", "R", "100k", {"1": "DCP_N", "2": "TMR_P"}, {"sim": True, **tol_r("100k", 1)}),
    ("C#07", "C", "150n", {"1": "TMR_P", "2": "GND"}, {"sim": True, **tol_c("150n", 1)}),
    ("R#19", "R", "10k", {"1": "+3V3", "2": "DCN_N"}, {"sim": True}),
    ("D#02", "D_SCHOTTKY", "BAT54", {"A": "DCN_N", "K": "TMR_N", "NC": "NC"}, {"sim": True}),
    ("R#20", "R", "100k", {"1": "DCN_N", "2": "TMR_N"}, {"sim": True, **tol_r("100k", 1)}),
    ("C#08", "C", "150n", {"1": "TMR_N", "2": "GND"}, {"sim": True, **tol_c("150n", 1)}),
    ("R#21", "R", "62k", {"1": "+3V3", "2": "TH_PER"}, {"sim": True, **tol_r("62k", 1)}),
    ("R#22", "R", "36k", {"1": "TH_PER", "2": "GND"}, {"sim": True, **tol_r("36k", -1)}),
    # TRIP_N: wired-OR of all comparators and the sensor's own fault output; the RC presets the latch at
    # power-up, so every line starts tripped until firmware resets it deliberately.
    ("R#23", "R", "10k", {"1": "+3V3", "2": "TRIP_N"}, {"sim": True}),
    ("C#09", "C", "10n", {"1": "TRIP_N", "2": "GND"}, {"sim": True}),
    ("D#03", "D_SCHOTTKY", "BAT54", {"A": "TRIP_N", "K": "^RCM_ERR", "NC": "NC"}, {"sim": True}),
    ("U#05", "74LVC1G74", "74LVC1G74", {"CLK": "^LATCH_RST", "D": "GND", "~{PRE}": "TRIP_N", "~{CLR}": "+3V3",
                                        "GND": "GND", "VCC": "+3V3", "Q": "^LATCH_Q", "~{Q}": "LATCH_QN"},
     {"sim": True}),
    ("C#10", "C", "100n", {"1": "+3V3", "2": "GND"}, {"sim": True}),
    ("D#04", "D_SCHOTTKY", "BAT54", {"A": "^LATCH_Q", "K": "^ANY_TRIP", "NC": "NC"}, {"sim": True}),
    # EN low (undervoltage supervisor, ESP32 reset, RESET button) presets the latch through this diode.
    ("D#05", "D_SCHOTTKY", "BAT54", {"A": "TRIP_N", "K": "^EN", "NC": "NC"}, {}),
    # SSR_EN = SSR_ON & SSR_ARM & !LATCH
    ("U#06", "74LVC1G11", "74LVC1G11", {"A": "^SSR_ON", "B": "^SSR_ARM", "C": "LATCH_QN", "GND": "GND",
                                        "VCC": "+3V3", "Y": "SSR_EN"}, {"sim": True}),
    ("C#11", "C", "100n", {"1": "+3V3", "2": "GND"}, {"sim": True}),
    ("R#24", "R", "100k", {"1": "SSR_EN", "2": "GND"}, {"sim": True}),
    ("Q#01", "NMOS", "2N7002", {"G": "SSR_EN", "S": "GND", "D": "SSR_DRV"}, {"sim": True}),
    ("K#01", "SSR", "CX240D5", {"IN+": "+5V", "IN-": "SSR_DRV", "LOAD1": "LINE_L_SW", "LOAD2": "LOAD_L"},
     {"sim": True}),
    # Coil driver of the line's 2-pole disconnect relay (contacts in series with the SSR, off the board: hardware/README.md
    # "Per-line disconnect and fuse"). Its own gate and transistor: the coil is energised only while the latch is clear
    # and the board is armed, so a trip, the supervisor's preset or a disarm opens both poles with no firmware action,
    # whatever the SSR's gate (U#06) and driver (Q#01) do.
    ("U#08", "74LVC1G11", "74LVC1G11", {"A": "LATCH_QN", "B": "^SSR_ARM", "C": "+3V3", "GND": "GND",
                                        "VCC": "+3V3", "Y": "RLY_EN"}, {}),
    ("C#13", "C", "100n", {"1": "+3V3", "2": "GND"}, {}),
    ("R#28", "R", "100k", {"1": "RLY_EN", "2": "GND"}, {}),
    ("Q#02", "NMOS_LL", "AO3400A", {"G": "RLY_EN", "S": "GND", "D": "RLY_COIL_N"}, {}),
    # Flyback through a 12 V Zener: the coil's energy ends at about 18 V instead of 0.7 V, so the contacts open about
    # as fast as without suppression (a plain diode stretches the release several times).
    ("D#06", "D_FLYBACK", "1N4148W", {"A": "RLY_COIL_N", "K": "RLY_CLAMP"}, {}),
    ("D#07", "D_ZENER", "BZT52C12", {"K": "RLY_CLAMP", "A": "+5V"}, {}),
    ("J#03", "CONN_1x2", "RELAY COIL", {"1": "+5V", "2": "RLY_COIL_N"}, {}),
    # Load-side voltage sense (welded-SSR detection): 2 x 100k per leg keeps each resistor < 200 V.
    ("R#25", "R_HV", "100k", {"1": "LOAD_L", "2": "LV_A1"}, {}),
    ("R#26", "R_HV", "100k", {"1": "LV_A1", "2": "LV_A"}, {}),
    ("U#07", "LTV814", "LTV-814M", {"AC1": "LV_A", "AC2": "LOAD_N", "C": "^LOAD_V", "E": "GND"}, {}),
    ("R#27", "R", "47k", {"1": "+3V3", "2": "^LOAD_V"}, {}),
    ("C#12", "C", "1u", {"1": "^LOAD_V", "2": "GND"}, {}),
    # Tenant L/N; the tenant's PE conductor lands on the enclosure's PE bar, not on the board.
    ("J#01", "TB_2_MAINS", "Tenant L/N", {"P1": "LOAD_L", "P2": "LOAD_N"}, {}),
    ("TP#01", "TP", "AMP", {"1": "AMP"}, {}),
    ("TP#02", "TP", "TRIP_N", {"1": "TRIP_N"}, {}),
    ("TP#03", "TP", "SSR_EN", {"1": "SSR_EN"}, {}),
]

# Interface of the tenant-line sheet; the root connects each to "<name>_<line>" unless shared.
LINE_SHARED = {"VREF_TRIP", "SSR_ARM", "ANY_TRIP", "EN"}

# Sheet that carries the PWR_FLAG of each rail (the sheet where the rail is sourced).
# Nets that no power-output pin drives (the regulators' and the supply's outputs drive GND and the rails): the mains
# feed of the supply and the rails that arrive through the modem carrier's passive header pins.
FLAGS = {"power": ["@MAINS_N", "PSU_L"], "modem": ["MODEM_VDD_EXT", "SIM_VDD"]}

SHEETS = [  # (file stem, sheet name (prefix of local net names), circuit); blocks described in README
    ("power", "Power", POWER),
    ("mcu", "MCU", MCU),
    ("comms", "Comms", COMMS),
    ("modem", "Modem", MODEM),
    ("io", "IO", IO),
]
LINES = 4
