#!/usr/bin/python3
"""Simulates the tenant-line trip path exported from the schematic, for every stimulus x corner.

Steps: export the schematic's spice netlist with kicad-cli (only the trip-path parts are enabled for
simulation), wrap it in one deck per case (supplies, control inputs, residual-current stimulus, corner
parameters), run ngspice in batch mode in parallel, and measure from the waveforms:
  - the line was energised before the fault (precondition, else a "trip" would prove nothing),
  - onset -> SSR off time (SSR turn-off delay included, it is part of the SSR model).
The schematic holds four instances of the tenant-line sheet; the deck keeps line 1 and the shared
threshold reference (the other lines are the same sheet and would only multiply the run time).
Writes results JSON (read by tests/OpenAmi.Hardware.Tests) and docs/hardware/trip-path-simulation.md.

Usage: run_trip_sim.py [--out DIR] [--md PATH] [--only CASE_ID ...]
Needs kicad-cli (KiCad 9) and ngspice on PATH; Debian python3 standard library only.
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(PROJECT))
SCHEMATIC = os.path.join(PROJECT, "openami-pole-gateway.kicad_sch")
LIBRARY = os.path.join(HERE, "openami-trip.lib")
MD_DEFAULT = os.path.join(REPO, "docs", "hardware", "trip-path-simulation.md")

IDN_AC = 30e-3      # rated residual current, AC and pulsating classes (A rms)
IDN_DC = 6e-3       # smooth-DC class (RDC-DD per IEC 62955)
LIMIT = 40e-3       # project requirement: onset -> line dead, SSR turn-off included
T_ON = 10e-3        # SSR_ON / SSR_ARM asserted
T_RESET = (3e-3, 4e-3)  # LATCH_RST pulse that clears the power-up preset
T_ONSET = 60e-3     # fault onset (SSR has been on for > 2 mains periods)
T_OBSERVE = 200e-3  # observation after onset: >= 10 mains periods at 50 Hz
T_STEP = 50e-6
OTHER_LINES = re.compile(r"^X?[A-Z]+[2-4]\d\d$")  # refs of tenant lines 2..4 (R201, XU305, ...)

# Tolerance corners. desen=+1 pushes every tolerance towards "less sensitive, slower" (worst case for
# trip and latency), -1 towards "more sensitive" (worst case for nuisance tripping).
CORNERS = {
    "slow": dict(desen=1),
    "nominal": dict(desen=0),
    "fast": dict(desen=-1),
}
TOLERANCES = dict(rtol=0.01, ctol=0.10, reftol=0.01, gtol=0.083, ioff=0.3e-3, cmp_vos=5e-3,
                  cdsr_g=8.0, cdsr_itest=30e-3)


def ssr_toff(freq, desen):
    """Zero-cross SSR: off at the next current zero, worst case half a period; best case immediately."""
    half = 0.5 / (freq or 50.0)
    return {1: half, 0: half / 2, -1: 1e-6}[desen]


def waveform(kind, level, freq, alpha_deg=0.0):
    """B-source expression of the residual current (A) and its (dc mean, ac rms) for the report.

    level is the rms value of the whole waveform for AC and pulsating kinds (IEC 61008/62423 state
    pulsating test currents as r.m.s. values), the DC value for smooth DC, and for AC+DC the AC part
    is level rms with a DC part of level/5 (so both are the same multiple of 30 mA and 6 mA).
    Pulsating waveforms start with the blocked half-cycle, the slowest onset phase.
    """
    w = 2 * math.pi * (freq or 0)
    th = f"({w:.6f}*(time-{T_ONSET}))"
    step = f"(time >= {T_ONSET} ? 1 : 0)"
    if kind == "dc":
        return f"{level:.6g}*{step}", level, 0.0
    if kind == "ac":
        pk = level * math.sqrt(2)
        return f"{pk:.6g}*sin({th})*{step}", 0.0, level
    if kind == "acdc":
        pk, dc = level * math.sqrt(2), level / 5
        return f"({pk:.6g}*sin({th})+{dc:.6g})*{step}", dc, level
    if kind == "pulse":
        a = math.radians(alpha_deg)
        # rms of a half-wave conducting from a to pi (per period) = Ip*sqrt((pi-a+sin(2a)/2)/(4pi))
        ip = level / math.sqrt((math.pi - a + math.sin(2 * a) / 2) / (4 * math.pi))
        mean = ip * (1 + math.cos(a)) / (2 * math.pi)
        ph = f"({th}+{math.pi:.6f})"
        expr = (f"{ip:.6g}*sin({ph})*((sin({ph}) > 0 && cos({ph}) <= {math.cos(a) + 1e-9:.9f}) ? 1 : 0)*{step}")
        return expr, mean, math.sqrt(max(level ** 2 - mean ** 2, 0.0))
    raise ValueError(kind)


def cases():
    """Stimulus classes x multiples of the rated residual current."""
    classes = [  # (id, kind, frequency, phase angle, base current, label, multiples)
        ("dc", "dc", 0, 0, IDN_DC, "smooth DC", (0.5, 1, 2, 5)),
        ("ac50", "ac", 50, 0, IDN_AC, "AC 50 Hz", (0.5, 1, 2, 5)),
        ("ac60", "ac", 60, 0, IDN_AC, "AC 60 Hz", (0.5, 1, 2, 5)),
        ("hw50", "pulse", 50, 0, IDN_AC, "half-wave 50 Hz", (0.5, 1, 1.4, 2, 5)),
        ("hw60", "pulse", 60, 0, IDN_AC, "half-wave 60 Hz", (0.5, 1, 1.4, 2, 5)),
        ("pc90", "pulse", 50, 90, IDN_AC, "phase-cut 90 deg 50 Hz", (0.5, 1, 1.4, 2, 5)),
        ("pc135", "pulse", 50, 135, IDN_AC, "phase-cut 135 deg 50 Hz", (0.5, 1, 1.4, 2, 5)),
        ("acdc50", "acdc", 50, 0, IDN_AC, "AC 50 Hz + DC", (0.5, 1, 2, 5)),
        ("acdc60", "acdc", 60, 0, IDN_AC, "AC 60 Hz + DC", (0.5, 1, 2, 5)),
    ]
    out = []
    for cid, kind, freq, alpha, base, label, multiples in classes:
        for k in multiples:
            for corner in CORNERS:
                out.append(dict(id=f"{cid}_x{k:g}_{corner}", cls=cid, kind=kind, label=label, freq=freq,
                                alpha=alpha, multiple=k, level=k * base, corner=corner))
    return out


def export_netlist(workdir):
    path = os.path.join(workdir, "trip-path.cir")
    subprocess.run(["kicad-cli", "sch", "export", "netlist", "--format", "spice", "-o", path, SCHEMATIC],
                   check=True, capture_output=True)
    return path


def node(name):
    """Spice-safe node name: '/Line1/LOAD_L' -> 'line1_load_l', '+3V3' -> 'p3v3', 'GND' -> '0'."""
    if name.upper() == "GND":
        return "0"
    return re.sub(r"[^a-z0-9_]", "_", name.lower().lstrip("/").replace("+", "p"))


def netlist_body(path):
    """Element lines of the exported netlist with node names made safe for ngspice expressions."""
    lines = []
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith((".title", ".include", ".end")):
                continue
            parts = line.split()
            if OTHER_LINES.match(parts[0]):
                continue
            if line[0] in "RC":
                parts = [parts[0], node(parts[1]), node(parts[2])] + parts[3:]
            elif line[0] == "X":  # subcircuit: all but the last token are nodes
                parts = [parts[0]] + [node(p) for p in parts[1:-1]] + [parts[-1]]
            else:
                raise SystemExit(f"unexpected element in exported netlist: {line}")
            lines.append(" ".join(parts))
    return lines


def deck(case, body):
    expr, _mean, _ac = waveform(case["kind"], case["level"], case["freq"], case["alpha"])
    desen = CORNERS[case["corner"]]["desen"]
    params = dict(TOLERANCES, desen=desen, ssr_toff=ssr_toff(case["freq"], desen))
    t_end = T_ONSET + T_OBSERVE
    src = [f".param {k}={v:.6g}" for k, v in params.items()]
    src += ["Vp3v3 p3v3 0 3.3", "Vp5v p5v 0 5.0",
            "Vmains_l mains_l 0 1", "Vmains_n mains_n 0 0",
            f"Varm ssr_arm 0 PWL(0 0 {T_ON} 0 {T_ON + 1e-5} 3.3)",
            f"Von ssr_on_1 0 PWL(0 0 {T_ON} 0 {T_ON + 1e-5} 3.3)",
            f"Vrst latch_rst_1 0 PWL(0 0 {T_RESET[0]} 0 {T_RESET[0] + 1e-5} 3.3 {T_RESET[1]} 3.3 "
            f"{T_RESET[1] + 1e-5} 0)",
            "Vtest rcm_test_1 0 0",
            # tenant load between L and N: its current returns through the N jumper (no residual)
            "Rload line1_load_l line1_load_n 1k",
            # the fault: current from the switched L to protective earth, bypassing the N jumper
            f"Bleak line1_line_l_sw 0 I = {expr}"]
    ctrl = [".control", "set wr_singlescale", "set wr_vecnames", "option numdgt=7",
            f"tran {T_STEP} {t_end} 0 {T_STEP}", f"wrdata {case['id']}.dat v(line1_load_l) v(line1_trip_n)",
            "quit", ".endc"]
    return "\n".join([f"* {case['id']}: {case['label']} x{case['multiple']:g}, corner {case['corner']}",
                      f".include \"{LIBRARY}\""] + src + body + ctrl + [".end", ""])


def measure(case, datfile):
    with open(datfile) as f:
        header = f.readline().split()
        rows = [list(map(float, line.split())) for line in f if line.strip()]
    col = {name: i for i, name in enumerate(header)}
    t = [r[col["time"]] for r in rows]
    load = [r[col["v(line1_load_l)"]] for r in rows]
    energised = all(v > 0.5 for ti, v in zip(t, load) if T_ONSET - 5e-3 <= ti < T_ONSET)
    off = next((ti for ti, v in zip(t, load) if ti >= T_ONSET and v < 0.5), None)
    return dict(energisedBeforeOnset=energised, tripped=off is not None,
                tripTimeMs=None if off is None else round((off - T_ONSET) * 1e3, 2))


def expectation(case):
    """Required outcome from the standards' bands and the project's 40 ms requirement.

    AC and smooth DC, and AC+DC: no trip at 0.5 x (IEC 61008-1 / IEC 62955 non-operating current),
    trip at >= 1 x. Pulsating DC: IEC 61008-1 type A bands start at 0.35/0.25/0.11 x (0/90/135 deg),
    so 0.5 x may trip; >= 1 x must trip (the standard's upper bound is 1.4 x).
    """
    if case["multiple"] >= 1:
        return "trip"
    return "either" if case["kind"] == "pulse" else "no-trip"


def verdict(case, res):
    exp = expectation(case)
    if not res["energisedBeforeOnset"]:
        return "FAIL"
    if exp == "no-trip":
        return "PASS" if not res["tripped"] else "FAIL"
    if exp == "trip" and not res["tripped"]:
        return "FAIL"
    if res["tripped"] and res["tripTimeMs"] > LIMIT * 1e3:
        return "FAIL"
    return "PASS"


def run_case(case, body, workdir):
    with open(os.path.join(workdir, case["id"] + ".cir"), "w") as f:
        f.write(deck(case, body))
    proc = subprocess.run(["ngspice", "-b", case["id"] + ".cir"], cwd=workdir, capture_output=True, text=True)
    dat = os.path.join(workdir, case["id"] + ".dat")
    if proc.returncode != 0 or not os.path.exists(dat):
        raise RuntimeError(f"ngspice failed on {case['id']}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    res = measure(case, dat)
    _expr, mean, ac = waveform(case["kind"], case["level"], case["freq"], case["alpha"])
    return dict(case, meanMa=round(mean * 1e3, 2), acRmsMa=round(ac * 1e3, 2), expected=expectation(case),
                verdict=verdict(case, res), **res)


def markdown(results):
    lines = ["# Tenant-line trip path: ngspice results", "",
             "Generated by `hardware/openami-pole-gateway/sim/run_trip_sim.py` from the schematic's own spice",
             "netlist (`kicad-cli sch export netlist --format spice`); do not edit by hand.",
             "", "Requirement: residual current onset -> tenant line dead (SSR turn-off included) <= 40 ms at",
             ">= 1 x the rated residual current; no trip at 0.5 x for AC, smooth DC and AC+DC (pulsating DC may",
             "trip at 0.5 x: IEC 61008-1 type A band starts at 0.35/0.25/0.11 x). Rated currents: 30 mA rms",
             "(AC, pulsating), 6 mA smooth DC; AC+DC = AC part k x 30 mA rms plus DC part k x 6 mA.",
             "", "Corners: `slow` = every tolerance in its desensitising direction (resistors 1 %, capacitors",
             "10 %, reference 1 %, sensor gain -8.3 %, sensor offset 0.3 mA against the fault, comparator",
             "offset 5 mV against switching) and the SSR's worst-case zero-cross turn-off (10 ms at 50 Hz,",
             "8.3 ms at 60 Hz); `fast` = the opposite (worst case for nuisance trips); `nominal` = centre",
             "values, SSR turn-off a quarter period. Times in ms from onset to SSR off; `-` = no trip in 200 ms.",
             "", "| stimulus | x IΔn | mean mA | AC rms mA | corner | expected | tripped | time ms | result |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        t = "-" if r["tripTimeMs"] is None else f"{r['tripTimeMs']:.1f}"
        lines.append(f"| {r['label']} | {r['multiple']:g} | {r['meanMa']:.2f} | {r['acRmsMa']:.2f} | {r['corner']} "
                     f"| {r['expected']} | {'yes' if r['tripped'] else 'no'} | {t} | {r['verdict']} |")
    worst = max((r["tripTimeMs"] for r in results if r["tripped"] and r["multiple"] >= 1), default=None)
    fails = [r["id"] for r in results if r["verdict"] != "PASS"]
    lines += ["", f"Cases: {len(results)}; failures: {len(fails)}" + (f" ({', '.join(fails)})" if fails else "")
              + f"; slowest required trip: {worst} ms.", ""]
    return "\n".join(lines)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="results JSON path (default: ./trip-results.json)")
    ap.add_argument("--md", default=MD_DEFAULT, help="markdown report path ('' to skip)")
    ap.add_argument("--only", nargs="*", help="case ids to run")
    args = ap.parse_args(argv)
    todo = [c for c in cases() if not args.only or c["id"] in args.only]
    with tempfile.TemporaryDirectory(prefix="openami-trip-") as workdir:
        body = netlist_body(export_netlist(workdir))
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = list(pool.map(lambda c: run_case(c, body, workdir), todo))
    out = args.out or "trip-results.json"
    with open(out, "w") as f:
        json.dump({"limitMs": LIMIT * 1e3, "cases": results}, f, indent=1)
    if args.md:
        with open(args.md, "w") as f:
            f.write(markdown(results))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
