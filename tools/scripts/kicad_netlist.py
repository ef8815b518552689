"""Reads a KiCad netlist exported with `kicad-cli sch export netlist --format kicadsexpr`.

Standard-library only, so it runs on CI's Debian python3 without KiCad's own python modules.
"""
import re

_TOKEN = re.compile(r'\(|\)|"(?:\\.|[^"\\])*"|[^\s()"]+')


def parse_sexpr(text):
    """Parses s-expression text into nested lists of strings (quotes removed)."""
    stack, cur = [], []
    for tok in _TOKEN.findall(text):
        if tok == "(":
            stack.append(cur)
            cur = []
        elif tok == ")":
            done, cur = cur, stack.pop()
            cur.append(done)
        elif tok.startswith('"'):
            cur.append(re.sub(r'\\(.)', r'\1', tok[1:-1]))
        else:
            cur.append(tok)
    return cur[0]


def children(node, key):
    return [c for c in node[1:] if isinstance(c, list) and c and c[0] == key]


def child(node, key):
    found = children(node, key)
    return found[0] if found else None


def value(node, key, default=None):
    c = child(node, key)
    return c[1] if c and len(c) > 1 else default


def read_netlist(path):
    """Returns (components, nets).

    components: {ref: {"value", "footprint", "sheet_names", "sheet_tstamps", "tstamp", "fields", "part"}}
    nets: {net name: [(ref, pin number, pin function)]}
    """
    with open(path, encoding="utf-8") as f:
        root = parse_sexpr(f.read())
    components = {}
    for comp in children(child(root, "components"), "comp"):
        sheet = child(comp, "sheetpath")
        fields = {value(fl, "name"): (fl[2] if len(fl) > 2 and isinstance(fl[2], str) else "")
                  for fl in children(child(comp, "fields") or ["fields"], "field")}
        components[value(comp, "ref")] = {
            "value": value(comp, "value"),
            "footprint": value(comp, "footprint"),
            "sheet_names": value(sheet, "names"),
            "sheet_tstamps": value(sheet, "tstamps"),
            "tstamp": value(comp, "tstamps"),
            "fields": fields,
            "part": value(child(comp, "libsource") or ["libsource"], "part"),
        }
    nets = {}
    for net in children(child(root, "nets"), "net"):
        nets[value(net, "name")] = [(value(n, "ref"), value(n, "pin"), value(n, "pinfunction", ""))
                                    for n in children(net, "node")]
    return components, nets
