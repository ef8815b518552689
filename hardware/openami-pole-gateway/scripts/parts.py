"""Part catalogue of the pole board: symbol pins, footprint geometry, ordering data, spice models.

One entry per part type. Pin numbers and package geometry come from the manufacturers' datasheets
named in `datasheet`; entries marked VERIFY in hardware/README.md were taken from the datasheet's
package drawing without a second source and must be checked against the drawing before fabrication.
Pin entries are (number, name, side, electrical type); side L/R places the pin on the symbol.
"""

P, PI, PO = "passive", "power_in", "power_out"


def two_pin(names=("1", "2")):
    return [("1", names[0], "L", P), ("2", names[1], "R", P)]


KICAD_LIB = "openami"  # project library; a footprint given as "Library:Name" is KiCad's official one


def footprint_id(part):
    """The symbol's Footprint field: KiCad's official libraries where they carry the part, else the project's."""
    return part["fp"] if ":" in part["fp"] else f"{KICAD_LIB}:{part['fp']}"


def lib_table(kind, project_uri, official_dir, suffix, libraries):
    """fp-lib-table / sym-lib-table text: the project library, then each named KiCad library in its installed
    directory (${KICAD9_FOOTPRINT_DIR} / ${KICAD9_SYMBOL_DIR}), as KiCad itself writes these tables."""
    rows = [f'  (lib (name "{KICAD_LIB}")(type "KiCad")(uri "{project_uri}")(options "")'
            '(descr "OpenAMI project library"))']
    rows += [f'  (lib (name "{lib}")(type "KiCad")(uri "${{{official_dir}}}/{lib}{suffix}")(options "")'
             '(descr "KiCad 9 official library"))' for lib in sorted(libraries)]
    return f"({kind}\n  (version 7)\n" + "\n".join(rows) + "\n)\n"


# Footprint specs of the project library, interpreted by generate_footprints.py:
#   ("smd2", pitch, pad_w, pad_h)              two-terminal chip
#   ("gull", pins, pitch, row_span, pad_w, pad_h)  dual-row gull-wing (SOIC, SOT-23-x use "sot")
#   ("sot", [(num, x, y)], pad_w, pad_h)        arbitrary SMD pad list
#   ("tht", [(num, x, y)], drill, pad)          arbitrary through-hole pad list
FOOTPRINTS = {
    "R_0805": ("smd2", 1.9, 1.0, 1.3),
    "R_1206_HV": ("smd2", 2.9, 1.2, 1.7),
    "C_0805": ("smd2", 1.9, 1.0, 1.3),
    "C_1210": ("smd2", 3.0, 1.3, 2.6),
    "LED_0805": ("smd2", 1.9, 1.0, 1.3),
    "SOD-123": ("smd2", 3.3, 0.9, 1.2),
    "SOT-23": ("sot", [("1", -0.95, 1.1), ("2", 0.95, 1.1), ("3", 0, -1.1)], 0.6, 0.9),
    "SOT-23-6": ("sot", [("1", -0.95, 1.3), ("2", 0, 1.3), ("3", 0.95, 1.3), ("4", 0.95, -1.3),
                         ("5", 0, -1.3), ("6", -0.95, -1.3)], 0.6, 1.1),
    "SSOP-8_DCT": ("gull", 8, 0.65, 3.75, 0.4, 1.1),
    "SOIC-8": ("gull", 8, 1.27, 5.4, 0.6, 1.6),
    "SOIC-14": ("gull", 14, 1.27, 5.4, 0.6, 1.6),
    "TSSOP-14": ("gull", 14, 0.65, 5.8, 0.4, 1.5),
    "SOIC-28W": ("gull", 28, 1.27, 9.4, 0.6, 2.0),
    "ESP32-WROVER-E": ("esp32",),
    "PinHeader_1x6": ("tht", [(str(i + 1), 0, i * 2.54) for i in range(6)], 1.0, 1.7),
    "PinHeader_1x2": ("tht", [(str(i + 1), 0, i * 2.54) for i in range(2)], 1.0, 1.7),
    "PinHeader_1x8": ("tht", [(str(i + 1), 0, i * 2.54) for i in range(8)], 1.0, 1.7),
    "PinHeader_2x10": ("tht", [(str(2 * i + 1 + c), c * 2.54, i * 2.54) for i in range(10) for c in (0, 1)],
                       1.0, 1.7),
    "TB_3P_5.08": ("tht", [(str(i + 1), i * 5.08, 0) for i in range(3)], 1.3, 2.6),
    "TB_3P_7.5_Mains": ("tht", [(str(i + 1), i * 7.5, 0) for i in range(3)], 1.5, 3.0),
    "TB_2P_7.5_Mains": ("tht", [(str(i + 1), i * 7.5, 0) for i in range(2)], 1.5, 3.0),
    "Fuse_TR5": ("tht", [("1", 0, 0), ("2", 5.08, 0)], 0.9, 1.8),
    "MOV_D10_P7.5": ("tht", [("1", 0, 0), ("2", 7.5, 0)], 1.0, 2.0),
    "CDSR": ("tht", [("P1", 0, 0), ("P2", 0, 5.0), ("P3", 5.0, 0), ("P4", 5.0, 5.0),
                     ("1", -2.5, 16.0), ("2", 0.04, 16.0), ("3", 2.58, 16.0), ("4", 5.12, 16.0),
                     ("5", 7.66, 16.0), ("6", 10.2, 16.0)], 1.0, 1.7),
    "SSR_SIP4": ("tht", [("1", 0, 0), ("2", 10.16, 0), ("3", 22.86, 0), ("4", 27.94, 0)], 1.3, 2.5),
    "DIP-4_W10.16": ("tht", [("1", 0, 0), ("2", 0, 2.54), ("3", 10.16, 2.54), ("4", 10.16, 0)], 0.9, 1.7),
    "LED_THT_5mm": ("tht", [("1", 0, 0), ("2", 2.54, 0)], 0.9, 1.8),
    "Buzzer_12mm": ("tht", [("1", 0, 0), ("2", 7.6, 0)], 0.9, 1.8),
    "SW_Tact_6mm": ("tht", [("1", 0, 0), ("1", 6.5, 0), ("2", 0, 4.5), ("2", 6.5, 4.5)], 1.1, 2.0),
    "SW_Tamper_THT": ("tht", [("1", 0, 0), ("2", 5.08, 0)], 1.0, 1.8),
    "SIM_Holder_6": ("sot", [("1", -3.81, -3.5), ("2", -1.27, -3.5), ("3", 1.27, -3.5), ("5", -3.81, 3.5),
                             ("6", -1.27, 3.5), ("7", 1.27, 3.5)], 0.8, 1.8),
    "TestPoint_1.5": ("sot", [("1", 0, 0)], 1.5, 1.5),
    "MountingHole_M4": ("hole", 4.3, 8.0),
}

# Value-coded passives: the orderable part number depends on the placed value.
def yageo_code(value):
    """Resistance in Yageo's RC_L ordering code: 4k7 -> 4K7, 10k -> 10K, 120 -> 120R (Yageo RC_L datasheet,
    "Ordering information")."""
    code = value.upper()
    return code if "K" in code or "M" in code else code + "R"


def panasonic_era_code(value):
    """Resistance in Panasonic's ERA resistance code: two significant figures and a multiplier digit (E24: 100k ->
    104), three and a multiplier for E96 values (1k07 -> 1071) (Panasonic ERA-6A datasheet, "Part numbers")."""
    text = value.lower()
    unit = next((u for u in "km" if u in text), "")
    mantissa = text.replace(unit, ".") if unit else text
    ohms = float(mantissa) * {"": 1, "k": 1e3, "m": 1e6}[unit]
    digits = f"{ohms:.3e}"  # d.dde+XX
    significant = (digits[0] + digits[2:4]).rstrip("0")
    figures = 3 if len(significant) > 2 else 2
    exponent = int(digits.split("e")[1]) - (figures - 1)
    return (digits[0] + digits[2:4])[:figures] + str(exponent)


# Murata GRM21 (0805) X7R part per capacitance: 50 V up to 150 nF, 25 V for 1 uF (every net here is <= 5 V).
MURATA_GRM21 = {"10n": "GRM21BR71H103KA01L", "100n": "GRM21BR71H104KA01L", "150n": "GRM21BR71H154KA01L",
                "1u": "GRM21BR71E105KA99L"}


def murata_grm21(value):
    if value not in MURATA_GRM21:
        raise SystemExit(f"no Murata GRM21 part number for a {value} capacitor: add it to MURATA_GRM21 in parts.py")
    return MURATA_GRM21[value]


def ordering(part, value):
    """(manufacturer, MPN, "Distributor:part number") of one placed part; value-coded passives fill in the value."""
    code = part["code"](value) if "code" in part else ""
    return part["mfr"], part["mpn"].format(code=code), part["dist"].format(code=code)


# Part types: pins, footprint, manufacturer part number (mpn), manufacturer (mfr), one distributor's part number
# (dist, "Distributor:number"; hardware/README.md lists which are verified), datasheet, optional spice model.
# Spice: (kind, params) where kind is R/C (Sim.Device) or a subcircuit name in sim/openami-trip.lib.
PARTS = {
    "R": dict(sym="Device:R", pins=two_pin(), fp="R_0805", mpn="RC0805FR-07{code}L",
              mfr="Yageo", dist="Mouser:603-RC0805FR-07{code}L", code=yageo_code, ds="Yageo RC_L series"),
    # The residual-current amplifier and threshold ladder (R#03..R#14): their ratios set the DC trip threshold, whose
    # spread decides the sensor sensitivities the trip path is proven for (docs/safety.md, "Hardware trip-path
    # simulation"). 0.1 %, 25 ppm/K thin film; ordering code VERIFY against Panasonic's ERA-6A code table.
    "R_PREC": dict(sym="Device:R", pins=two_pin(), fp="R_0805", mpn="ERA-6AEB{code}V",
                   mfr="Panasonic", dist="Mouser:667-ERA-6AEB{code}V", code=panasonic_era_code,
                   ds="Panasonic ERA-6A thin film chip resistors"),
    "R_HV": dict(sym="Device:R", pins=two_pin(), fp="R_1206_HV", mpn="HV732BTTD1003F",
                 mfr="KOA Speer", dist="Mouser:660-HV732BTTD1003F",
                 ds="KOA HV73 high-voltage chip resistor"),
    "C": dict(sym="Device:C", pins=two_pin(), fp="C_0805", mpn="{code}",
              mfr="Murata", dist="Digi-Key:490-{code}CT-ND", code=murata_grm21, ds="Murata GRM series"),
    "C_BULK": dict(sym="Device:C", pins=two_pin(("+", "-")), fp="C_1210", mpn="GRM32ER61A107ME20L",
                   mfr="Murata", dist="Digi-Key:490-GRM32ER61A107ME20LCT-ND",
                   ds="Murata GRM32"),
    "LED": dict(sym="Device:LED", pins=two_pin(("K", "A")), fp="LED_0805", mpn="150080GS75000",
                mfr="Wurth Elektronik", dist="Mouser:710-150080GS75000", ds="Wurth WL-SMCW"),
    # Project symbol: KiCad's Diode library has no single BAT54 in SOT-23 (BAT54W is SOT-323, BAT54A/C/S dual).
    "D_SCHOTTKY": dict(pins=[("1", "A", "L", P), ("3", "K", "R", P), ("2", "NC", "R", P)], fp="SOT-23",
                       mpn="BAT54,215",
                       mfr="Nexperia", dist="Mouser:771-BAT54-T/R",
                       ds="Nexperia BAT54 series", sim=("BAT54", "1=a 3=k")),
    "D_FLYBACK": dict(sym="Diode:1N4148W", pins=two_pin(("K", "A")), fp="SOD-123", mpn="1N4148W-7-F",
                      mfr="Diodes Incorporated", dist="Mouser:621-1N4148W-F", ds="1N4148W"),
    "NMOS": dict(sym="Transistor_FET:2N7002",
                 pins=[("1", "G", "L", P), ("2", "S", "R", P), ("3", "D", "R", P)], fp="SOT-23",
                 mpn="2N7002,215", mfr="Nexperia", dist="Mouser:771-2N7002-T/R", ds="Nexperia 2N7002",
                 sim=("NMOS_SW", "1=g 2=s 3=d")),
    # Pins 27/28 are GPIO16/17 on the no-PSRAM modules; on the WROVER-E they belong to the PSRAM (NC).
    # Relay coil driver: fully on at a 3.3 V gate (the 2N7002 is specified at 4.5 V and above).
    "NMOS_LL": dict(sym="Transistor_FET:AO3400A", pins=[("1", "G", "L", P), ("2", "S", "R", P), ("3", "D", "R", P)],
                    fp="Package_TO_SOT_SMD:SOT-23", mpn="AO3400A", mfr="Alpha & Omega Semiconductor",
                    dist="LCSC:C20917", ds="Alpha & Omega AO3400A", sim=("NMOS_SW", "1=g 2=s 3=d")),
    "D_ZENER": dict(sym="Device:D_Zener", pins=two_pin(("K", "A")), fp="Diode_SMD:D_SOD-123", mpn="BZT52C12-7-F",
                    mfr="Diodes Incorporated", dist="Mouser:621-BZT52C12-F", ds="Diodes Inc. BZT52C series"),
    # Project symbol: KiCad 9's RF_Module library has no ESP32-WROVER-E.
    "ESP32": dict(fp="ESP32-WROVER-E", mpn="ESP32-WROVER-E-N8R8",
                  mfr="Espressif Systems", dist="Mouser:356-ESP32WROVEREN8R8",
                  ds="Espressif ESP32-WROVER-E & ESP32-WROVER-IE datasheet, pin definitions",
                  pins=[("1", "GND", "L", PI), ("2", "3V3", "L", PI), ("3", "EN", "L", P),
                        ("4", "IO36", "L", P), ("5", "IO39", "L", P), ("6", "IO34", "L", P),
                        ("7", "IO35", "L", P), ("8", "IO32", "L", P), ("9", "IO33", "L", P),
                        ("10", "IO25", "L", P), ("11", "IO26", "L", P), ("12", "IO27", "L", P),
                        ("13", "IO14", "L", P), ("14", "IO12", "L", P), ("15", "GND", "L", PI),
                        ("16", "IO13", "L", P), ("17", "NC17", "L", P), ("18", "NC18", "L", P),
                        ("19", "NC19", "L", P), ("20", "NC20", "R", P), ("21", "NC21", "R", P),
                        ("22", "NC22", "R", P), ("23", "IO15", "R", P), ("24", "IO2", "R", P),
                        ("25", "IO0", "R", P), ("26", "IO4", "R", P), ("27", "NC27", "R", P),
                        ("28", "NC28", "R", P), ("29", "IO5", "R", P), ("30", "IO18", "R", P),
                        ("31", "IO19", "R", P), ("32", "NC32", "R", P), ("33", "IO21", "R", P),
                        ("34", "RXD0", "R", P), ("35", "TXD0", "R", P), ("36", "IO22", "R", P),
                        ("37", "IO23", "R", P), ("38", "GND", "R", PI), ("39", "EPAD", "R", PI)]),
    "MAX3485": dict(sym="Interface_UART:MAX3485", fp="SOIC-8", mpn="MAX3485ESA+",
                    mfr="Analog Devices", dist="Mouser:700-MAX3485ESA", ds="MAX3483/MAX3485 datasheet",
                    pins=[("1", "RO", "L", P), ("2", "~{RE}", "L", P), ("3", "DE", "L", P), ("4", "DI", "L", P),
                          ("5", "GND", "R", PI), ("6", "A", "R", P), ("7", "B", "R", P), ("8", "VCC", "R", PI)]),
    "SM712": dict(sym="Diode:SM712_SOT23", fp="SOT-23", mpn="SM712-02HTG",
                  mfr="Littelfuse", dist="Mouser:576-SM712-02HTG", ds="Littelfuse SM712",
                  pins=[("1", "IO1", "L", P), ("2", "IO2", "L", P), ("3", "COM", "R", P)]),
    "IR_LED": dict(sym="Device:LED",
                   pins=two_pin(("K", "A")), fp="LED_THT_5mm", mpn="TSAL6200", mfr="Vishay", dist="Mouser:782-TSAL6200",
                   ds="Vishay TSAL6200"),
    "PHOTOTRANSISTOR": dict(sym="Device:Q_Photo_NPN_EC", pins=two_pin(("E", "C")), fp="LED_THT_5mm", mpn="TEFT4300",
                            mfr="Vishay", dist="Mouser:782-TEFT4300",
                            ds="Vishay TEFT4300"),
    "MODEM_HDR": dict(sym="Connector_Generic:Conn_02x10_Odd_Even",
                      fp="PinHeader_2x10", mpn="TSW-110-07-G-D", mfr="Samtec", dist="Mouser:200-TSW11007GD",
                      ds="SIMCom A7670 series hardware design guide (pin functions)",
                      pins=[("1", "VBAT", "L", P), ("2", "VBAT", "R", P), ("3", "GND", "L", P),
                            ("4", "GND", "R", P), ("5", "PWRKEY", "L", P), ("6", "STATUS", "R", P),
                            ("7", "RXD", "L", P), ("8", "TXD", "R", P), ("9", "VDD_EXT", "L", P),
                            ("10", "RESET", "R", P), ("11", "SIM_VDD", "L", P), ("12", "SIM_DATA", "R", P),
                            ("13", "SIM_CLK", "L", P), ("14", "SIM_RST", "R", P), ("15", "GND", "L", P),
                            ("16", "GND", "R", P), ("17", "VBAT", "L", P), ("18", "VBAT", "R", P),
                            ("19", "NETLIGHT", "L", P), ("20", "RI", "R", P)]),
    "SIM_HOLDER": dict(sym="Connector:SIM_Card",
                       fp="SIM_Holder_6", mpn="78723-1001", mfr="Molex", dist="Mouser:538-78723-1001", ds="Molex 78723",
                       pins=[("1", "VCC", "L", P), ("2", "RST", "L", P), ("3", "CLK", "L", P),
                             ("5", "GND", "R", P), ("6", "VPP", "R", P), ("7", "IO", "R", P)]),
    "TXS0104E": dict(sym="Logic_LevelTranslator:TXS0104EPW", fp="TSSOP-14", mpn="TXS0104EPWR",
                     mfr="Texas Instruments", dist="Mouser:595-TXS0104EPWR", ds="TI TXS0104E",
                     pins=[("1", "VCCA", "L", PI), ("2", "A1", "L", P), ("3", "A2", "L", P), ("4", "A3", "L", P),
                           ("5", "A4", "L", P), ("6", "NC", "L", P), ("7", "GND", "L", PI), ("8", "OE", "R", P),
                           ("9", "NC", "R", P), ("10", "B4", "R", P), ("11", "B3", "R", P), ("12", "B2", "R", P),
                           ("13", "B1", "R", P), ("14", "VCCB", "R", PI)]),
    # Project symbol, not KiCad's MCP23017_SO: that one types GPA7/GPB7 as outputs (output-only), and this board
    # still reads KP_COL4, LATCH_Q_4 and TAMPER on them; the pin plan change is open (hardware/README.md).
    "MCP23017": dict(fp="SOIC-28W", mpn="MCP23017-E/SO",
                     mfr="Microchip", dist="Mouser:579-MCP23017-E/SO", ds="Microchip MCP23017/MCP23S17 DS20001952",
                     pins=[(str(i + 1), f"GPB{i}", "L", P) for i in range(8)]
                     + [("9", "VDD", "L", PI), ("10", "VSS", "L", PI), ("11", "NC", "L", P), ("12", "SCL", "L", P),
                        ("13", "SDA", "L", P), ("14", "NC", "L", P), ("15", "A0", "R", P), ("16", "A1", "R", P),
                        ("17", "A2", "R", P), ("18", "~{RESET}", "R", P), ("19", "INTB", "R", P),
                        ("20", "INTA", "R", P)]
                     + [(str(21 + i), f"GPA{i}", "R", P) for i in range(8)]),
    # Project symbol: KiCad's Device:Buzzer numbers + as pin 1, the project footprint Buzzer_12mm has - on pad 1;
    # both change together with KiCad's Buzzer_12x9.5RM7.6 footprint (pad 1 = +).
    "BUZZER": dict(pins=two_pin(("-", "+")), fp="Buzzer_12mm", mpn="CEM-1203(42)",
                   mfr="CUI Devices", dist="Mouser:490-CEM-1203(42)",
                   ds="CUI CEM-1203(42) magnetic buzzer"),
    "SW_TACT": dict(sym="Switch:SW_Push", pins=two_pin(), fp="SW_Tact_6mm", mpn="B3F-1000",
                    mfr="Omron", dist="Mouser:653-B3F-1000", ds="Omron B3F"),
    "SW_TAMPER": dict(sym="Switch:SW_SPST",
                      pins=two_pin(), fp="SW_Tamper_THT", mpn="D2F-01", mfr="Omron", dist="Mouser:653-D2F-01",
                      ds="Omron D2F"),
    "CONN_1x2": dict(sym="Connector_Generic:Conn_01x02", pins=two_pin(), fp="PinHeader_1x2", mpn="TSW-102-07-G-S",
                     mfr="Samtec", dist="Mouser:200-TSW10207GS", ds="-"),
    "CONN_1x6": dict(sym="Connector_Generic:Conn_01x06",
                     pins=[(str(i + 1), f"P{i + 1}", "L", P) for i in range(6)], fp="PinHeader_1x6",
                     mpn="TSW-106-07-G-S", mfr="Samtec", dist="Mouser:200-TSW10607GS", ds="-"),
    "CONN_1x8": dict(sym="Connector_Generic:Conn_01x08",
                     pins=[(str(i + 1), f"P{i + 1}", "L", P) for i in range(8)], fp="PinHeader_1x8",
                     mpn="TSW-108-07-G-S", mfr="Samtec", dist="Mouser:200-TSW10807GS", ds="-"),
    "TB_3_SELV": dict(sym="Connector:Screw_Terminal_01x03",
                      pins=[(str(i + 1), f"P{i + 1}", "L", P) for i in range(3)], fp="TB_3P_5.08",
                      mpn="1729131", mfr="Phoenix Contact", dist="Mouser:651-1729131", ds="Phoenix Contact MKDS 1,5"),
    "TB_3_MAINS": dict(sym="Connector:Screw_Terminal_01x03",
                       pins=[(str(i + 1), f"P{i + 1}", "L", P) for i in range(3)], fp="TB_3P_7.5_Mains",
                       mpn="1714984", mfr="Phoenix Contact", dist="Mouser:651-1714984", ds="Phoenix Contact MKDS 3"),
    # Per-line terminals: each tenant line has its own supply terminal fed from the enclosure's busbars, so no
    # line's current flows through another line's copper; PE stays on the enclosure's PE bar (never on the PCB).
    "TB_2_MAINS": dict(sym="Connector:Screw_Terminal_01x02",
                       pins=[(str(i + 1), f"P{i + 1}", "L", P) for i in range(2)], fp="TB_2P_7.5_Mains",
                       mpn="1714971", mfr="Phoenix Contact", dist="Mouser:651-1714971",
                       ds="Phoenix Contact MKDS 3/2 (7.5 mm, 24 A, 630 V)"),
    "FUSE": dict(sym="Device:Fuse", pins=two_pin(), fp="Fuse_TR5", mpn="37211000411",
                 mfr="Littelfuse", dist="Mouser:576-37211000411", ds="Littelfuse 372"),
    "MOV": dict(sym="Device:Varistor", pins=two_pin(), fp="MOV_D10_P7.5", mpn="B72210S2271K101",
                mfr="TDK", dist="Mouser:871-B72210S2271K101", ds="TDK SIOV S10K275"),
    # Pin 1 = AC/L, pin 2 = AC/N (Mean Well IRM-20 specification, pin assignment; KiCad's IRM-20 symbol agrees).
    "IRM20": dict(sym="Converter_ACDC:IRM-20-5",
                  fp="Converter_ACDC:Converter_ACDC_MeanWell_IRM-20-xx_THT", mpn="IRM-20-5",
                  mfr="Mean Well", dist="Mouser:709-IRM20-5",
                  ds="Mean Well IRM-20 series specification",
                  pins=[("1", "AC_L", "L", P), ("2", "AC_N", "L", P), ("3", "-V", "R", P), ("4", "+V", "R", P)]),
    # Regulator tabs are real heat paths: KiCad's SOT-223 / TO-263 land patterns with the tab on its pin.
    "C_POLY": dict(sym="Device:C_Polarized",
                   pins=two_pin(("+", "-")), fp="Capacitor_Tantalum_SMD:CP_EIA-7343-31_Kemet-D",
                   mpn="T520D477M006ATE015", mfr="KEMET", dist="Mouser:80-T520D477M6ATE15", ds="KEMET T520 series"),
    "MCP120": dict(sym="Power_Supervisor:MCP120-xxxxTT", fp="Package_TO_SOT_SMD:SOT-23", mpn="MCP120T-450I/TT",
                   mfr="Microchip", dist="Mouser:579-MCP120T-450I/TT",
                   ds="Microchip MCP120/MCP130 DS11184",
                   pins=[("1", "~{RST}", "R", P), ("2", "VDD", "L", PI), ("3", "VSS", "L", PI)]),
    "ESDA6V1": dict(sym="Power_Protection:ESDA6V1-5SC6", fp="Package_TO_SOT_SMD:SOT-23-6", mpn="ESDA6V1-5SC6",
                    mfr="STMicroelectronics", dist="Mouser:511-ESDA6V1-5SC6",
                    ds="ST ESDA6V1-5SC6 quintuple transil array",
                    pins=[("1", "IO1", "L", P), ("3", "IO2", "L", P), ("4", "IO3", "L", P), ("5", "IO4", "L", P),
                          ("6", "IO5", "L", P), ("2", "GND", "R", P)]),
    "AMS1117": dict(sym="Regulator_Linear:AMS1117-3.3", fp="Package_TO_SOT_SMD:SOT-223-3_TabPin2", mpn="AMS1117-3.3",
                    mfr="Advanced Monolithic Systems", dist="LCSC:C6186", ds="AMS1117 datasheet",
                    pins=[("1", "GND", "L", PI), ("3", "VIN", "L", PI), ("2", "VOUT", "R", P)]),
    "MIC29302": dict(sym="Regulator_Linear:MIC29302WU", fp="Package_TO_SOT_SMD:TO-263-5_TabPin3", mpn="MIC29302WU-TR",
                     mfr="Microchip", dist="Mouser:998-MIC29302WU-TR", ds="Microchip MIC29300/29301/29302/29303",
                     pins=[("1", "EN", "L", P), ("2", "IN", "L", PI), ("3", "GND", "L", PI), ("4", "OUT", "R", P),
                           ("5", "ADJ", "R", P)]),
    "REF3030": dict(sym="Reference_Voltage:REF3030", fp="SOT-23", mpn="REF3030AIDBZR",
                    mfr="Texas Instruments", dist="Mouser:595-REF3030AIDBZR", ds="TI REF30xx",
                    pins=[("1", "IN", "L", PI), ("3", "GND", "L", PI), ("2", "OUT", "R", P)],
                    sim=("REF3030", "1=in 2=out 3=gnd")),
    # Project symbol and footprint: KiCad has no LEM residual-current sensor.
    "CDSR": dict(fp="CDSR", mpn="CDSR 0.07-NP", mfr="LEM", dist="Farnell:VERIFY", ds="LEM CDSR 0.07 datasheet",
                 pins=[("1", "VC", "L", PI), ("2", "GND", "L", PI), ("5", "TEST", "L", P), ("P1", "L_IN", "L", P),
                       ("P3", "N_IN", "L", P), ("3", "VOUT", "R", P), ("4", "VREF", "R", P), ("6", "~{ERR}", "R", P),
                       ("P2", "L_OUT", "R", P), ("P4", "N_OUT", "R", P)],
                 sim=("CDSR", "1=vc 2=gnd 3=vout 4=vref 5=test 6=errn P1=lin P2=lout P3=nin P4=nout")),
    "OPA2333": dict(sym="Amplifier_Operational:OPA2333xxD", fp="SOIC-8", mpn="OPA2333AIDR",
                    mfr="Texas Instruments", dist="Mouser:595-OPA2333AIDR", ds="TI OPA2333",
                    pins=[("3", "+INA", "L", P), ("2", "-INA", "L", P), ("5", "+INB", "L", P), ("6", "-INB", "L", P),
                          ("4", "V-", "L", PI), ("1", "OUTA", "R", P), ("7", "OUTB", "R", P), ("8", "V+", "R", PI)],
                    sim=("OPA_DUAL", "1=outa 2=ina_n 3=ina_p 4=vn 5=inb_p 6=inb_n 7=outb 8=vp")),
    "TLV1704": dict(sym="Comparator:LM339", fp="SOIC-14", mpn="TLV1704AIDR",
                    mfr="Texas Instruments", dist="Mouser:595-TLV1704AIDR", ds="TI TLV170x",
                    pins=[("5", "IN1+", "L", P), ("4", "IN1-", "L", P), ("7", "IN2+", "L", P), ("6", "IN2-", "L", P),
                          ("9", "IN3+", "L", P), ("8", "IN3-", "L", P), ("11", "IN4+", "L", P), ("10", "IN4-", "L", P),
                          ("2", "OUT1", "R", P), ("1", "OUT2", "R", P), ("14", "OUT3", "R", P), ("13", "OUT4", "R", P),
                          ("3", "VCC", "R", PI), ("12", "GND", "R", PI)],
                    sim=("CMP_QUAD_OC", "1=o2 2=o1 3=vcc 4=i1n 5=i1p 6=i2n 7=i2p 8=i3n 9=i3p 10=i4n 11=i4p "
                                        "12=gnd 13=o4 14=o3")),
    "74LVC1G74": dict(sym="74xGxx:74AUP1G74", fp="SSOP-8_DCT", mpn="SN74LVC1G74DCTR",
                      mfr="Texas Instruments", dist="Mouser:595-SN74LVC1G74DCTR", ds="TI SN74LVC1G74",
                      pins=[("1", "CLK", "L", P), ("2", "D", "L", P), ("7", "~{PRE}", "L", P), ("6", "~{CLR}", "L", P),
                            ("4", "GND", "L", PI), ("5", "Q", "R", P), ("3", "~{Q}", "R", P), ("8", "VCC", "R", PI)],
                      sim=("LVC1G74", "1=clk 2=d 3=qn 4=gnd 5=q 6=clrn 7=pren 8=vcc")),
    "74LVC1G11": dict(sym="74xGxx:74LVC1G11", fp="SOT-23-6", mpn="SN74LVC1G11DBVR",
                      mfr="Texas Instruments", dist="Mouser:595-SN74LVC1G11DBVR", ds="TI SN74LVC1G11",
                      pins=[("1", "A", "L", P), ("3", "B", "L", P), ("6", "C", "L", P), ("2", "GND", "L", PI),
                            ("4", "Y", "R", P), ("5", "VCC", "R", PI)],
                      sim=("LVC1G11", "1=a 2=gnd 3=b 4=y 5=vcc 6=c")),
    # Project symbol and footprint: KiCad has no Crydom PCB SSR.
    "SSR": dict(fp="SSR_SIP4", mpn="CX240D5",
                mfr="Sensata Crydom", dist="Mouser:558-CX240D5", ds="Sensata Crydom CX series",
                pins=[("3", "IN+", "L", P), ("4", "IN-", "L", P), ("1", "LOAD1", "R", P), ("2", "LOAD2", "R", P)],
                sim=("SSR_ZC", "1=l1 2=l2 3=inp 4=inn")),
    "LTV814": dict(sym="Isolator:LTV-814",
                   fp="DIP-4_W10.16", mpn="LTV-814M", mfr="Lite-On", dist="Mouser:859-LTV-814M", ds="Lite-On LTV-814",
                   pins=[("1", "AC1", "L", P), ("2", "AC2", "L", P), ("4", "C", "R", P), ("3", "E", "R", P)]),
    "TP": dict(sym="Connector:TestPoint",
               pins=[("1", "TP", "L", P)], fp="TestPoint_1.5", mpn="", mfr="", dist="", ds="-", bom=False),
}

# Power-port symbols: net name -> symbol name.
POWER_NETS = ["GND", "+3V3", "+5V", "+3V8", "MODEM_VDD_EXT"]
