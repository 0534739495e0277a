#!/usr/bin/env bash
# The one entry point: ./build.sh [test|report|bench|pack|build]
# It restores its own tools and packages; on a fresh machine only the .NET SDK is needed.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Paket has no default feed: take the machine's enabled NuGet source (never written to a file).
export PAKET_NUGET_SOURCE="${PAKET_NUGET_SOURCE:-$(dotnet nuget list source --format short | awk '$1 ~ /^E/ {print $2; exit}')}"

restore() {
  dotnet tool restore >/dev/null
  dotnet paket restore >/dev/null
}

build() {
  restore
  dotnet build AgentTokens.Functional.sln -c "${CONFIGURATION:-Debug}" -v quiet -nologo -clp:ErrorsOnly
}

cmd="${1:-test}"
shift || true
case "$cmd" in
  build)
    build ;;
  test)
    build
    # Expecto's own summary is followed by the plain line CI counts: "N passed, N failed, N skipped".
    dotnet run --project tests/AgentTokens.Tests -c "${CONFIGURATION:-Debug}" --no-build -- --no-spinner "$@" ;;
  *)
    echo "usage: ./build.sh [test|build]" >&2
    exit 2 ;;
esac
