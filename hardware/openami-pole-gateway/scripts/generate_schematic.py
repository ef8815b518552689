#!/usr/bin/python3
"""Writes the project-local symbol library and the hierarchical schematic of the pole board.

The circuit lives in sheets.py and the part data in parts.py; this script only lays them out:
one boxed symbol per part on a grid, a label (or power port / no-connect) on every pin end, so that
connectivity is explicit and ERC-checkable. UUIDs derive from names, so regenerating is stable.
Run with Debian python3; afterwards `kicad-cli sch upgrade` is not needed (files are written in the
KiCad 9 format directly).
"""
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from parts import PARTS, POWER_NETS  # noqa: E402
from sheets import SHEETS, LINE, LINES, LINE_SHARED, FLAGS  # noqa: E402
from parts import footprint_id, lib_table, ordering  # noqa: E402
from kicad_symbols import SymbolLibraries, dump, pins as library_pins, unit_count  # noqa: E402

PROJECT = "openami-pole-gateway"
LIB = "openami"
HERE = os.path.dirname(os.path.abspath(__file__))
PRJ_DIR = os.path.dirname(HERE)
NS = uuid.UUID("5b0e8a38-6a55-4f0c-9d4e-0a1c2f3e4d5a")
G = 2.54  # pin pitch
FONT = "(effects (font (size 1.27 1.27)))"
HIDE = "(effects (font (size 1.27 1.27)) (hide yes))"
OFFICIAL = SymbolLibraries()
# Label direction at a pin end, by the pin's orientation (the pin points from its end into the body).
LABEL_ANGLE = {0: 180, 180: 0, 90: 270, 270: 90}


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(parts)))


def q(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def mm(v):
    return f"{round(v, 4):g}"


# ---------------------------------------------------------------- symbols
def symbol_geometry(name):
    """Pin positions (symbol coordinates, y up) of the boxed symbol of part `name`."""
    pins = PARTS[name]["pins"]
    left = [p for p in pins if p[2] == "L"]
    right = [p for p in pins if p[2] == "R"]
    rows = max(len(left), len(right), 1)
    width = 5.08 if len(pins) <= 3 and max(len(left), len(right)) == 1 else 15.24
    top = (rows - 1) * G / 2
    top = round(top / 1.27) * 1.27
    geo = []
    for i, p in enumerate(left):
        geo.append((p, -width / 2 - G, top - i * G, 0))
    for i, p in enumerate(right):
        geo.append((p, width / 2 + G, top - i * G, 180))
    half_h = top + G / 2 + 0.635
    return geo, width, half_h, top - (rows - 1) * G - G / 2 - 0.635


def units(name):
    """[(unit, [(pin number, x, y, pin angle)], top, bottom)] in symbol coordinates (y up), one entry per unit to
    place: the official symbol's units and pins where the part names one (checked against the part's pin
    numbers, which sheets.py and the footprint rely on), else the project's boxed symbol."""
    part = PARTS[name]
    if "sym" not in part:
        geo, _w, top, bottom = symbol_geometry(name)
        return [(1, [(p[0], x, y, ang) for p, x, y, ang in geo], top, bottom)]
    symbol = OFFICIAL.symbol(part["sym"])
    lib_pins = library_pins(symbol)
    ours, theirs = {p[0] for p in part["pins"]}, {p[1] for p in lib_pins}
    if ours != theirs:
        raise SystemExit(f"{name}: pins {sorted(ours)} differ from {part['sym']}'s {sorted(theirs)}")
    out = []
    for unit in range(1, unit_count(symbol) + 1):
        here = [(num, x, y, ang) for u, num, _n, x, y, ang in lib_pins if u in (0, unit)]
        ys = [y for _n, _x, y, _a in here]
        out.append((unit, here, max(ys) + G, min(ys) - G))
    return out


def lib_symbol(name, prefix_lib=False):
    part = PARTS[name]
    full = f"{LIB}:{name}" if prefix_lib else name
    geo, width, top, bottom = symbol_geometry(name)
    hide_names = " (hide yes)" if width < 6 else ""
    out = [f'(symbol {q(full)} (pin_names (offset 0.508){hide_names}) (exclude_from_sim no) (in_bom yes) (on_board yes)',
           f'(property "Reference" {q(ref_prefix(name))} (at 0 {mm(top + 1.27)} 0) {FONT})',
           f'(property "Value" {q(name)} (at 0 {mm(bottom - 1.27)} 0) {FONT})',
           f'(property "Footprint" {q(footprint_id(part))} (at 0 0 0) {HIDE})',
           f'(property "Datasheet" {q(part["ds"])} (at 0 0 0) {HIDE})',
           f'(property "Description" {q(part["ds"])} (at 0 0 0) {HIDE})',
           f'(symbol {q(name + "_0_1")} (rectangle (start {mm(-width / 2)} {mm(top)}) (end {mm(width / 2)} {mm(bottom)}) '
           '(stroke (width 0.254) (type default)) (fill (type background))))',
           f'(symbol {q(name + "_1_1")}']
    for (num, pname, _side, etype), x, y, ang in geo:
        out.append(f'(pin {etype} line (at {mm(x)} {mm(y)} {ang}) (length {G}) '
                   f'(name {q(pname)} {FONT}) (number {q(num)} {FONT}))')
    out.append(")")
    out.append("(embedded_fonts no))")
    return "\n".join(out)


def power_symbol(net, prefix_lib=False):
    full = f"{LIB}:{net}" if prefix_lib else net
    flag = net == "PWR_FLAG"
    etype = "power_out" if flag else "power_in"
    return "\n".join([
        f'(symbol {q(full)} (power) (pin_numbers (hide yes)) (pin_names (offset 0) (hide yes)) '
        '(exclude_from_sim no) (in_bom no) (on_board yes)',
        f'(property "Reference" {q("#FLG" if flag else "#PWR")} (at 0 -3.81 0) {HIDE})',
        f'(property "Value" {q(net)} (at 0 3.81 0) {FONT})',
        f'(property "Footprint" "" (at 0 0 0) {HIDE})',
        f'(property "Datasheet" "" (at 0 0 0) {HIDE})',
        f'(property "Description" {q("power port " + net)} (at 0 0 0) {HIDE})',
        f'(symbol {q(net + "_0_1")} (polyline (pts (xy -1.27 1.27) (xy 1.27 1.27) (xy 0 2.54) (xy -1.27 1.27)) '
        '(stroke (width 0) (type default)) (fill (type none))))',
        f'(symbol {q(net + "_1_1")} (pin {etype} line (at 0 0 90) (length 0) (name {q("pwr" if flag else net)} {FONT}) '
        f'(number "1" {FONT})))',
        "(embedded_fonts no))"])


def ref_prefix(name):
    return {"R": "R", "R_HV": "R", "C": "C", "C_BULK": "C", "LED": "D", "D_SCHOTTKY": "D", "D_FLYBACK": "D",
            "D_ZENER": "D", "NMOS": "Q", "NMOS_LL": "Q", "PHOTOTRANSISTOR": "Q", "IR_LED": "D", "SW_TACT": "SW", "SW_TAMPER": "SW",
            "BUZZER": "BZ", "FUSE": "F", "MOV": "RV", "IRM20": "PS", "SSR": "K", "TP": "TP",
            "SM712": "D"}.get(name, "J" if name.startswith(("CONN", "TB", "MODEM", "SIM")) else "U")


def power_lib_id(net):
    """KiCad's power port where its power library has the net, else the project's."""
    return f"power:{net}" if OFFICIAL.has(f"power:{net}") else f"{LIB}:{net}"


def embedded(lib_id):
    """A symbol's lib_symbols entry: KiCad's own text for an official symbol, else the project's drawing."""
    lib, name = lib_id.split(":")
    if lib != LIB:
        return dump(OFFICIAL.symbol(lib_id))
    return lib_symbol(name, True) if name in PARTS else power_symbol(name, True)


def write_library():
    """The project library holds only the symbols KiCad's library does not carry."""
    body = [lib_symbol(n) for n in sorted(PARTS) if "sym" not in PARTS[n]]
    body += [power_symbol(n) for n in POWER_NETS + ["PWR_FLAG"] if power_lib_id(n).startswith(LIB + ":")]
    with open(os.path.join(PRJ_DIR, "lib", f"{LIB}.kicad_sym"), "w") as f:
        f.write('(kicad_symbol_lib (version 20241209) (generator "openami_generate_schematic") '
                '(generator_version "9.0")\n' + "\n".join(body) + ")\n")


# ---------------------------------------------------------------- sheets
class Sheet:
    """Collects the items of one schematic file."""

    def __init__(self, stem, instances):
        self.stem = stem
        self.instances = instances  # list of (instance path, line number or None, page)
        self.items = []
        self.used = set()
        self.pwr_count = 0

    def ref(self, ref, line):
        return ref.replace("#", str(line)) if line else ref

    def instances_block(self, refs, unit=1):
        rows = "".join(f'(path {q(path)} (reference {q(r)}) (unit {unit}))'
                       for (path, _l, _p), r in zip(self.instances, refs))
        return f'(instances (project {q(PROJECT)} {rows}))'

    def label(self, net, x, y, ang, key):
        just = "left" if ang in (0, 90) else "right"
        eff = f'(effects (font (size 1.27 1.27)) (justify {just}))'
        if net.startswith("@"):
            self.items.append(f'(global_label {q(net[1:])} (shape bidirectional) (at {mm(x)} {mm(y)} {ang}) '
                              f'(fields_autoplaced yes) {eff} (uuid {q(uid(self.stem, key))}) '
                              f'(property "Intersheetrefs" "${{INTERSHEET_REFS}}" (at {mm(x)} {mm(y)} 0) {HIDE}))')
        elif net.startswith("^"):
            self.items.append(f'(hierarchical_label {q(net[1:])} (shape bidirectional) (at {mm(x)} {mm(y)} {ang}) '
                              f'{eff} (uuid {q(uid(self.stem, key))}))')
        else:
            eff = f'(effects (font (size 1.27 1.27)) (justify {just} bottom))'
            self.items.append(f'(label {q(net)} (at {mm(x)} {mm(y)} {ang}) (fields_autoplaced yes) {eff} '
                              f'(uuid {q(uid(self.stem, key))}))')

    def power(self, net, x, y, key):
        lib_id = power_lib_id(net)
        self.used.add(lib_id)
        self.pwr_count += 1
        refs = [f"#PWR{self.stem[:2].upper()}{self.pwr_count:03d}" + (f"_{line}" if line else "")
                for (_p, line, _pg) in self.instances]
        self.items.append(
            f'(symbol (lib_id {q(lib_id)}) (at {mm(x)} {mm(y)} 0) (unit 1) (exclude_from_sim no) '
            f'(in_bom no) (on_board yes) (dnp no) (uuid {q(uid(self.stem, key))}) '
            f'(property "Reference" {q(refs[0])} (at {mm(x)} {mm(y + 3.81)} 0) {HIDE}) '
            f'(property "Value" {q(net)} (at {mm(x)} {mm(y - 3.81)} 0) {HIDE}) '
            f'(property "Footprint" "" (at {mm(x)} {mm(y)} 0) {HIDE}) '
            f'(property "Datasheet" "" (at {mm(x)} {mm(y)} 0) {HIDE}) '
            f'(pin "1" (uuid {q(uid(self.stem, key, "pin"))})) {self.instances_block(refs)})')

    def part(self, ref, name, value, conns, extra, placements):
        """One part: each unit of its symbol at its (x, y), a label, power port or no-connect on every pin end."""
        part = PARTS[name]
        lib_id = part.get("sym", f"{LIB}:{name}")
        self.used.add(lib_id)
        pins_by = {}
        for p in part["pins"]:
            pins_by.setdefault(p[0], p)
        # connections may name a pin by number or by (unique) name
        names = {}
        for p in part["pins"]:
            names.setdefault(p[1], []).append(p[0])
        resolved = {}
        for k, net in conns.items():
            nums = [k] if k in pins_by else names.get(k, [])
            if not nums:
                raise SystemExit(f"{ref}: no pin {k} on {name}")
            for n in nums:
                resolved[n] = net
        missing = [p[0] for p in part["pins"] if p[0] not in resolved]
        if missing:
            raise SystemExit(f"{ref}: unconnected pins {missing}")
        refs = [self.ref(ref, line) for (_p, line, _pg) in self.instances]
        sim = extra.get("sim", False)
        # ordering data as symbol fields, so the BOM that kicad-cli exports carries them
        mfr, mpn, dist = ordering(part, value)
        fields = [("Footprint", footprint_id(part)), ("Datasheet", part["ds"]), ("Description", part["ds"]),
                  ("Manufacturer", mfr), ("MPN", mpn), ("Distributor PN", dist)]
        if sim and "sim" in part:
            model, pinmap = part["sim"]
            fields += [("Sim.Device", "SUBCKT"), ("Sim.Library", "${KIPRJMOD}/sim/openami-trip.lib"),
                       ("Sim.Name", model), ("Sim.Pins", pinmap)]
        fields += [(k, extra[k]) for k in ("Sim.Device", "Sim.Params") if k in extra]
        for (unit, pins, top, bottom), (x, y) in zip(units(name), placements):
            key = ref if unit == 1 else f"{ref}:unit{unit}"
            props = [("Reference", refs[0], 0, top + 1.27, False), ("Value", value, 0, bottom - 1.27, False)]
            props += [(k, v, 0, 0, True) for k, v in fields]
            ptxt = " ".join(f'(property {q(k)} {q(v)} (at {mm(x + dx)} {mm(y - dy)} 0) {HIDE if h else FONT})'
                            for k, v, dx, dy, h in props)
            pin_uuids = " ".join(f'(pin {q(n)} (uuid {q(uid(self.stem, key, "pin", n))}))' for n, *_r in pins)
            self.items.append(
                f'(symbol (lib_id {q(lib_id)}) (at {mm(x)} {mm(y)} 0) (unit {unit}) '
                f'(exclude_from_sim {"no" if sim else "yes"}) (in_bom {"yes" if part.get("bom", True) else "no"}) '
                f'(on_board yes) (dnp no) '
                f'(uuid {q(uid(self.stem, key))}) {ptxt} {pin_uuids} {self.instances_block(refs, unit)})')
            for num, px, py, ang in pins:
                ax, ay = x + px, y - py
                net = resolved[num]
                k2 = f"{key}:{num}"
                if net == "NC":
                    self.items.append(f'(no_connect (at {mm(ax)} {mm(ay)}) (uuid {q(uid(self.stem, k2))}))')
                elif net in POWER_NETS:
                    self.power(net, ax, ay, k2)
                else:
                    self.label(net, ax, ay, LABEL_ANGLE[ang], k2)

    def write(self, root_uuid, extra_items=(), paper="A1"):
        lib = [embedded(lib_id) for lib_id in sorted(self.used)]
        text = (f'(kicad_sch (version 20250114) (generator "eeschema") (generator_version "9.0") '
                f'(uuid {q(root_uuid)}) (paper {q(paper)})\n(lib_symbols\n' + "\n".join(lib) + ")\n"
                + "\n".join(list(self.items) + list(extra_items)) + "\n")
        if self.stem == PROJECT:
            text += '(sheet_instances (path "/" (page "1")))\n'
        text += "(embedded_fonts no))\n"
        with open(os.path.join(PRJ_DIR, self.stem + ".kicad_sch"), "w") as f:
            f.write(text)


def layout(sheet, circuit):
    """Places the parts of one sheet in columns, each unit of a multi-unit symbol below the previous one."""
    x0, y0, col_w, max_y = 40.64, 30.48, 86.36, 520
    x, y = x0, y0
    for ref, name, value, conns, extra in circuit:
        placements = []
        for _unit, _pins, top, bottom in units(name):
            h = top - bottom + 10.16
            if y + h > max_y:
                x, y = x + col_w, y0
            cy = round((y + top + 2.54) / 1.27) * 1.27
            placements.append((x, cy))
            y = cy - bottom + 7.62
        sheet.part(ref, name, value, conns, extra, placements)


def main():
    os.makedirs(os.path.join(PRJ_DIR, "lib"), exist_ok=True)
    write_library()
    root_uuid = uid("root")
    root = Sheet(PROJECT, [("/" + root_uuid, None, "1")])
    sheet_items = []
    page = 2
    blocks = [(stem, title, circuit, None) for stem, title, circuit in SHEETS]
    blocks += [("tenant_line", f"Line{n}", LINE, n) for n in range(1, LINES + 1)]
    line_instances = []
    for i, (stem, title, circuit, line) in enumerate(blocks):
        sh_uuid = uid("sheet", stem, str(line))
        path = f"/{root_uuid}/{sh_uuid}"
        hier = sorted({n[1:] for _r, _n, _v, c, _e in circuit for n in c.values() if n.startswith("^")})
        w, h = 50.8, max(12.7, (len(hier) + 1) * G)
        sx, sy = 25.4 + (i % 5) * 76.2, 25.4 + (i // 5) * 101.6
        pins = []
        for j, name in enumerate(hier):
            py = sy + (j + 1) * G
            pins.append(f'(pin {q(name)} bidirectional (at {mm(sx + w)} {mm(py)} 0) '
                        f'(uuid {q(uid(path, "pin", name))}) (effects (font (size 1.27 1.27)) (justify right)))')
            net = name if name in LINE_SHARED else f"{name}_{line}"
            root.label("@" + net, sx + w, py, 0, f"{path}:{name}")
        sheet_items.append(
            f'(sheet (at {mm(sx)} {mm(sy)}) (size {mm(w)} {mm(h)}) (exclude_from_sim no) (in_bom yes) '
            f'(on_board yes) (dnp no) (fields_autoplaced yes) (stroke (width 0.1524) (type solid)) '
            f'(fill (color 0 0 0 0.0000)) (uuid {q(sh_uuid)}) '
            f'(property "Sheetname" {q(title)} (at {mm(sx)} {mm(sy - 0.7)} 0) '
            f'(effects (font (size 1.27 1.27)) (justify left bottom))) '
            f'(property "Sheetfile" {q(stem + ".kicad_sch")} (at {mm(sx)} {mm(sy + h + 0.6)} 0) '
            f'(effects (font (size 1.27 1.27)) (justify left top))) '
            + " ".join(pins) +
            f' (instances (project {q(PROJECT)} (path {q("/" + root_uuid)} (page {q(str(page))})))))')
        page += 1
        if line is None:
            sheet = Sheet(stem, [(path, None, str(page - 1))])
            layout(sheet, circuit)
            # nets no power-output pin drives (sheets.FLAGS): flag them as driven
            for k, net in enumerate(FLAGS.get(stem, [])):
                sheet.used.add(power_lib_id("PWR_FLAG"))
                x, y = 502.92 + k * 12.7, 30.48
                if net in POWER_NETS:
                    sheet.power(net, x, y, f"flagnet{k}")
                else:
                    sheet.label(net, x, y, 90, f"flagnet{k}")
                sheet.items.append(
                    f'(symbol (lib_id {q(power_lib_id("PWR_FLAG"))}) (at {mm(x)} {mm(y)} 0) (unit 1) (exclude_from_sim no) '
                    f'(in_bom no) (on_board yes) (dnp no) (uuid {q(uid("flag", net))}) '
                    f'(property "Reference" "#FLG{stem[:2].upper()}{k + 1}" (at {mm(x)} {mm(y - 3.81)} 0) {HIDE}) '
                    f'(property "Value" "PWR_FLAG" (at {mm(x)} {mm(y + 3.81)} 0) {HIDE}) '
                    f'(property "Footprint" "" (at {mm(x)} {mm(y)} 0) {HIDE}) '
                    f'(property "Datasheet" "" (at {mm(x)} {mm(y)} 0) {HIDE}) '
                    f'(pin "1" (uuid {q(uid("flag", net, "pin"))})) '
                    f'(instances (project {q(PROJECT)} (path {q(path)} (reference "#FLG{stem[:2].upper()}{k + 1}") (unit 1)))))')
            sheet.write(uid("file", stem))
        else:
            line_instances.append((path, line, str(page - 1)))
    line_sheet = Sheet("tenant_line", line_instances)
    layout(line_sheet, LINE)
    line_sheet.write(uid("file", "tenant_line"))
    root.write(root_uuid, sheet_items, paper="A3")
    official = {p["sym"].split(":")[0] for p in PARTS.values() if "sym" in p}
    official |= {power_lib_id(n).split(":")[0] for n in POWER_NETS + ["PWR_FLAG"]} - {LIB}
    with open(os.path.join(PRJ_DIR, "sym-lib-table"), "w") as f:
        f.write(lib_table("sym_lib_table", f"${{KIPRJMOD}}/lib/{LIB}.kicad_sym", "KICAD9_SYMBOL_DIR", ".kicad_sym",
                          official))


if __name__ == "__main__":
    main()
