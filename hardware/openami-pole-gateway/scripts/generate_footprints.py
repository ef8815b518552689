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
SMD_LAYERS = '(layers "F.Cu" "F.Paste" "F.Mask")'
THT_LAYERS = '(layers "*.Cu" "*.Mask")'


# ESP32-WROVER-E module (Espressif ESP32-WROVER-E & ESP32-WROVER-IE datasheet, "Physical Dimensions" and
# "Recommended PCB Land Pattern"): 18.0 x 31.4 mm body, 19 castellated pads per long side at 1.27 mm pitch,
# exposed GND pad 39; the PCB antenna fills the 6.31 mm at the top end (pin 1 side).
ESP32_BODY = (18.0, 31.4)
ESP32_ANTENNA = 6.31


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
    lines = [f'(footprint "{name}" (version 20241229) (generator "openami_generate_footprints") '
             f'(generator_version "9.0") (layer "F.Cu")']
    if spec[0] == "hole":
        _k, drill, keep = spec
        lines += [f'(property "Reference" "REF**" (at 0 {-keep / 2 - 1.5:g} 0) (layer "F.SilkS") '
                  '(effects (font (size 1 1) (thickness 0.15))))',
                  f'(property "Value" "{name}" (at 0 {keep / 2 + 1.5:g} 0) (layer "F.Fab") '
                  '(effects (font (size 1 1) (thickness 0.15))))',
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
    attr = "smd" if kind == "smd" else "through_hole"
    lines += [f'(property "Reference" "REF**" (at 0 {y0 - 1.2:.2f} 0) (layer "F.SilkS") '
              '(effects (font (size 0.8 0.8) (thickness 0.12))))',
              f'(property "Value" "{name}" (at 0 {y1 + 1.2:.2f} 0) (layer "F.Fab") '
              '(effects (font (size 0.8 0.8) (thickness 0.12))))',
              f'(attr {attr})',
              f'(fp_rect (start {x0:.3f} {y0:.3f}) (end {x1:.3f} {y1:.3f}) (stroke (width 0.05) (type solid)) '
              '(fill no) (layer "F.CrtYd"))',
              f'(fp_rect (start {x0 + 0.25:.3f} {y0 + 0.25:.3f}) (end {x1 - 0.25:.3f} {y1 - 0.25:.3f}) '
              '(stroke (width 0.1) (type solid)) (fill no) (layer "F.Fab"))']
    for num, x, y, w, h in pads:
        if kind == "smd":
            lines.append(f'(pad "{num}" smd roundrect (at {x:.4f} {y:.4f}) (size {w:g} {h:g}) {SMD_LAYERS} '
                         '(roundrect_rratio 0.2))')
        else:
            shape = "rect" if num == "1" else "circle"
            lines.append(f'(pad "{num}" thru_hole {shape} (at {x:.4f} {y:.4f}) (size {w:g} {h:g}) '
                         f'(drill {drill:g}) {THT_LAYERS})')
    lines.append(")")
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, spec in sorted(FOOTPRINTS.items()):
        with open(os.path.join(OUT, name + ".kicad_mod"), "w") as f:
            f.write(footprint(name, spec))


if __name__ == "__main__":
    main()
