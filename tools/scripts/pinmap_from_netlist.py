#!/usr/bin/python3
"""Generates hardware/pinmap.json (ESP32 GPIO and MCP23017 bit assignments) from the schematic netlist.

The firmware's PinMap.cs is tested against this file, so the pin map has one source: the schematic.
Usage: pinmap_from_netlist.py NETLIST.net [OUT.json]   (netlist from
`kicad-cli sch export netlist --format kicadsexpr`; prints to stdout without OUT).
"""
import json
import re
import sys

from kicad_netlist import read_netlist

SCHEMATIC = "hardware/openami-pole-gateway/openami-pole-gateway.kicad_sch"
I2C_BASE = 0x20  # MCP23017 address = 0b0100_A2A1A0 (datasheet section 3.3.1)
LOGIC_HIGH = {"+3V3"}
LOGIC_LOW = {"GND"}


def short(net):
    """Drops the sheet path of local nets: '/MCU/STATUS_LED' -> 'STATUS_LED'."""
    return net.rsplit("/", 1)[-1]


def pins_by_ref(nets):
    table = {}
    for net, nodes in nets.items():
        for ref, pin, function in nodes:
            table.setdefault(ref, {})[function or pin] = net
    return table


def pin_map(components, nets):
    pins = pins_by_ref(nets)
    esp = [r for r, c in components.items() if c["part"] == "ESP32"]
    if len(esp) != 1:
        raise SystemExit(f"expected one ESP32 module, found {esp}")
    gpio = {}
    for function, net in pins[esp[0]].items():
        m = re.fullmatch(r"IO(\d+)", function)
        # no-connect pins and a net named after its own pin (an unlabelled strap)
        # are board plumbing, not firmware signals
        if m and not net.startswith("unconnected-") and short(net) != function:
            gpio[short(net)] = int(m.group(1))
    expanders = []
    for ref in sorted(r for r, c in components.items() if c["part"] == "MCP23017"):
        p = pins[ref]
        address = I2C_BASE
        for bit, name in enumerate(("A0", "A1", "A2")):
            level = p[name]
            if level not in LOGIC_HIGH | LOGIC_LOW:
                raise SystemExit(f"{ref} {name} is on {level}, not strapped to a rail")
            address |= (level in LOGIC_HIGH) << bit
        bits = {f"GP{port}{i}": short(p[f"GP{port}{i}"]) for port in "AB" for i in range(8)}
        expanders.append({"ref": ref, "i2cAddress": address, "pins": bits})
    return {"generatedFrom": SCHEMATIC, "gpio": dict(sorted(gpio.items(), key=lambda kv: kv[1])),
            "expanders": expanders}


def main(argv):
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__)
    text = json.dumps(pin_map(*read_netlist(argv[1])), indent=2) + "\n"
    if len(argv) == 3:
        with open(argv[2], "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)
