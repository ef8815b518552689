#!/usr/bin/env bash
# Installs the Debian packages the tests need (real components, not mocks): mosquitto for the MQTT
# integration tests, ngspice and KiCad 9 for the board checks, openssl for the TLS test CA, node/npm
# for the schema validator, python3-pymodbus, socat and mbpoll as independent Modbus peers, chromium for
# the installer page's browser tests (Playwright drives it; no browser is downloaded).
# Idempotent: does nothing when everything is present. Needs root for apt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

missing=()
for tool in mosquitto:mosquitto mosquitto_sub:mosquitto-clients ngspice:ngspice openssl:openssl python3:python3 socat:socat mbpoll:mbpoll chromium:chromium; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
# Debian's pymodbus lives in the system interpreter, which the Modbus peer tests call as /usr/bin/python3.
/usr/bin/python3 -c "import pymodbus, serial_asyncio" >/dev/null 2>&1 || missing+=(python3-pymodbus python3-serial-asyncio)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing ${missing[*]} and not root; install them with apt-get (tests that need them will fail)" >&2
  else
    echo "install-deps: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ -x "$root/tools/scripts/install-hardware-tools.sh" ] || [ -f "$root/tools/scripts/install-hardware-tools.sh" ]; then
  bash "$root/tools/scripts/install-hardware-tools.sh"
fi
