#!/usr/bin/env bash
# The project's test command (README.md; .ci/run calls exactly this). On a fresh Debian machine it installs
# what the tests need, builds everything for the host, runs the device-subset gate (every portable library
# compiled against the nanoFramework 1.x API surface, then a metadata scan), runs every xunit project
# (including the gate's negative check, the board checks and the installer page in chromium), and ends with one
# line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
gate_failures=0

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
bash tools/scripts/install-deps.sh || gate_failures=$((gate_failures + 1))

step "host build (net10.0, warnings as errors, banned-API analyzers)"
if ! dotnet build OpenAmi.Firmware.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "host build failed: no test can run"
  echo "0 passed, 1 failed"
  exit 1
fi

step "device-subset gate (nanoFramework 1.x API surface + metadata scan)"
bash tools/scripts/device-gate.sh || gate_failures=$((gate_failures + 1))

step "tests"
dotnet test OpenAmi.Firmware.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results"
test_exit=$?

step "summary"
read -r passed failed < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
print(passed, failed)
PY
)
failed=$((failed + gate_failures))
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner failed without reporting a failed test (crash, abort): never report green
fi
[ "$gate_failures" -gt 0 ] && echo "device-subset gate or dependency step failed ($gate_failures)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
