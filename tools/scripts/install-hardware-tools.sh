#!/bin/sh
# Installs the tools the hardware checks shell out to: KiCad 9 (kicad-cli and Debian
# python3's pcbnew module) and KiCad's official symbol and footprint libraries (the schematic
# generator takes symbols, the board generator land patterns from them) from bookworm-backports,
# ngspice and python3 from Debian. Not kicad-packages3d (3D models, ~4.7 GB): only the renders
# need it (hardware/openami-pole-gateway/scripts/render_3d.py, run by hand).
# Bookworm's own kicad 6 has no kicad-cli, hence backports. Idempotent; run as root.
set -eu

have_tools() {
    command -v ngspice >/dev/null 2>&1 || return 1
    command -v kicad-cli >/dev/null 2>&1 || return 1
    kicad-cli version 2>/dev/null | grep -q '^9\.' || return 1
    /usr/bin/python3 -c 'import pcbnew' >/dev/null 2>&1 || return 1
    [ -d /usr/share/kicad/footprints/Converter_ACDC.pretty ] || return 1
    [ -f /usr/share/kicad/symbols/Device.kicad_sym ] || return 1
}

if have_tools; then
    echo "install-hardware-tools: kicad-cli $(kicad-cli version) and ngspice already present"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "install-hardware-tools: must run as root to install KiCad 9 and ngspice" >&2
    exit 1
fi

src=/etc/apt/sources.list.d/debian.sources
bp=/etc/apt/sources.list.d/bookworm-backports.sources
if [ ! -f "$bp" ] && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ -f "$src" ]; then
        # The first stanza of the image's sources names the mirror; reuse it for backports.
        awk 'BEGIN{RS="";ORS="\n"} NR==1{print; exit}' "$src" \
            | sed 's/^Suites:.*/Suites: bookworm-backports/' > "$bp"
    else
        printf '%s\n' "Types: deb" "URIs: http://deb.debian.org/debian" "Suites: bookworm-backports" \
            "Components: main" "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" > "$bp"
    fi
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends -t bookworm-backports kicad kicad-symbols kicad-footprints
apt-get install -y --no-install-recommends ngspice python3

have_tools || { echo "install-hardware-tools: tools still missing after install" >&2; exit 1; }
echo "install-hardware-tools: kicad-cli $(kicad-cli version), $(ngspice -v 2>/dev/null | grep -m1 -o 'ngspice-[0-9]*')"
