"""Reads symbols from KiCad's installed symbol libraries (kicad-symbols 9.0.8) for the schematic generator.

A symbol is taken as the library holds it and embedded the way KiCad embeds it in a schematic's lib_symbols:
named "Library:Name", a derived symbol (extends) flattened onto its parent's body and pins, its own fields kept.
The generator places the pins where the library has them, so wires and labels meet KiCad's own pin ends.
"""
import os
import re

SYMBOL_DIR = os.environ.get("KICAD9_SYMBOL_DIR", "/usr/share/kicad/symbols")
TOKEN = re.compile(r'\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+')


def parse(text):
    """S-expression text -> nested lists of tokens (strings keep their quotes)."""
    stack = [[]]
    for tok in TOKEN.findall(text):
        if tok == "(":
            stack.append([])
        elif tok == ")":
            node = stack.pop()
            stack[-1].append(node)
        else:
            stack[-1].append(tok)
    return stack[0][0]


def dump(node):
    if isinstance(node, str):
        return node
    return "(" + " ".join(dump(n) for n in node) + ")"


def unquote(tok):
    return tok[1:-1].replace('\\"', '"').replace("\\\\", "\\") if tok.startswith('"') else tok


def children(node, head):
    return [n for n in node if isinstance(n, list) and n and n[0] == head]


class SymbolLibraries:
    """Official symbols by "Library:Name", each library file parsed once."""

    def __init__(self, directory=SYMBOL_DIR):
        self.directory = directory
        self.libs = {}

    def _library(self, lib):
        if lib not in self.libs:
            path = os.path.join(self.directory, lib + ".kicad_sym")
            if not os.path.exists(path):
                raise SystemExit(f"KiCad symbol library {path} missing: install kicad-symbols "
                                 "(tools/scripts/install-hardware-tools.sh)")
            with open(path, encoding="utf-8") as f:
                root = parse(f.read())
            self.libs[lib] = {unquote(s[1]): s for s in children(root, "symbol")}
        return self.libs[lib]

    def has(self, lib_id):
        lib, name = lib_id.split(":")
        return name in self._library(lib)

    def symbol(self, lib_id):
        """The symbol as KiCad embeds it in a schematic: "Library:Name", derived symbols flattened."""
        lib, name = lib_id.split(":")
        symbols = self._library(lib)
        if name not in symbols:
            raise SystemExit(f"symbol {lib_id} not in KiCad's library {lib}")
        own = symbols[name]
        parents = children(own, "extends")
        body = own
        if parents:
            parent = symbols[unquote(parents[0][1])]
            base = unquote(parent[1])
            body = [n for n in parent if not (isinstance(n, list) and n and n[0] == "property")]
            body = [self._renamed(n, base, name) for n in body]
            props = children(own, "property")
            at = next(i for i, n in enumerate(body) if isinstance(n, list) and n[0] == "symbol")
            body = body[:at] + props + body[at:]
        return ["symbol", f'"{lib_id}"'] + body[2:]

    @staticmethod
    def _renamed(node, base, name):
        if isinstance(node, list) and node and node[0] == "symbol":
            unit = unquote(node[1])[len(base):]
            return ["symbol", f'"{name}{unit}"'] + node[2:]
        return node


def pins(symbol):
    """[(unit, number, name, x, y, angle)] of body style 1; unit 0 pins belong to every unit."""
    out = []
    for sub in children(symbol, "symbol"):
        unit, style = unquote(sub[1]).rsplit("_", 2)[1:]
        if style == "2":  # De Morgan alternate body: not placed
            continue
        for pin in children(sub, "pin"):
            at = children(pin, "at")[0]
            out.append((int(unit), unquote(children(pin, "number")[0][1]), unquote(children(pin, "name")[0][1]),
                        float(at[1]), float(at[2]), int(float(at[3])) if len(at) > 3 else 0))
    return out


def unit_count(symbol):
    return max([p[0] for p in pins(symbol)] + [1])
