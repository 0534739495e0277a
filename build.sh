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

# The browser check renders the report in headless Chromium (Debian's package).
ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium for the browser check (apt-get)..." >&2
    if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}

# Notebooks run headlessly in dotnet-repl, whose bundled FSharp.Core (10.0) is older than Plotly.NET needs:
# put the FSharp.Core that Paket restored (10.1.403) into the tool's folder.
ensure_repl() {
  local packages tooldir core
  packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
  tooldir="$(ls -d "$packages"/dotnet-repl/*/tools/net*/any 2>/dev/null | tail -n 1)"
  core="$packages/fsharp.core/10.1.403/lib/netstandard2.1/FSharp.Core.dll"
  if [ -d "$tooldir" ] && [ -f "$core" ] && ! cmp -s "$core" "$tooldir/FSharp.Core.dll"; then
    cp "$core" "$tooldir/FSharp.Core.dll"
  fi
}

cmd="${1:-test}"
shift || true
case "$cmd" in
  build)
    build ;;
  test)
    ensure_chromium
    build
    ensure_repl
    # Expecto's own summary is followed by the plain line CI counts: "N passed, N failed, N skipped".
    dotnet run --project tests/AgentTokens.Tests -c "${CONFIGURATION:-Debug}" --no-build -- --no-spinner "$@" ;;
  report)
    # The main job: Astro when ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID and ASTRO_DEPLOYMENT_ID are set, else the sandbox.
    build
    dotnet run --project src/AgentTokens.Cli -c "${CONFIGURATION:-Debug}" --no-build -- report "$@" ;;
  bench)
    # Benchmarks: every figure a median of 5 runs, printed as ratios against baselines measured in the same run.
    restore
    dotnet build tests/AgentTokens.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly
    dotnet run --project tests/AgentTokens.Benchmarks -c Release --no-build -- "$@" ;;
  pack)
    # Packages with README, XML docs, symbols and SourceLink, versioned from git tags (MinVer), in artifacts/packages.
    restore
    rm -rf artifacts/packages
    dotnet pack AgentTokens.Functional.sln -c Release -o artifacts/packages -p:EnableSourceLink=true -v quiet -nologo -clp:ErrorsOnly
    ls -1 artifacts/packages ;;
  *)
    echo "usage: ./build.sh [test|report|bench|pack|build]" >&2
    exit 2 ;;
esac
