#!/usr/bin/python3
"""Writes the project-local footprint library lib/openami.pretty from the specs in parts.FOOTPRINTS.

Geometry follows each part's datasheet package drawing (see hardware/README.md for which ones still
need checking). Parts that bridge mains and SELV (CDSR, SSR, LTV-814M, IRM-20) keep >= 8 mm between
their mains and SELV pads so the board's creepage rule can hold.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from parts import FOOTPRINTS  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib", "openami.pretty")
MODELS = "${KICAD9_3DMODEL_DIR}"
# Silkscreen text at the fab's legend minimum (1.0 mm high, 0.15 mm stroke; see the .kicad_dru DFM rules).
TEXT = "(effects (font (size 1 1) (thickness 0.15)))"
# Copper-only footprints: nothing to buy or place, so they stay out of the BOM and the position file.
BARE_COPPER = {"TestPoint_1.5"}

# ESP32-WROVER-E module (Espressif ESP32-WROVER-E & ESP32-WROVER-IE datasheet, "Physical Dimensions" and
# "Recommended PCB Land Pattern"): 18.0 x 31.4 mm body, 19 castellated pads per long side at 1.27 mm pitch,
# exposed GND pad 39; the PCB antenna fills the 6.31 mm at the top end (pin 1 side).
ESP32_BODY = (18.0, 31.4)
ESP32_ANTENNA = 6.31

# Source of each land pattern: (document and revision it is drawn from, body size along the footprint's x / y
# in mm, drawn on F.Fab, 3D model from KiCad's kicad-packages3d or None where KiCad has none).
# hardware/README.md repeats pads, pitch and body per footprint; tests/OpenAmi.Hardware.Tests compares the
# generated files with that table.
# "rev. VERIFY": the revision was not recorded when the pattern was drawn; check against the current one.
SOURCES = {
    "R_0805": ("Yageo RC_L series product data sheet (rev. VERIFY), 0805 dimensions", (2.0, 1.25),
               "Resistor_SMD.3dshapes/R_0805_2012Metric.step"),
    "R_1206_HV": ("KOA Speer HV73 data sheet (rev. VERIFY), 1206 (2B) dimensions", (3.2, 1.6),
                  "Resistor_SMD.3dshapes/R_1206_3216Metric.step"),
    "C_0805": ("Murata GRM21 series catalogue (rev. VERIFY), 2.0 x 1.25 mm size", (2.0, 1.25),
               "Capacitor_SMD.3dshapes/C_0805_2012Metric.step"),
    "C_1210": ("Murata GRM32 series catalogue (rev. VERIFY), 3.2 x 2.5 mm size", (3.2, 2.5),
               "Capacitor_SMD.3dshapes/C_1210_3225Metric.step"),
    "LED_0805": ("Wurth Elektronik 150080GS75000 data sheet (rev. VERIFY)", (2.0, 1.25),
                 "LED_SMD.3dshapes/LED_0805_2012Metric.step"),
    "SOD-123": ("Diodes Inc. 1N4148W data sheet DS30086 (rev. VERIFY), SOD123 outline", (2.7, 1.6),
                "Diode_SMD.3dshapes/D_SOD-123.step"),
    "SOT-23": ("Nexperia SOT23 package outline (TO-236AB) (rev. VERIFY)", (2.9, 1.3),
               "Package_TO_SOT_SMD.3dshapes/SOT-23.step"),
    "SOT-23-6": ("TI package outline DBV0006A (rev. VERIFY)", (2.9, 1.6),
                 "Package_TO_SOT_SMD.3dshapes/SOT-23-6.step"),
    "SSOP-8_DCT": ("TI package outline DCT0008A (rev. VERIFY)", (2.8, 2.95),
                   "Package_SO.3dshapes/SSOP-8_2.95x2.8mm_P0.65mm.step"),
    "SOIC-8": ("TI package outline D0008A (rev. VERIFY), JEDEC MS-012AA", (3.9, 4.9),
               "Package_SO.3dshapes/SOIC-8_3.9x4.9mm_P1.27mm.step"),
    "SOIC-14": ("TI package outline D0014A (rev. VERIFY), JEDEC MS-012AB", (3.9, 8.65),
                "Package_SO.3dshapes/SOIC-14_3.9x8.7mm_P1.27mm.step"),
    "TSSOP-14": ("TI package outline PW0014A (rev. VERIFY), JEDEC MO-153", (4.4, 5.0),
                 "Package_SO.3dshapes/TSSOP-14_4.4x5mm_P0.65mm.step"),
    "SOIC-28W": ("Microchip MCP23017/MCP23S17 data sheet DS20001952C, 28-lead SOIC 7.50 mm body", (7.5, 17.9),
                 "Package_SO.3dshapes/SOIC-28W_7.5x17.9mm_P1.27mm.step"),
    "ESP32-WROVER-E": ("Espressif ESP32-WROVER-E & ESP32-WROVER-IE datasheet (rev. VERIFY), Physical "
                       "Dimensions and Recommended PCB Land Pattern", ESP32_BODY, None),
    "PinHeader_1x2": ("Samtec TSW series drawing (rev. VERIFY), 2.54 mm single row", (2.54, 5.08),
                      "Connector_PinHeader_2.54mm.3dshapes/PinHeader_1x02_P2.54mm_Vertical.step"),
    "PinHeader_1x6": ("Samtec TSW series drawing (rev. VERIFY), 2.54 mm single row", (2.54, 15.24),
                      "Connector_PinHeader_2.54mm.3dshapes/PinHeader_1x06_P2.54mm_Vertical.step"),
    "PinHeader_1x8": ("Samtec TSW series drawing (rev. VERIFY), 2.54 mm single row", (2.54, 20.32),
                      "Connector_PinHeader_2.54mm.3dshapes/PinHeader_1x08_P2.54mm_Vertical.step"),
    "PinHeader_2x10": ("Samtec TSW series drawing (rev. VERIFY), 2.54 mm double row", (5.08, 25.4),
                       "Connector_PinHeader_2.54mm.3dshapes/PinHeader_2x10_P2.54mm_Vertical.step"),
    "TB_3P_5.08": ("Phoenix Contact 1729131 MKDS 1,5/3-5,08 data sheet (rev. VERIFY)", (15.24, 9.8),
                   "TerminalBlock_Phoenix.3dshapes/TerminalBlock_Phoenix_MKDS-1,5-3-5.08_1x03_P5.08mm_Horizontal.step"),
    "TB_3P_7.5_Mains": ("Phoenix Contact 1714984 MKDS 3/3 data sheet (rev. VERIFY)", (22.5, 12.0), None),
    "TB_2P_7.5_Mains": ("Phoenix Contact 1714971 MKDS 3/2 data sheet (rev. VERIFY)", (15.0, 12.0), None),
    "Fuse_TR5": ("Littelfuse TR5 372 series data sheet (rev. VERIFY)", (8.5, 8.5), None),
    "MOV_D10_P7.5": ("TDK SIOV disk varistors S10K275 data sheet (rev. VERIFY)", (12.0, 5.0),
                     "Varistor.3dshapes/RV_Disc_D12mm_W4.2mm_P7.5mm.step"),
    "CDSR": ("LEM CDSR 0.07 data sheet (rev. VERIFY): pin positions are placeholders", (23.0, 28.0), None),
    "SSR_SIP4": ("Sensata Crydom CX series data sheet (rev. VERIFY)", (43.2, 8.9), None),
    "DIP-4_W10.16": ("Lite-On LTV-814 series data sheet (rev. VERIFY), M (wide lead spacing) option",
                     (6.5, 4.6), "Package_DIP.3dshapes/DIP-4_W10.16mm.step"),
    "LED_THT_5mm": ("Vishay TSAL6200 data sheet (rev. VERIFY), T-1 3/4 package", (5.8, 5.8),
                    "LED_THT.3dshapes/LED_D5.0mm.step"),
    "Buzzer_12mm": ("CUI Devices CEM-1203(42) data sheet (rev. VERIFY)", (12.0, 12.0),
                    "Buzzer_Beeper.3dshapes/Buzzer_12x9.5RM7.6.step"),
    "SW_Tact_6mm": ("Omron B3F data sheet (rev. VERIFY), 6 x 6 mm through-hole", (6.0, 6.0),
                    "Button_Switch_THT.3dshapes/SW_PUSH_6mm.step"),
    "SW_Tamper_THT": ("Omron D2F data sheet (rev. VERIFY), PCB terminals", (12.8, 5.8), None),
    "SIM_Holder_6": ("Molex 78723 micro-SIM holder drawing (rev. VERIFY)", (15.0, 13.0), None),
    "TestPoint_1.5": ("bare copper test pad, no part", (1.5, 1.5), None),
    "MountingHole_M4": ("ISO 273 medium clearance hole for M4 (4.3 mm) with 8 mm keep-out", (8.0, 8.0), None),
}
SMD_LAYERS = '(layers "F.Cu" "F.Paste" "F.Mask")'
THT_LAYERS = '(layers "*.Cu" "*.Mask")'




def esp32_pads():
    """ESP32-WROVER-E land pattern: pads 1..19 down the left side, 20..38 up the right side, EPAD 39."""
    pads = [(str(i + 1), -8.75, -8.255 + i * 1.27, 1.5, 0.9) for i in range(19)]
    pads += [(str(20 + i), 8.75, 14.605 - i * 1.27, 1.5, 0.9) for i in range(19)]
    pads.append(("39", -1.5, -0.46, 3.7, 3.7))
    return pads


def pads_of(spec):
    """Returns (kind, [(num, x, y, w, h)], drill) for a footprint spec."""
    kind = spec[0]
    if kind == "smd2":
        _k, pitch, w, h = spec
        return "smd", [("1", -pitch / 2, 0, w, h), ("2", pitch / 2, 0, w, h)], None
    if kind == "gull":
        _k, n, pitch, span, w, h = spec
        half = n // 2
        y0 = -(half - 1) * pitch / 2
        pads = [(str(i + 1), -span / 2, y0 + i * pitch, h, w) for i in range(half)]
        pads += [(str(half + i + 1), span / 2, y0 + (half - 1 - i) * pitch, h, w) for i in range(half)]
        return "smd", pads, None
    if kind == "sot":
        _k, plist, w, h = spec
        return "smd", [(n, x, y, w, h) for n, x, y in plist], None
    if kind == "tht":
        _k, plist, drill, size = spec
        return "tht", [(n, x, y, size, size) for n, x, y in plist], drill
    if kind == "esp32":
        return "smd", esp32_pads(), None
    raise ValueError(kind)


def footprint(name, spec):
    if name not in SOURCES:
        raise SystemExit(f"footprint {name}: add its datasheet, body size and 3D model to SOURCES")
    document, (body_w, body_h), model = SOURCES[name]
    lines = [f'(footprint "{name}" (version 20241229) (generator "openami_generate_footprints") '
             f'(generator_version "9.0") (layer "F.Cu")', f'(descr "{document}")']
    if spec[0] == "hole":
        _k, drill, keep = spec
        lines += [f'(property "Reference" "REF**" (at 0 {-keep / 2 - 1.5:g} 0) (layer "F.SilkS") {TEXT})',
                  f'(property "Value" "{name}" (at 0 {keep / 2 + 1.5:g} 0) (layer "F.Fab") {TEXT})',
                  '(attr board_only exclude_from_pos_files exclude_from_bom)',
                  f'(fp_circle (center 0 0) (end {keep / 2:g} 0) (stroke (width 0.05) (type solid)) '
                  '(fill no) (layer "F.CrtYd"))',
                  f'(pad "" np_thru_hole circle (at 0 0) (size {drill:g} {drill:g}) (drill {drill:g}) '
                  '(layers "*.Cu" "*.Mask"))', ")"]
        return "\n".join(lines) + "\n"
    kind, pads, drill = pads_of(spec)
    xs = [p[1] - p[3] / 2 for p in pads] + [p[1] + p[3] / 2 for p in pads]
    ys = [p[2] - p[4] / 2 for p in pads] + [p[2] + p[4] / 2 for p in pads]
    if name == "ESP32-WROVER-E":  # module body incl. antenna, which must overhang or keep copper free
        xs += [-ESP32_BODY[0] / 2, ESP32_BODY[0] / 2]
        ys += [-ESP32_BODY[1] / 2, ESP32_BODY[1] / 2]
    x0, x1, y0, y1 = min(xs) - 0.5, max(xs) + 0.5, min(ys) - 0.5, max(ys) + 0.5
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2  # the body is drawn centred on the land pattern
    attr = "smd" if kind == "smd" else "through_hole"
    if name in BARE_COPPER:
        attr += " exclude_from_pos_files exclude_from_bom"
    lines += [f'(property "Reference" "REF**" (at 0 {y0 - 1.2:.2f} 0) (layer "F.SilkS") {TEXT})',
              f'(property "Value" "{name}" (at 0 {y1 + 1.2:.2f} 0) (layer "F.Fab") {TEXT})',
              f'(attr {attr})',
              f'(fp_rect (start {x0:.3f} {y0:.3f}) (end {x1:.3f} {y1:.3f}) (stroke (width 0.05) (type solid)) '
              '(fill no) (layer "F.CrtYd"))',
              f'(fp_rect (start {cx - body_w / 2:.3f} {cy - body_h / 2:.3f}) '
              f'(end {cx + body_w / 2:.3f} {cy + body_h / 2:.3f}) '
              '(stroke (width 0.1) (type solid)) (fill no) (layer "F.Fab"))']
    for num, x, y, w, h in pads:
        if kind == "smd":
            lines.append(f'(pad "{num}" smd roundrect (at {x:.4f} {y:.4f}) (size {w:g} {h:g}) {SMD_LAYERS} '
                         '(roundrect_rratio 0.2))')
        else:
            shape = "rect" if num == "1" else "circle"
            lines.append(f'(pad "{num}" thru_hole {shape} (at {x:.4f} {y:.4f}) (size {w:g} {h:g}) '
                         f'(drill {drill:g}) {THT_LAYERS})')
    if model:
        lines.append(f'(model "{MODELS}/{model}" (offset (xyz 0 0 0)) (scale (xyz 1 1 1)) (rotate (xyz 0 0 0)))')
    lines.append(")")
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, spec in sorted(FOOTPRINTS.items()):
        with open(os.path.join(OUT, name + ".kicad_mod"), "w") as f:
            f.write(footprint(name, spec))


if __name__ == "__main__":
    main()
