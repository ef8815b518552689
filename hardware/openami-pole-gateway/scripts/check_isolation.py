#!/usr/bin/python3
"""Checks the one isolation distance KiCad's DRC cannot: mains to SELV copper *across layers*.

The .kicad_dru clearance rule compares copper on the same layer only, so on a four-layer board a SELV
track on In2.Cu could run under a mains track on B.Cu (0.2 mm of prepreg: not reinforced insulation)
and DRC would pass. This check grows every mains and mains-sense copper item, on any layer, by the
rule's mains-SELV distance and fails if any SELV copper, on any layer (zone fills included), lies inside.
Pads with no net carry no circuit and are left out. Net classes come from the .kicad_pro and the
distance from the .kicad_dru beside the board.
Usage: check_isolation.py [board.kicad_pcb]   (Debian python3 with KiCad 9's pcbnew)
Exit 0 when clear; 1 with the offending items listed; 2 when the board has no mains copper at all
(project file missing: the check would otherwise pass vacuously).
"""
import os
import re
import sys

import pcbnew

PRJ = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "openami-pole-gateway"
MAINS = ("Mains", "MainsSense")
ERR = pcbnew.FromMM(0.005)


def barrier_mm(board_path):
    """The 'mains-selv clearance' minimum from the project's design rules."""
    with open(os.path.splitext(board_path)[0] + ".kicad_dru") as f:
        rule = re.search(r'\(rule "mains-selv clearance".*?\(min ([0-9.]+)mm\)', f.read(), re.S)
    return float(rule.group(1))


def copper(board):
    """(item, layer, polygons) for every copper item: pads once (a through pad has one shape), tracks,
    vias and zone fills per layer."""
    for fp in board.GetFootprints():
        for pad in fp.Pads():
            if pad.GetAttribute() == pcbnew.PAD_ATTRIB_NPTH or pad.GetNetCode() == 0:
                continue
            layer = pcbnew.F_Cu if pad.IsOnLayer(pcbnew.F_Cu) else pcbnew.B_Cu
            yield pad, layer, None
    for track in board.GetTracks():
        yield track, (pcbnew.F_Cu if track.Type() == pcbnew.PCB_VIA_T else track.GetLayer()), None
    for zone in board.Zones():
        if zone.GetIsRuleArea():
            continue
        for layer in zone.GetLayerSet().CuStack():
            yield zone, layer, zone.GetFilledPolysList(layer)


def is_mains(item):
    return item.GetNetCode() > 0 and item.GetNet().GetNetClassName() in MAINS


def outline(item, layer, fill, grow):
    polys = pcbnew.SHAPE_POLY_SET()
    if fill is not None:
        polys.Append(fill)
        if grow:
            polys.Inflate(grow, pcbnew.CORNER_STRATEGY_ROUND_ALL_CORNERS, ERR)
    else:
        item.TransformShapeToPolygon(polys, layer, grow, ERR, pcbnew.ERROR_INSIDE)
    return polys


def describe(item, layer):
    name = item.GetParentFootprint().GetReference() + " pad " + item.GetNumber() if item.Type() == pcbnew.PCB_PAD_T \
        else item.GetClass()
    at = item.GetPosition()
    return f"{name} [{item.GetNetname()}] on {pcbnew.LayerName(layer)} at " \
           f"({pcbnew.ToMM(at.x):.2f}, {pcbnew.ToMM(at.y):.2f}) mm"


def main(argv):
    path = argv[0] if argv else os.path.join(PRJ, NAME + ".kicad_pcb")
    board = pcbnew.LoadBoard(path)
    distance = barrier_mm(path)
    # grown by slightly less than the rule: arc approximation errors must not fail a board that keeps it
    shadow = pcbnew.SHAPE_POLY_SET()
    selv = []
    for item, layer, fill in copper(board):
        if is_mains(item):
            shadow.Append(outline(item, layer, fill, pcbnew.FromMM(distance - 0.02)))
        else:
            selv.append((item, layer, fill))
    if not shadow.OutlineCount():
        print("no copper in the Mains or MainsSense net classes: is the .kicad_pro beside the board?")
        return 2
    shadow.Simplify()
    bad = []
    for item, layer, fill in selv:
        overlap = outline(item, layer, fill, 0)
        overlap.BooleanIntersection(shadow)
        if overlap.OutlineCount():
            bad.append(describe(item, layer))
    if bad:
        print(f"{len(bad)} SELV copper items closer than {distance:g} mm (plan view, any layer) to mains copper:")
        print("\n".join(bad[:30]))
        return 1
    print(f"mains and SELV copper keep {distance:g} mm in plan view across all layers ({len(selv)} SELV items)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
