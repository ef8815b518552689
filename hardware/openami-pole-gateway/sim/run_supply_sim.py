#!/usr/bin/python3
"""Simulates the tenant-line trip path through +5V ramps and brown-outs, the SSR_ARM charge pump and the re-closure
limit (issue 27, findings 7 and 8), in ngspice.

The deck is the trip harness's (run_trip_sim.py: the schematic's own netlist, line 1, the sensor rail and the 2-pole
relay) with the supplies no longer ideal and the control inputs no longer sources:
  - +5V follows a profile (ramps of 1, 10 and 100 ms; brown-outs to 3.0 V); +3V3 follows it through the AMS1117's
    dropout (1.1 V) and +3V3_RCM through its emitter follower (0.9 V);
  - U4 MCP120-450 holds EN low while +5V < 4.50 V and for its release delay after +5V is back above it (140 ms and
    560 ms: the bounds this project models around the datasheet's typical 350 ms, VERIFY against DS11184); then EN
    rises through R10 10 k / C12 1 uF. EN low presets the latch through D#05 (BAT54 TRIP_N -> EN), pulls SSR_ARM down
    through a second BAT54 and holds the ESP32 in reset (its outputs low);
  - BOARD-STEP parts not yet in the schematic: SSR_ARM is the output of a charge pump fed by a GPIO square wave
    (1 uF series, BAT54 clamp and rectifier, 1 uF hold, 1 MOhm bleed: no edges, no arm); the latch's CLK is
    LATCH_RST AND NOT SSR_ON AND NOT LIMIT through 10 k / 100 nF; every pulse that passes the gate also pumps a fixed
    charge (470 nF through 150 Ohm and two low-leakage diodes) into a 4.7 uF counter with a 100 MOhm bleed, and a comparator
    with hysteresis (LIMIT above 0.74 V, released below 0.15 V) blocks the gate: three resets pass, the fourth is refused
    until the counter has bled down, about ten minutes later;
  - the firmware is adversarial: it drives SSR_ON, the pump and LATCH_RST as soon as EN lets it (an ESP32 in reset
    drives nothing), and in the re-closure case resets the latch over and over into a persisting fault;
  - the brown-out and re-closure cases also run with a welded SSR, where the relay is the only switch.
Measures from the waveforms when the tenant line is energised (relay closed and SSR conducting), when the relay's
contacts are closed, when SSR_ARM falls
below the AND gate's guaranteed-low input, and which reset pulses reach the latch.

Usage: run_supply_sim.py [--out PATH] [--md PATH]   (results JSON; with --md the markdown section is written into
that file between its supply markers)
Needs kicad-cli (KiCad 9) and ngspice on PATH; Debian python3 standard library only.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_trip_sim as trip  # noqa: E402

SUPERVISOR_V = 4.50          # MCP120-450 trip point on +5V
DELAYS = (140e-3, 560e-3)    # modelled bounds of its release delay
LDO_DROPOUT = 1.1            # AMS1117 at 0.8 A (datasheet's typical 1.1 V at full load; lower loads drop less)
RAIL_DROPOUT = 0.9           # +3V3_RCM emitter follower: VBE plus the integrator's output swing
VIL = 0.8                    # 74LVC1G11 guaranteed-low input at VCC 2.7-3.6 V (TI SN74LVC1G11)
DISARM_LIMIT = 1.5           # stated: SSR_ARM below VIL within 1.5 s of the last pump edge (tau 1.1 s worst case)
RESET_LIMIT = 3              # latch resets the limiter lets through before it blocks (the design's count)
PUMP_HZ = 50                 # firmware toggles GPIO2 each 10 ms safety-loop pass
LIMIT = trip.LIMIT
T_STEP = 50e-6

SUPPLY_ELEMENTS = [
    f"Bp3v3 p3v3 0 V = max(min(3.3, v(p5v) - {LDO_DROPOUT}), 0)",
    # U4: tmr counts up at 1 V per release delay while +5V is good and is emptied at once below the threshold;
    # EN is released once it reaches 1 V.
    f"Btmr 0 tmr I = v(p5v) >= {SUPERVISOR_V} ? (v(tmr) < 1.2 ? 1/tdelay : 0) : -1e4*v(tmr)",
    "Ctmr tmr 0 1",
    "Bsup sup 0 V = v(tmr) < 1 ? 1 : 0",
    "Sen en 0 sup 0 SWOD",
    ".model SWOD sw vt=0.5 vh=0.1 ron=50 roff=1e9",
    "R10 p3v3 en 10k",
    "C12 en 0 1u",
    "XD105 line1_trip_n en BAT54",
    "XDARM arm_pump en BAT54",
    # ESP32 outputs: the firmware's wish (fw_*) only while EN is high, at the +3V3 level
    "Bon ssr_on_1 0 V = (v(en) > 1.65 && v(fw_on) > 0.5) ? v(p3v3) : 0",
    "Brst fw_rst 0 V = (v(en) > 1.65 && v(fw_rst_want) > 0.5) ? v(p3v3) : 0",
    "Bgpio gpio_s 0 V = (v(en) > 1.65 && ((v(fw_pump) > 0.5 && v(pump_clk) > 0.5) || v(stuck) > 0.5)) ? v(p3v3) : 0",
    "Rgpio gpio_s gpio2 50",
    f"Vclk pump_clk 0 PULSE(0 1 0 10u 10u {0.5 / PUMP_HZ} {1 / PUMP_HZ})",
    # SSR_ARM charge pump
    "Cp gpio2 pa 100n",
    "XDP1 0 pa BAT54",
    "XDP2 pa arm_pump BAT54",
    "Chold arm_pump 0 {1u*(1+desen*ctol)}",
    "Rbleed arm_pump 0 {1Meg*(1+desen*rtol)}",
    # Schmitt buffer (74LVC1G17 class: VT+ 1.7 V, VT- 1.1 V typical here) between the pump and the AND gate and relay
    # driver: without it the pump's ripple chattered the relay while SSR_ARM rose through the gate's threshold
    "Ssch sch_n 0 arm_pump 0 SWSCH",
    ".model SWSCH sw vt=1.4 vh=0.3 ron=50 roff=1e9",
    "Rsch p3v3 sch_n 100k",
    "Bsch ssr_arm_s 0 V = v(sch_n) < 1.65 ? v(p3v3) : 0",
    "Rsch_o ssr_arm_s ssr_arm 50",
]


def limiter_elements(vcc="p3v3"):
    """LATCH_RST gate, its filter into the latch's CLK, and the re-closure counter that blocks the gate."""
    return [
        f"Bgate grst_s 0 V = (v(fw_rst) > 1.65 && v(ssr_on_1) < 1.65 && v(lim_n) > 1.65) ? v({vcc}) : 0",
        "Rgate grst_s grst 150",
        "Rflt grst latch_rst_1 10k",
        "Cflt latch_rst_1 0 100n",
        "Ccs grst pp 470n",
        # low-leakage silicon diodes (BAS116 class, IR <= 5 nA at 75 V, VERIFY): with BAT54 Schottkys (the first
        # try) their reverse leakage emptied the counter in under five minutes; 1 GOhm each models a worst-case leak
        "DL1 0 pp DLOWLEAK",
        "DL2 pp cnt DLOWLEAK",
        "RL1 0 pp 1G",
        "RL2 pp cnt 1G",
        ".model DLOWLEAK D(Is=1e-13 N=1 Rs=5)",
        "Ccnt cnt 0 4.7u",
        "Rcnt cnt 0 100Meg",
        "Slim lim_n 0 cnt 0 SWLIM",
        ".model SWLIM sw vt=0.445 vh=0.295 ron=50 roff=1e9",
        f"Rlim {vcc} lim_n 100k",
    ]


def pwl(points):
    return "PWL(" + " ".join(f"{t:.6g} {v:.6g}" for t, v in points) + ")"


def pulses(times, width, level_in=1, level_out=0, edge=1e-5):
    """PWL points of pulses (level_in) starting at each time, level_out between them."""
    pts = [(0, level_out)]
    for t in times:
        pts += [(t, level_out), (t + edge, level_in), (t + width, level_in), (t + width + edge, level_out)]
    return pts


def firmware(resets, pump_stop=None, stuck=1):
    """The firmware's wishes: SSR_ON high except 2 ms around each 5 ms LATCH_RST pulse, the pump running (until
    pump_stop, then GPIO2 stuck high (stuck=1) or low (0))."""
    on = pulses([t - 1e-3 for t in resets], 7e-3, level_in=0, level_out=1)
    rst = pulses(resets, 5e-3)
    lines = [f"Vfw_on fw_on 0 {pwl(on)}", f"Vfw_rst fw_rst_want 0 {pwl(rst)}"]
    if pump_stop is None:
        lines += ["Vfw_pump fw_pump 0 1", "Vstuck stuck 0 0"]
    else:
        # a GPIO stuck high keeps the series capacitor charged and in parallel with the hold capacitor (through the
        # rectifier diode): that, not the stuck-low case, sets the disarm time
        k = int(pump_stop * PUMP_HZ)
        last = k / PUMP_HZ
        lines.append(f"Vfw_pump fw_pump 0 {pwl([(0, 1), (last + 0.25 / PUMP_HZ, 1), (last + 0.25 / PUMP_HZ + 1e-5, 0)])}")
        lines.append(f"Vstuck stuck 0 {pwl([(0, 0), (last, 0), (last + 1e-5, stuck)])}")
    return lines


def supply_case(cid, kind, p5v, resets, t_end, corner, delay, leak=None, pump_stop=None, onset=None, stuck=1,
                weld=False):
    return dict(id=cid, kind=kind, p5v=p5v, resets=resets, tEnd=t_end, corner=corner, delay=delay, leak=leak,
                pumpStop=pump_stop, onset=onset, stuck=stuck, weld=weld)


T_LEAK = 0.40          # fault onset in the brown-out and re-closure cases (line energised since ~0.23 s)
POWER_UP = [(0, 0), (1e-3, 5.0)]


def cases():
    out = []
    for ramp in (1e-3, 10e-3, 100e-3):
        for delay in DELAYS if ramp == 100e-3 else DELAYS[:1]:
            # the adversarial firmware resets every 50 ms from the start: whatever EN lets through is tried at once
            out.append(supply_case(f"ramp{ramp * 1e3:g}ms_d{delay * 1e3:g}", "ramp", [(0, 0), (ramp, 5.0)],
                                   [5e-3 + 50e-3 * i for i in range(int((ramp + delay + 0.3) / 50e-3))],
                                   ramp + delay + 0.4, "fast", delay))
    brown = POWER_UP + [(T_LEAK + 5e-3, 5.0), (T_LEAK + 7e-3, 3.0), (T_LEAK + 67e-3, 3.0), (T_LEAK + 77e-3, 5.0)]
    for leak in ("ac50", "dc"):
        out.append(supply_case(f"brownout_{leak}", "brownout", brown, [0.20], 1.2, "slow", DELAYS[0], leak=leak,
                               onset=T_LEAK))
    # a welded SSR: the relay, dropped by the latch or by the supervisor's preset, is the only switch left; without a
    # leak only the supervisor can drop it
    for leak in ("ac50", None):
        out.append(supply_case(f"brownout_weld_{leak or 'noleak'}", "brownout", brown, [0.20], 1.2, "slow", DELAYS[0],
                               leak=leak, onset=T_LEAK, weld=True))
    for weld in (False, True):
        out.append(supply_case("reclose_weld_ac50" if weld else "reclose_ac50", "reclose", POWER_UP,
                               [0.20, 0.55, 0.70, 0.85, 1.00, 1.15], 1.3, "slow", DELAYS[0], leak="ac50", onset=T_LEAK,
                               weld=weld))
    for level, name in ((1, "high"), (0, "low")):
        out.append(supply_case(f"pump_stuck_{name}", "pump", POWER_UP, [0.40], 2.6, "slow", DELAYS[0], pump_stop=0.70,
                               stuck=level))
    return out


def deck(case, body):
    corner = trip.CORNERS[case["corner"]]
    params = dict(trip.TOLERANCES, **corner, ssr_toff=trip.ssr_toff(50, corner["desen"]), cdsr_g=trip.G_DESIGN,
                  cdsr_ord=1, ssr_weld=1 if case["weld"] else 0, tdelay=case["delay"])
    src = [f".param {k}={v:.6g}" for k, v in params.items()]
    src += [f"Vp5v p5v 0 {pwl(case['p5v'])}", "Vmains_l line1_sup_l 0 1", "Vmains_n line1_sup_n 0 0", "Vtest rcm_test_1 0 0",
            "Rload line1_tenant_l line1_tenant_n 1k"]
    src += SUPPLY_ELEMENTS + limiter_elements() + firmware(case["resets"], case["pumpStop"], case["stuck"])
    if case["leak"]:
        cls = next(c for c in trip.CLASSES if c[0] == case["leak"])
        expr, _mean, _ac = trip.waveform(cls[1], cls[4], cls[2], cls[3], onset=case["onset"])
        # the leak is in the tenant's installation: it flows only while the tenant line is live
        src.append(f"Bleak line1_line_l_sw 0 I = ({expr}) * (v(line1_tenant_l) > 0.5 ? 1 : 0)")
    rail = f"Bp3v3_rcm p3v3_rcm 0 V = max(min(vrcm, v(p5v) - {RAIL_DROPOUT}), 0)"
    # Gear integration: with the trapezoidal rule the latch's stiff state node rang through zero at these step sizes
    # and cleared the latch after a trip (a numerical artefact, seen in the re-closure case).
    ctrl = [".control", "set wr_singlescale", "set wr_vecnames", "option numdgt=7", "option method=gear",
            f"tran {T_STEP} {case['tEnd']} 0 {T_STEP * 4}",
            f"wrdata {case['id']}.dat v(line1_tenant_l) v(line1_rly) v(p5v) v(en) v(ssr_arm) v(latch_rst_1) v(cnt) "
            "v(gpio2) v(arm_pump)",
            "quit", ".endc"]
    return "\n".join([f"* {case['id']}", f".include \"{trip.LIBRARY}\""] + src + trip.board_step(
        dict(sensor="cdsr", corner=case["corner"]), body, rail=rail) + ctrl + [".end", ""])


def crossings(t, v, level, rising):
    return [t[i] for i in range(1, len(t)) if (v[i - 1] < level <= v[i] if rising else v[i - 1] >= level > v[i])]


def intervals(t, v, level=0.5):
    """[start, end) intervals where v > level (end None if still above at the end)."""
    out, start = [], None
    for ti, vi in zip(t, v):
        if vi > level and start is None:
            start = ti
        elif vi <= level and start is not None:
            out.append([round(start, 5), round(ti, 5)])
            start = None
    if start is not None:
        out.append([round(start, 5), None])
    return out


def measure(case, datfile):
    with open(datfile) as f:
        header = f.readline().split()
        cols = list(zip(*(map(float, line.split()) for line in f if line.strip())))
    w = dict(zip(header, cols))
    t = w["time"]
    res = dict(energised=intervals(t, w["v(line1_tenant_l)"]), relayClosed=intervals(t, w["v(line1_rly)"]))
    p5v = w["v(p5v)"]
    res["p5vRiseS"] = [round(x, 5) for x in crossings(t, p5v, SUPERVISOR_V, True)]
    res["p5vFallS"] = [round(x, 5) for x in crossings(t, p5v, SUPERVISOR_V, False)]
    res["enRiseS"] = [round(x, 5) for x in crossings(t, w["v(en)"], 1.65, True)]
    # reset pulses that reached the latch's CLK above its switching level, and the counter after each
    clk = intervals(t, w["v(latch_rst_1)"], 1.65)
    res["resetsPassedS"] = [c[0] for c in clk]
    res["counterV"] = round(max(w["v(cnt)"]), 3)
    if case["pumpStop"] is not None:
        arm = w["v(arm_pump)"]
        gpio = w["v(gpio2)"]
        stop = max(crossings(t, gpio, 1.65, True) + crossings(t, gpio, 1.65, False))  # the pump's last edge
        before = [a for ti, a in zip(t, arm) if stop - 0.1 <= ti < stop]
        res["lastPumpEdgeS"] = round(stop, 5)
        res["armBeforeStopMinV"] = round(min(before), 3)
        below = next((ti for ti, a in zip(t, arm) if ti > stop and a < VIL), None)
        res["disarmS"] = None if below is None else round(below - stop, 4)
    return res


def run_case(case, body, workdir):
    dat = trip.simulate(case["id"], deck(case, body), workdir)
    res = measure(case, dat)
    os.remove(dat)
    return dict(case, **res)


LIMITER_PULSES = (1.0, 2.0, 3.0, 4.0, 300.0, 600.0, 840.0)


def limiter_run(workdir):
    """The re-closure limiter alone over fourteen minutes: reset pulses at LIMITER_PULSES, SSR_ON low, EN high."""
    meas = [f"meas tran {v}{i} MAX v({node}) from={t:g} to={t + 0.02:g}" for i, t in enumerate(LIMITER_PULSES)
            for v, node in (("p", "latch_rst_1"), ("c", "cnt"))]
    text = "\n".join([
        "* re-closure limiter over 14 min", f".include \"{trip.LIBRARY}\"", "Vp3v3 p3v3 0 3.3", "Vssr ssr_on_1 0 0",
        f"Vrst fw_rst 0 {pwl(pulses(LIMITER_PULSES, 5e-3, level_in=3.3))}"] + limiter_elements() + [
        ".control", f"tran 1m {LIMITER_PULSES[-1] + 10:g} 0 0.5", *meas, "quit", ".endc", ".end", ""])
    path = os.path.join(workdir, "limiter.cir")
    with open(path, "w") as f:
        f.write(text)
    proc = subprocess.run(["ngspice", "-b", path], cwd=workdir, capture_output=True, text=True)
    found = dict(re.findall(r"^([pc]\d+)\s*=\s*([-0-9.e+]+)", proc.stdout, re.M))
    if proc.returncode != 0 or len(found) != 2 * len(LIMITER_PULSES):
        raise RuntimeError(f"ngspice failed on the limiter deck:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return [dict(atS=t, clkMaxV=round(float(found[f"p{i}"]), 3), counterV=round(float(found[f"c{i}"]), 3),
                 passed=float(found[f"p{i}"]) > 1.65)
            for i, t in enumerate(LIMITER_PULSES)]


def ms(x):
    return "-" if x is None else f"{x * 1e3:.1f}"


def markdown(results, limiter, seconds):
    lines = ["<!-- supply:begin -->", "## Supply ramps, brown-outs, charge pump and re-closure limit", "",
             "Generated by `hardware/openami-pole-gateway/sim/run_supply_sim.py`; do not edit by hand. Same netlist and",
             "line as above; +5V follows a profile, +3V3 follows it through the LDO's 1.1 V dropout; U4 (MCP120-450) holds",
             "EN low below 4.50 V and for its release delay, presetting the latch through D#05 and pulling the charge",
             "pump's output down; SSR_ARM comes from the charge pump through a Schmitt buffer; LATCH_RST reaches the latch",
             "only through LATCH_RST ∧ ¬SSR_ON ∧ ¬LIMIT and a 10 k / 100 nF filter; the re-closure counter sets LIMIT.",
             "The firmware is adversarial: whenever EN lets it, it drives SSR_ON, pumps GPIO2 at 50 Hz and pulses",
             "LATCH_RST (ramps: every 50 ms; re-closure case: six times, into a 1 x AC 50 Hz leak that flows while the",
             "line is live). Brown-outs: +5V to 3.0 V for 60 ms, 5 ms after a 1 x leak began (AC 50 Hz or smooth DC),",
             "with no reset afterwards. `_weld`: the SSR is shorted, so only the relay (release 10 ms + 3 ms bounce in",
             "the slow corner) opens the line. Times in s from the start of the run; `slow`/`fast` as above.", "",
             "| case | corner | release delay | +5V below 4.50 V (s) | EN high (s) | line energised (s) | relay closed (s) "
             "| resets reaching the latch (s) |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        below = ", ".join(f"{a:g}–{b:g}" for a, b in zip([0.0] + r["p5vFallS"], r["p5vRiseS"]))
        en = ", ".join(f"{x:g}" for x in r["enRiseS"])
        on, rly = (", ".join(f"{a:g}–{'end' if b is None else f'{b:g}'}" for a, b in r[k])
                   for k in ("energised", "relayClosed"))
        rst = ", ".join(f"{x:g}" for x in r["resetsPassedS"])
        lines.append(f"| {r['id']} | {r['corner']} | {r['delay'] * 1e3:g} | {below} | {en} | {on or 'never'} "
                     f"| {rly or 'never'} | {rst} |")
    lines += [""] + [f"Charge pump, GPIO2 stuck {'high' if p['stuck'] else 'low'}: SSR_ARM ≥ {p['armBeforeStopMinV']:.2f} V "
                     f"while the pump runs (AND gate VIH 2.0 V); after the last edge it falls below VIL {VIL} V in "
                     f"{ms(p['disarmS'])} ms (stated limit {DISARM_LIMIT * 1e3:.0f} ms)." for p in results
                     if p["kind"] == "pump"] + ["",
              "Re-closure limiter alone over 14 minutes (5 ms LATCH_RST pulses, SSR_ON low):", "",
              "| pulse at s | CLK peak V | counter V | reaches the latch |", "|---|---|---|---|"]
    lines += [f"| {p['atS']:g} | {p['clkMaxV']:.2f} | {p['counterV']:.3f} | {'yes' if p['passed'] else 'no'} |"
              for p in limiter]
    lines += ["", f"Run time: {seconds:.0f} s wall, {len(results) + 1} ngspice runs.", "<!-- supply:end -->", ""]
    return "\n".join(lines)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="supply-results.json")
    ap.add_argument("--md", default=None, help="report whose supply section is (re)written")
    ap.add_argument("--only", nargs="*", help="case ids to run (skips the limiter run)")
    args = ap.parse_args(argv)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="openami-supply-") as workdir:
        body = trip.netlist_body(trip.export_netlist(workdir))
        todo = [c for c in cases() if not args.only or c["id"] in args.only]
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            lim = None if args.only else pool.submit(limiter_run, workdir)
            results = list(pool.map(lambda c: run_case(c, body, workdir), todo))
            limiter = lim.result() if lim else []
    seconds = time.monotonic() - start
    with open(args.out, "w") as f:
        json.dump({"supervisorV": SUPERVISOR_V, "limitMs": LIMIT * 1e3, "disarmLimitS": DISARM_LIMIT,
                   "resetLimit": RESET_LIMIT, "seconds": round(seconds), "cases": results, "limiter": limiter}, f,
                  indent=1)
    if args.md and not args.only:
        trip.write_section(args.md, trip.SUPPLY_SECTION, markdown(results, limiter, seconds))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
