#!/usr/bin/python3
"""Creates the pole board (outline, mounting holes, placed footprints with nets) from the schematic.

Footprints come from the project library, nets and symbol links (paths) from the schematic netlist,
so `kicad-cli pcb drc --schematic-parity` compares like with like. Placement is by block:
SELV logic in the upper band, mains in the lower band, the parts that bridge the isolation barrier
(CDSR sensor, SSR, LTV-814M opto, IRM-20 supply) straddle it with their mains pins >= 8 mm from any
SELV copper. Four copper layers (In1.Cu is the GND plane). Routing is a separate step (route_board.py).
Usage: build_board.py   (Debian python3 with KiCad 9's pcbnew module)
"""
import os
import subprocess
import sys
import tempfile

import pcbnew

HERE = os.path.dirname(os.path.abspath(__file__))
PRJ = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(PRJ)), "tools", "scripts"))
from kicad_netlist import read_netlist  # noqa: E402

NAME = "openami-pole-gateway"
FPLIB = os.path.join(PRJ, "lib", "openami.pretty")
KICAD_FOOTPRINTS = os.environ.get("KICAD9_FOOTPRINT_DIR", "/usr/share/kicad/footprints")  # kicad-footprints 9.0.8
# Board outline (mm): the enclosure is a Fibox ARCA 403021 (polycarbonate, IP66/IP67, 400 x 300 x 210 mm outside,
# hardware/README.md "Enclosure"); the board sits on its mounting plate with 45 / 30 mm left for glands and cables.
W, H = 270.0, 200.0
OX, OY = 20.0, 20.0         # board origin on the KiCad page
GRID = 0.25                 # placement grid = router grid
MAINS_TOP = 124.0           # mains band starts here; SELV parts stay above SELV_BOTTOM
SELV_BOTTOM = 116.0
LV_TOP = 64.0               # tenant-line logic starts here; y 58..64 is a routing corridor
LINE_X0, LINE_PITCH = 75.0, 48.0
GAP = 2.25                  # courtyard-to-courtyard spacing in packed regions (routing channels)

# Fixed placements: ref -> (x, y, rotation degrees). Line refs use '#' for the line number.
FIXED = {
    "J1": (17.0, 190.0, 0), "F1": (40.0, 182.0, 0), "RV1": (40.0, 168.0, 0), "PS1": (20.0, 158.0, 90),
    "U10": (100.0, 16.25, 0),   # WROVER-E: antenna end 0.55 mm from the top edge
    # field ports on the left wall of the enclosure: RS-485 terminal, then the optical head's emitter/detector
    "J20": (4.0, 64.0, 90), "D21": (4.0, 72.0, 90), "Q20": (4.0, 80.0, 90),
}
LINE_FIXED = {  # relative to the line's column origin (x0, 0)
    "U#01": (12.0, 136.0, 180),   # CDSR: primary jumpers at y 131..136, secondary pins at y 120
    "K#01": (27.0, 148.0, 90),    # SSR: load pins at y 148 / 137.8, input pins at y 125.1 / 120.1
    "U#07": (38.0, 134.0, 90),    # LTV-814M: AC pins at y 134, transistor pins at y 123.8
    # load-sense divider in a column under the opto's AC1 pin: LOAD_L -> R#25 -> R#26 -> AC1, no crossing
    "R#25": (38.0, 148.0, 90),
    "R#26": (38.0, 140.0, 90),
    # the line's terminals at the enclosure's cable entry (bottom edge): supply N/L right under the sensor's
    # primary jumpers, tenant L/N beside it under the SSR, so the line's copper runs straight up and down
    "J#02": (6.0, 190.0, 0),
    "J#01": (24.0, 190.0, 0),
}
# Packed regions: name -> (x0, y0, x1, y1) and which refs go there (by sheet / ref predicate).
REGIONS = {
    "power": (11.0, 3.0, 72.0, 50.0),
    "comms": (10.0, 52.0, 72.0, 100.0),  # x < 10: the port connectors at the board edge (FIXED)
    "mcu": (75.0, 34.0, 140.0, 58.0),
    "io": (143.0, 3.0, 200.0, 58.0),      # expanders above the tenant lines whose bits they carry
    "modem": (203.0, 3.0, 259.0, 58.0),
}


# Net classes: (name, clearance, track width, via diameter, via drill, net name patterns).
# Mains-to-SELV (8 mm) and mains conductor spacing (2.5 mm) are custom rules in the .kicad_dru file.
NET_CLASSES = [
    ("Power", 0.2, 0.5, 0.8, 0.4, ["+3V3", "+5V", "GND"]),
    ("Modem", 0.2, 1.0, 0.8, 0.4, ["+3V8"]),          # 2 A bursts: 1 mm on 35 um copper
    # 2.5 mm on F.Cu and again on B.Cu (route_board.py), 70 um each: 16 A at about 11 K rise (hardware/README.md)
    ("Mains", 0.5, 2.5, 2.0, 1.0, ["MAINS_L", "MAINS_N", "PE", "*/PSU_L", "*/SUP_L", "*/SUP_N", "*/LINE_L_SW",
                                   "*/LOAD_L", "*/LOAD_N"]),
    ("MainsSense", 0.5, 0.5, 1.0, 0.5, ["*/LV_A*"]),
]


def set_net_classes(board):
    settings = board.GetDesignSettings().m_NetSettings
    default = settings.GetDefaultNetclass()
    default.SetClearance(mm(0.2))
    default.SetTrackWidth(mm(0.25))
    for name, clearance, width, via, drill, patterns in NET_CLASSES:
        nc = pcbnew.NETCLASS(name)
        nc.SetClearance(mm(clearance))
        nc.SetTrackWidth(mm(width))
        nc.SetViaDiameter(mm(via))
        nc.SetViaDrill(mm(drill))
        settings.SetNetclass(name, nc)
        for pattern in patterns:
            settings.SetNetclassPatternAssignment(pattern, name)
    settings.RecomputeEffectiveNetclasses()


def export_netlist(tmp):
    path = os.path.join(tmp, "board.net")
    subprocess.run(["kicad-cli", "sch", "export", "netlist", "--format", "kicadsexpr", "-o", path,
                    os.path.join(PRJ, NAME + ".kicad_sch")], check=True, capture_output=True)
    return read_netlist(path)


def library_path(lib):
    return FPLIB if lib == "openami" else os.path.join(KICAD_FOOTPRINTS, lib + ".pretty")


def mm(v):
    return pcbnew.FromMM(v)


def snap(v):
    return round(v / GRID) * GRID


def add_line(board, layer, width, a, b):
    """A graphic segment between two board points (mm from the outline's top-left corner)."""
    seg = pcbnew.PCB_SHAPE(board)
    seg.SetShape(pcbnew.SHAPE_T_SEGMENT)
    seg.SetStart(pcbnew.VECTOR2I(mm(OX + a[0]), mm(OY + a[1])))
    seg.SetEnd(pcbnew.VECTOR2I(mm(OX + b[0]), mm(OY + b[1])))
    seg.SetLayer(layer)
    seg.SetWidth(mm(width))
    board.Add(seg)


def add_outline(board):
    pts = [(0, 0), (W, 0), (W, H), (0, H)]
    for a, b in zip(pts, pts[1:] + pts[:1]):
        add_line(board, pcbnew.Edge_Cuts, 0.1, a, b)


def add_holes(board):
    for i, (x, y) in enumerate([(5, 5), (W - 5, 5), (5, H - 5), (W - 5, H - 5)], 1):
        fp = pcbnew.FootprintLoad(FPLIB, "MountingHole_M4")
        fp.SetReference(f"H{i}")
        fp.SetPosition(pcbnew.VECTOR2I(mm(OX + x), mm(OY + y)))
        board.Add(fp)


# Stack-up written into the board file (KiCad reads it for the fab outputs and impedance): 2 oz outer layers carry
# the tenant lines' current (mains copper is on F.Cu and B.Cu only), 1 oz inner layers (In1.Cu the GND plane).
STACKUP = """\t\t(stackup
\t\t\t(layer "F.SilkS" (type "Top Silk Screen"))
\t\t\t(layer "F.Paste" (type "Top Solder Paste"))
\t\t\t(layer "F.Mask" (type "Top Solder Mask") (thickness 0.01))
\t\t\t(layer "F.Cu" (type "copper") (thickness 0.07))
\t\t\t(layer "dielectric 1" (type "prepreg") (thickness 0.2) (material "FR4") (epsilon_r 4.5) (loss_tangent 0.02))
\t\t\t(layer "In1.Cu" (type "copper") (thickness 0.035))
\t\t\t(layer "dielectric 2" (type "core") (thickness 0.97) (material "FR4") (epsilon_r 4.5) (loss_tangent 0.02))
\t\t\t(layer "In2.Cu" (type "copper") (thickness 0.035))
\t\t\t(layer "dielectric 3" (type "prepreg") (thickness 0.2) (material "FR4") (epsilon_r 4.5) (loss_tangent 0.02))
\t\t\t(layer "B.Cu" (type "copper") (thickness 0.07))
\t\t\t(layer "B.Mask" (type "Bottom Solder Mask") (thickness 0.01))
\t\t\t(layer "B.Paste" (type "Bottom Solder Paste"))
\t\t\t(layer "B.SilkS" (type "Bottom Silk Screen"))
\t\t\t(copper_finish "ENIG")
\t\t\t(dielectric_constraints no)
\t\t)
"""


def write_stackup(path):
    """pcbnew's Python API does not expose the stack-up: it goes into the saved file's setup section, and
    KiCad keeps it from then on (route_board.py loads and saves the board)."""
    with open(path) as f:
        text = f.read()
    head = "\t(setup\n"
    if head not in text:
        raise SystemExit("no setup section in the saved board")
    with open(path, "w") as f:
        f.write(text.replace(head, head + STACKUP, 1))


BARRIER_Y = (SELV_BOTTOM + MAINS_TOP) / 2


def add_barrier_marking(board):
    """Silkscreen line between the SELV band and the mains band, interrupted where a part bridges the barrier
    (sensor, SSR, opto, supply: no ink on their pads), and a warning text under its left end."""
    spans = []
    for fp in board.GetFootprints():
        bb = fp.GetCourtyard(pcbnew.F_CrtYd).BBox()
        if pcbnew.ToMM(bb.GetTop()) - OY <= BARRIER_Y <= pcbnew.ToMM(bb.GetBottom()) - OY:
            spans.append((pcbnew.ToMM(bb.GetLeft()) - OX - 0.5, pcbnew.ToMM(bb.GetRight()) - OX + 0.5))
    x = 1.0
    for a, b in sorted(spans) + [(W - 1.0, W)]:
        if a > x + 1.0:
            add_line(board, pcbnew.F_SilkS, 0.6, (x, BARRIER_Y), (a, BARRIER_Y))
        x = max(x, b)
    label = pcbnew.PCB_TEXT(board)
    label.SetText("ABOVE: SELV   BELOW: MAINS 230 V   8 mm REINFORCED ISOLATION")
    label.SetLayer(pcbnew.F_SilkS)
    label.SetTextSize(pcbnew.VECTOR2I(mm(1.2), mm(1.2)))
    label.SetTextThickness(mm(0.2))
    label.SetHorizJustify(pcbnew.GR_TEXT_H_ALIGN_LEFT)
    label.SetPosition(pcbnew.VECTOR2I(mm(OX + 3.0), mm(OY + BARRIER_Y + 2.0)))
    board.Add(label)


def line_of(ref):
    """Tenant line number of a reference (R105 -> 1) or None; see sheets.py's '#' convention."""
    digits = "".join(ch for ch in ref if ch.isdigit())
    return int(digits[0]) if len(digits) == 3 and ref.rstrip("0123456789") and digits[0] in "1234" else None


def fixed_position(ref, comp):
    if ref in FIXED:
        return FIXED[ref]
    line = line_of(ref) if comp["sheet_names"].startswith("/Line") else None
    if line:
        key = ref[:-3] + "#" + ref[-2:]
        if key in LINE_FIXED:
            x, y, rot = LINE_FIXED[key]
            return (LINE_X0 + (line - 1) * LINE_PITCH + x, y, rot)
    return None


def region_of(ref, comp):
    sheet = comp["sheet_names"].strip("/")
    if sheet.startswith("Line"):
        n = int(sheet[4:])
        x0 = LINE_X0 + (n - 1) * LINE_PITCH
        return (x0 + 1.0, LV_TOP, x0 + LINE_PITCH - 2.0, SELV_BOTTOM - 1.0)
    return REGIONS[sheet.lower()]


def pack(board, fps, region):
    """Shelf packing by courtyard size, largest first; raises if the region overflows."""
    x0, y0, x1, y1 = region
    x, y, row_h = x0, y0, 0.0
    for fp in sorted(fps, key=lambda f: -f.GetCourtyard(pcbnew.F_CrtYd).BBox().GetHeight()):
        bb = fp.GetCourtyard(pcbnew.F_CrtYd).BBox()
        w, h = pcbnew.ToMM(bb.GetWidth()), pcbnew.ToMM(bb.GetHeight())
        if x + w > x1:
            x, y, row_h = x0, y + row_h + GAP, 0.0
        if y + h > y1:
            raise SystemExit(f"region {region} overflows at {fp.GetReference()}")
        # courtyard offset from the footprint origin
        ox = pcbnew.ToMM(bb.GetX() - fp.GetPosition().x)
        oy = pcbnew.ToMM(bb.GetY() - fp.GetPosition().y)
        fp.SetPosition(pcbnew.VECTOR2I(mm(OX + snap(x - ox)), mm(OY + snap(y - oy))))
        x += w + GAP
        row_h = max(row_h, h)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        components, nets = export_netlist(tmp)
    board = pcbnew.CreateEmptyBoard()
    # four layers: F.Cu, In1.Cu (GND plane, see route_board.py), In2.Cu, B.Cu
    board.GetDesignSettings().SetCopperLayerCount(4)
    board.SetLayerType(pcbnew.In1_Cu, pcbnew.LT_POWER)
    set_net_classes(board)
    add_outline(board)
    add_holes(board)
    netinfo = {}
    for name in sorted(nets):
        ni = pcbnew.NETINFO_ITEM(board, name)
        board.Add(ni)
        netinfo[name] = ni
    pad_net = {(ref, pin): net for net, nodes in nets.items() for ref, pin, _f in nodes}
    packed = {}
    for ref in sorted(components):
        comp = components[ref]
        lib, fpname = comp["footprint"].split(":")
        fp = pcbnew.FootprintLoad(library_path(lib), fpname)
        if fp is None:
            raise SystemExit(f"{ref}: footprint {lib}:{fpname} not found (tools/scripts/install-hardware-tools.sh)")
        fp.SetFPID(pcbnew.LIB_ID(lib, fpname))
        fp.SetReference(ref)
        fp.SetValue(comp["value"])
        fp.SetPath(pcbnew.KIID_PATH(comp["sheet_tstamps"] + comp["tstamp"]))
        for field in ("Datasheet", "Description"):
            if field in comp["fields"]:
                fp.SetField(field, comp["fields"][field])
        board.Add(fp)
        for pad in fp.Pads():
            net = pad_net.get((ref, pad.GetNumber()))
            if net:
                pad.SetNet(netinfo[net])
        pos = fixed_position(ref, comp)
        if pos:
            x, y, rot = pos
            fp.SetOrientationDegrees(rot)
            fp.SetPosition(pcbnew.VECTOR2I(mm(OX + x), mm(OY + y)))
        else:
            packed.setdefault(region_of(ref, comp), []).append(fp)
    for region, fps in packed.items():
        pack(board, fps, region)
    add_barrier_marking(board)
    path = os.path.join(PRJ, NAME + ".kicad_pcb")
    pcbnew.SaveBoard(path, board)
    write_stackup(path)


if __name__ == "__main__":
    main()
