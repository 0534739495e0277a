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

# The tool's linux-x64 package is compiled ahead of time (Native AOT), which links with the platform's C toolchain.
ensure_native_toolchain() {
  if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
    echo "Installing a C toolchain for the native tool (apt-get)..." >&2
    if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gcc zlib1g-dev >/dev/null
  fi
}

# Notebooks run in Jupyter with the .NET Interactive kernel, as a user's Jupyter runs them: Debian's nbconvert and
# nbclient (the Python package index is not reachable here), and the kernel of the local tool in dotnet-tools.json.
ensure_jupyter() {
  if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
    echo "Installing Jupyter's nbconvert for the notebook tests (apt-get)..." >&2
    if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq jupyter-nbconvert python3-nbclient jupyter-client >/dev/null
  fi
  write_kernelspec
}

# Jupyter finds its kernels, and keeps its runtime files, under artifacts/jupyter: nothing is written outside the
# repository. The kernelspec starts the local tool's own entry point (the tool manifest pins its version), from any
# folder, with its own XDG folders (its PowerShell kernel keeps caches there). The kernel serves HTTP for its helpers on ports 2048-3000 whether or not --http-port-range is given (that
# is its default), on every network interface unless told --http-local-only: so it is told.
write_kernelspec() {
  local version packages entry
  version="$(sed -n '/"microsoft.dotnet-interactive"/,/}/ s/.*"version": "\([^"]*\)".*/\1/p' dotnet-tools.json)"
  packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //; s|/*$||')"
  entry="$(ls "$packages"/microsoft.dotnet-interactive/"$version"/tools/net*/any/Microsoft.DotNet.Interactive.App.dll | tail -n 1)"
  kernelspec "$entry" fsharp "F#"
  kernelspec "$entry" csharp "C#"
}

# One kernelspec: .net-fsharp or .net-csharp, the names `dotnet interactive jupyter install` gives them.
kernelspec() {
  local entry="$1" kernel="$2" language="$3" folder="$PWD/artifacts/jupyter/kernels/.net-$2"
  mkdir -p "$folder"
  cat > "$folder/kernel.json" <<JSON
{
  "argv": ["dotnet", "$entry", "jupyter", "--default-kernel", "$kernel", "--http-local-only", "{connection_file}"],
  "display_name": ".NET ($language)",
  "language": "$language",
  "env": {"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
          "XDG_CACHE_HOME": "$PWD/artifacts/jupyter/home/cache", "XDG_DATA_HOME": "$PWD/artifacts/jupyter/home/data",
          "XDG_CONFIG_HOME": "$PWD/artifacts/jupyter/home/config"}
}
JSON
}
export JUPYTER_PATH="$PWD/artifacts/jupyter" JUPYTER_DATA_DIR="$PWD/artifacts/jupyter" \
  JUPYTER_CONFIG_DIR="$PWD/artifacts/jupyter/config" JUPYTER_RUNTIME_DIR="$PWD/artifacts/jupyter/runtime" \
  JUPYTER_PLATFORM_DIRS=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1

cmd="${1:-test}"
shift || true
case "$cmd" in
  build)
    build ;;
  test)
    ensure_chromium
    ensure_native_toolchain
    build
    ensure_jupyter
    # Expecto's own summary is followed by the plain line CI counts: "N passed, N failed, N skipped".
    dotnet run --project tests/AgentTokens.Tests -c "${CONFIGURATION:-Debug}" --no-build -- --no-spinner "$@" ;;
  report)
    # The main job: Astro when ASTRO_API_TOKEN, ASTRO_ORGANIZATION_ID and ASTRO_DEPLOYMENT_ID are set, else the sandbox.
    build
    dotnet run --project src/AgentTokens.Cli -c "${CONFIGURATION:-Debug}" --no-build -- report "$@" ;;
  bench)
    # Benchmarks: figures printed as measured, then as ratios against baselines measured in the same run.
    restore
    ensure_native_toolchain
    dotnet build tests/AgentTokens.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly
    ensure_jupyter
    dotnet run --project tests/AgentTokens.Benchmarks -c Release --no-build -- "$@" ;;
  pack)
    # Packages with README, XML docs, symbols and SourceLink, versioned from git tags (MinVer), in artifacts/packages.
    restore
    ensure_native_toolchain
    rm -rf artifacts/packages
    dotnet pack AgentTokens.Functional.sln -c Release -o artifacts/packages -p:EnableSourceLink=true -v quiet -nologo -clp:ErrorsOnly
    ls -1 artifacts/packages ;;
  *)
    echo "usage: ./build.sh [test|report|bench|pack|build]" >&2
    exit 2 ;;
esac
