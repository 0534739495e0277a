#!/usr/bin/env bash
# The one entry point: ./build.sh [test|test-fast|report|bench|pack|build|docs]
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

# Installs Debian packages when a command is missing: apt_install COMMAND PACKAGE... (the one place that calls apt-get).
apt_install() {
  local command="$1"
  shift
  if ! command -v "$command" >/dev/null 2>&1; then
    echo "Installing $* (apt-get) for $command..." >&2
    local sudo=""
    if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
  fi
}

# The browser checks render the report and the site in headless Chromium (Debian's package).
ensure_chromium() { apt_install chromium chromium; }

# The tool's linux-x64 package is compiled ahead of time (Native AOT), which links with the platform's C toolchain.
ensure_native_toolchain() {
  if ! command -v clang >/dev/null 2>&1; then apt_install gcc gcc zlib1g-dev; fi
}

# Notebooks run in Jupyter with the .NET Interactive kernel, as a user's Jupyter runs them: Debian's nbconvert and
# nbclient (the Python package index is not reachable here), and the kernel of the local tool in dotnet-tools.json.
ensure_jupyter() {
  apt_install jupyter-nbconvert jupyter-nbconvert python3-nbclient jupyter-client
  write_kernelspec
}

# Jupyter finds its kernels, and keeps its runtime files, under artifacts/jupyter: nothing is written outside the
# repository. The kernelspec starts the local tool's own entry point (the tool manifest pins its version), from any
# folder, with its own XDG folders (its PowerShell kernel keeps caches there). The kernel serves HTTP for its helpers on ports 2048-3000 whether or not --http-port-range is given (that
# is its default), on every network interface unless told --http-local-only: so it is told.
write_kernelspec() {
  local version packages entry
  version="$(sed -n '/"microsoft.dotnet-interactive"/,/}/ s/.*"version": "\([^"]*\)".*/\1/p' dotnet-tools.json)"
  # Where `dotnet tool restore` put the kernel: the NuGet package folder, which it may take to be the user's default
  # even when NUGET_PACKAGES names another one (a cold CI folder), so both are looked in.
  packages="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //; s|/*$||')"
  entry=""
  for candidate in "$packages"/microsoft.dotnet-interactive/"$version"/tools/net*/any/Microsoft.DotNet.Interactive.App.dll \
    "$HOME"/.nuget/packages/microsoft.dotnet-interactive/"$version"/tools/net*/any/Microsoft.DotNet.Interactive.App.dll; do
    if [ -z "$entry" ] && [ -f "$candidate" ]; then entry="$candidate"; fi
  done
  if [ -z "$entry" ]; then
    echo "The .NET Interactive kernel $version was not found after 'dotnet tool restore'." >&2
    exit 1
  fi
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
  test-fast)
    # The unit and property tests alone (tests/AgentTokens.Tests, list "fast"): nothing installed, no other program run.
    build
    dotnet run --project tests/AgentTokens.Tests -c "${CONFIGURATION:-Debug}" --no-build -- --no-spinner --filter AgentTokens.fast "$@" ;;
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
  docs)
    # The documentation site in artifacts/docs: the tours executed in the real kernel (with their outputs), the
    # README's guides, and the API reference from the XML docs (DocFX, a local tool in dotnet-tools.json).
    build
    ensure_jupyter
    executed="$PWD/artifacts/docs-notebooks"
    rm -rf "$executed"
    for notebook in notebooks/*.ipynb; do
      (cd notebooks && jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --output-dir "$executed" "$(basename "$notebook")" 2>&1 | tail -n 1)
    done
    dotnet fsi docs/site.fsx "${CONFIGURATION:-Debug}" "$executed" ;;
  pack)
    # Packages with README, XML docs, symbols and SourceLink, versioned from git tags (MinVer), in artifacts/packages.
    restore
    ensure_native_toolchain
    rm -rf artifacts/packages
    dotnet pack AgentTokens.Functional.sln -c Release -o artifacts/packages -p:EnableSourceLink=true -v quiet -nologo -clp:ErrorsOnly
    ls -1 artifacts/packages ;;
  *)
    echo "usage: ./build.sh [test|test-fast|report|bench|pack|build|docs]" >&2
    exit 2 ;;
esac
