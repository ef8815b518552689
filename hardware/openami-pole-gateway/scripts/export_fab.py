#!/usr/bin/python3
"""Writes the fabrication and assembly outputs of the pole board with kicad-cli.

  export_fab.py [OUTDIR]    default: artifacts/hardware-fab/ at the repository root

OUTDIR receives:
  gerbers/    one Gerber X2 file per layer (4 copper, mask, paste, silkscreen, outline), the Gerber job
              file, Excellon drill files (plated and non-plated apart) and a drill map
  openami-pole-gateway-gerbers.zip   gerbers/ as one archive, the upload a board house asks for
  openami-pole-gateway.ipc356        IPC-D-356 netlist for the fab's bare-board electrical test
  openami-pole-gateway-pos.csv       component placement (CPL), mm, both sides
  openami-pole-gateway-bom.csv       BOM grouped by part number: manufacturer, MPN, distributor PN

The outputs are derived, never committed: the test command (tests/OpenAmi.Hardware.Tests) runs this
script, so a test run leaves current files in artifacts/. The schematic PDF is committed under
docs/hardware/ instead (tools/scripts/hardware_docs.py).
"""
import os
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(PROJECT))
NAME = "openami-pole-gateway"
PCB = os.path.join(PROJECT, NAME + ".kicad_pcb")
SCH = os.path.join(PROJECT, NAME + ".kicad_sch")
LAYERS = ["F.Cu", "In1.Cu", "In2.Cu", "B.Cu", "F.Mask", "B.Mask", "F.Paste", "B.Paste",
          "F.Silkscreen", "B.Silkscreen", "Edge.Cuts"]
BOM_FIELDS = ["Reference", "Value", "Footprint", "${QUANTITY}", "Manufacturer", "MPN", "Distributor PN"]
BOM_LABELS = ["Refs", "Value", "Footprint", "Qty", "Manufacturer", "MPN", "Distributor PN"]


def kicad(*args):
    run = subprocess.run(["kicad-cli", *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"kicad-cli {' '.join(args[:3])} failed ({run.returncode}): {run.stdout}{run.stderr}")


def export(out):
    gerbers = os.path.join(out, "gerbers")
    shutil.rmtree(gerbers, ignore_errors=True)
    os.makedirs(gerbers)
    kicad("pcb", "export", "gerbers", "--layers", ",".join(LAYERS), "-o", gerbers + os.sep, PCB)
    kicad("pcb", "export", "drill", "--format", "excellon", "--excellon-separate-th", "--excellon-units", "mm",
          "--generate-map", "--map-format", "gerberx2", "-o", gerbers + os.sep, PCB)
    with zipfile.ZipFile(os.path.join(out, NAME + "-gerbers.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(os.listdir(gerbers)):
            z.write(os.path.join(gerbers, name), name)
    kicad("pcb", "export", "ipcd356", "-o", os.path.join(out, NAME + ".ipc356"), PCB)
    bom = os.path.join(out, NAME + "-bom.csv")
    kicad("sch", "export", "bom", "--fields", ",".join(BOM_FIELDS), "--labels", ",".join(BOM_LABELS),
          "--group-by", "Value,Footprint,MPN", "--ref-range-delimiter", "", "-o", bom, SCH)
    # test pads and mounting holes are excluded from position files by their footprints' attributes
    kicad("pcb", "export", "pos", "--format", "csv", "--units", "mm", "--side", "both", "--exclude-dnp",
          "-o", os.path.join(out, NAME + "-pos.csv"), PCB)


def main(argv):
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print(__doc__)
        return 2
    out = os.path.abspath(argv[0]) if argv else os.path.join(ROOT, "artifacts", "hardware-fab")
    os.makedirs(out, exist_ok=True)
    export(out)
    print(f"fabrication outputs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
