#!/usr/bin/env bash
# The device-subset gate: compile every portable library and the ESP32 adapters against the project's
# nanoFramework 1.x API surface (no BCL), then scan the output's metadata for generics.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

echo "device-gate: compiling portable libraries against firmware/nanoFramework.ApiSurface"
dotnet build firmware/DeviceBuild.proj --nologo -v quiet -clp:ErrorsOnly

dotnet build tools/OpenAmi.DeviceGate/OpenAmi.DeviceGate.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
mapfile -t assemblies < firmware/obj/device-assemblies.txt
dotnet tools/OpenAmi.DeviceGate/bin/Release/net10.0/openami-device-gate.dll "${assemblies[@]}"
