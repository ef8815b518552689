#!/usr/bin/python3
"""Renders the board in 3D, top and bottom, into docs/hardware/openami-pole-gateway-{top,bottom}.png.

Run by hand after a board change, not by the tests: the part bodies come from KiCad's kicad-packages3d
(about 4.7 GB installed, `apt-get install -t bookworm-backports kicad-packages3d`), which the test
machines do not carry, and a render takes minutes. Without that package kicad-cli still renders the
bare board (copper, mask, silkscreen); the script refuses, so a commit never carries such a render by
mistake.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(PROJECT))
PCB = os.path.join(PROJECT, "openami-pole-gateway.kicad_pcb")
DOCS = os.path.join(ROOT, "docs", "hardware")
MODELS = "/usr/share/kicad/3dmodels"  # where Debian's kicad-packages3d installs ${KICAD9_3DMODEL_DIR}


def render(side):
    out = os.path.join(DOCS, f"openami-pole-gateway-{side}.png")
    subprocess.run(["kicad-cli", "pcb", "render", "--side", side, "--quality", "high", "--width", "2400",
                    "--height", "1800", "--background", "opaque", "-o", out, PCB], check=True, capture_output=True)
    return out


def main(argv):
    if argv:
        print(__doc__)
        return 2
    if not os.path.isdir(os.path.join(MODELS, "Package_SO.3dshapes")):
        print(f"kicad-packages3d is not installed ({MODELS} has no models): see this script's docstring")
        return 1
    for side in ("top", "bottom"):
        print(render(side))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
