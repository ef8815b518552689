#!/usr/bin/python3
"""Exports the board's schematic PDF and board SVG into docs/hardware, or checks the committed copies.

  hardware_docs.py          regenerate docs/hardware/openami-pole-gateway-{schematic.pdf,board.svg}
  hardware_docs.py --check  export to a temporary directory and fail if the committed copies differ

The exporters stamp the export time (PDF /CreationDate, SVG <title>), so files are compared after
removing exactly those stamps; the exporters also embed the output file name, hence the same names.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROJECT = os.path.join(ROOT, "hardware", "openami-pole-gateway")
DOCS = os.path.join(ROOT, "docs", "hardware")
SCH = os.path.join(PROJECT, "openami-pole-gateway.kicad_sch")
PCB = os.path.join(PROJECT, "openami-pole-gateway.kicad_pcb")
PDF = "openami-pole-gateway-schematic.pdf"
SVG = "openami-pole-gateway-board.svg"
STAMPS = [re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)"), re.compile(rb"<title>SVG Image created as [^<]*</title>")]


def export(outdir):
    subprocess.run(["kicad-cli", "sch", "export", "pdf", "-o", os.path.join(outdir, PDF), SCH],
                   check=True, capture_output=True)
    subprocess.run(["kicad-cli", "pcb", "export", "svg", "--mode-single", "--exclude-drawing-sheet",
                    "--page-size-mode", "2", "--layers", "F.Cu,B.Cu,F.SilkS,Edge.Cuts",
                    "-o", os.path.join(outdir, SVG), PCB], check=True, capture_output=True)


def normalised(path):
    with open(path, "rb") as f:
        data = f.read()
    for stamp in STAMPS:
        data = stamp.sub(b"", data)
    return data


def main(argv):
    if argv == ["--check"]:
        with tempfile.TemporaryDirectory() as tmp:
            export(tmp)
            stale = [name for name in (PDF, SVG)
                     if not os.path.exists(os.path.join(DOCS, name))
                     or normalised(os.path.join(DOCS, name)) != normalised(os.path.join(tmp, name))]
        if stale:
            print("stale or missing in docs/hardware (run tools/scripts/hardware_docs.py): " + ", ".join(stale))
            return 1
        print("docs/hardware exports match the KiCad sources")
        return 0
    if argv:
        print(__doc__)
        return 2
    os.makedirs(DOCS, exist_ok=True)
    export(DOCS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
