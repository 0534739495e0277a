#!/usr/bin/env bash
# Runs Paket with the feed taken from the machine's NuGet config, then puts the
# placeholder back into paket.lock so that no registry host is ever committed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PAKET_NUGET_SOURCE="${PAKET_NUGET_SOURCE:-$(dotnet nuget list source --format short | awk '$1 ~ /^E/ {print $2; exit}')}"
dotnet tool restore >/dev/null
status=0
dotnet paket "$@" || status=$?
if [ -f paket.lock ]; then
  sed -i 's|^  remote: .*|  remote: %PAKET_NUGET_SOURCE%|' paket.lock
fi
exit $status
