#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Publishes the `edge` command (src/Edge.Cli) for a Linux target, with the board, pipeline, scenario and
# settings files and their schemas from hardware/ copied next to the binary.
#
#   linux-arm64  self-contained (Raspberry Pi 3/4/5 with a 64-bit OS); no .NET install needed on the Pi
#   linux-x64    self-contained (x86-64 Linux: desktop, CI, industrial PCs)
#   linux-arm    framework-dependent portable build for 32-bit Raspberry Pi OS; needs the .NET 10
#                runtime on the device and starts through the `edge` launcher script (dotnet edge.dll)
set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly MARKER_FILE=".edge-publish"
readonly REQUIRED_DOTNET_MAJOR=10

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--rid linux-arm64|linux-arm|linux-x64] [--output DIR] [--configuration Release]
                  [--project DIR] [--ready-to-run] [--dry-run] [--help]

Publishes the 'edge' command for a Linux target and copies hardware/boards, hardware/pipelines,
hardware/scenarios, hardware/settings and hardware/schemas into DIR/hardware.

Options:
  --rid RID              Target runtime (default: linux-arm64).
                           linux-arm64  self-contained, for Raspberry Pi OS 64-bit (Pi 3/4/5)
                           linux-x64    self-contained, for x86-64 Linux
                           linux-arm    framework-dependent portable build for Raspberry Pi OS 32-bit;
                                        the device needs the .NET $REQUIRED_DOTNET_MAJOR runtime
  --output DIR           Output folder (default: artifacts/publish/edge-RID in the repository).
                         An existing folder is replaced only if an earlier run of this script created it.
  --configuration NAME   Build configuration (default: Release).
  --project DIR          Project to publish, relative to the repository root (default: src/Edge.Cli).
  --ready-to-run         Precompile the application's assemblies (ReadyToRun) for faster start-up;
                         self-contained builds only, about 10% larger.
  --dry-run              Print the commands instead of running them.
  -h, --help             Show this help.

Examples:
  $SCRIPT_NAME --rid linux-arm64
  $SCRIPT_NAME --rid linux-arm --output /tmp/edge-arm
EOF
}

# shellcheck source=common.sh
source "$SCRIPT_DIR/common.sh"

# Runs a command, or prints it (shell-quoted) under --dry-run.

rid="linux-arm64"
output=""
configuration="Release"
project="src/Edge.Cli"
ready_to_run=false

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rid) need_value "$@"; rid="$2"; shift 2 ;;
        --rid=*) rid="${1#*=}"; shift ;;
        --output | -o) need_value "$@"; output="$2"; shift 2 ;;
        --output=*) output="${1#*=}"; shift ;;
        --configuration | -c) need_value "$@"; configuration="$2"; shift 2 ;;
        --configuration=*) configuration="${1#*=}"; shift ;;
        --project) need_value "$@"; project="$2"; shift 2 ;;
        --project=*) project="${1#*=}"; shift ;;
        --ready-to-run) ready_to_run=true; shift ;;
        --dry-run) DRY_RUN=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument: $1" ;;
    esac
done

case "$rid" in
    linux-arm64 | linux-x64) self_contained=true ;;
    linux-arm) self_contained=false ;;
    *) usage_error "unsupported --rid '$rid' (expected linux-arm64, linux-arm or linux-x64)" ;;
esac
[[ "$configuration" =~ ^[A-Za-z0-9_.-]+$ ]] || usage_error "invalid --configuration '$configuration'"
[[ "$ready_to_run" == false || "$self_contained" == true ]] ||
    usage_error "--ready-to-run needs a self-contained build (linux-arm64 or linux-x64), not $rid"

# A relative --output is relative to where the script was started; everything else to the repository.
[[ -n "$output" ]] || output="$REPO_ROOT/artifacts/publish/edge-$rid"
case "$output" in
    /*) ;;
    *) output="$PWD/$output" ;;
esac
output="${output%/}"
[[ -n "$output" && "$output" != "$REPO_ROOT" && "$output" != "${HOME:-/}" ]] ||
    usage_error "refusing to use '${output:-/}' as the output folder; choose a dedicated folder."

cd "$REPO_ROOT"

# --- prerequisites -------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK ('dotnet') was not found on PATH." \
    "Install the .NET $REQUIRED_DOTNET_MAJOR SDK: https://learn.microsoft.com/dotnet/core/install/linux" \
    "or: curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel $REQUIRED_DOTNET_MAJOR.0" \
    "then add \$HOME/.dotnet to PATH."
sdk_version="$(dotnet --version 2>/dev/null || true)"
sdk_major="${sdk_version%%.*}"
[[ "$sdk_major" =~ ^[0-9]+$ && "$sdk_major" -ge "$REQUIRED_DOTNET_MAJOR" ]] ||
    die "the .NET SDK ${sdk_version:-(unknown version)} is too old or not usable from $REPO_ROOT; version $REQUIRED_DOTNET_MAJOR or later is required." \
        "Install it: https://learn.microsoft.com/dotnet/core/install/linux" \
        "Check 'dotnet --list-sdks' and global.json in the repository root."
[[ -d "$project" ]] || die "project folder '$project' not found under $REPO_ROOT." \
    "Pass --project DIR, or run this script from a complete checkout."

if [[ -e "$output" ]]; then
    if [[ -f "$output/$MARKER_FILE" ]]; then
        log "Removing previous output $output"
        run rm -rf -- "$output"
    elif [[ -d "$output" && -z "$(ls -A -- "$output")" ]]; then
        : # empty folder: publish into it
    else
        die "'$output' exists and was not created by $SCRIPT_NAME." \
            "Remove it yourself or choose another folder with --output DIR."
    fi
fi

# --- publish -------------------------------------------------------------------------------------
# XML documentation files are for IDEs, not devices.
publish_args=(publish "$project" -c "$configuration" -o "$output" -nologo -p:PublishDocumentationFiles=false)
if [[ "$self_contained" == true ]]; then
    # Self-contained: the runtime travels with the app, nothing to install on the device.
    # PublishSingleFile=false keeps plain files (faster start, easy to inspect and patch on the device).
    publish_args+=(-r "$rid" --self-contained true -p:PublishSingleFile=false)
    [[ "$ready_to_run" == true ]] && publish_args+=(-p:PublishReadyToRun=true)
else
    # Portable, framework-dependent: no RID, so no runtime pack has to be restored. UseAppHost=false
    # stops the SDK from adding a native launcher for the *build* machine; ours is a shell script.
    publish_args+=(--self-contained false -p:UseAppHost=false)
fi

log "Publishing $project for $rid ($configuration, $([[ "$self_contained" == true ]] && echo self-contained || echo framework-dependent))"
run dotnet "${publish_args[@]}"

if [[ "$DRY_RUN" != true && ! -f "$output/edge.dll" ]]; then
    die "publish finished but $output/edge.dll is missing." \
        "Check that $project builds an assembly named 'edge' (AssemblyName in its project file)."
fi

# --- launcher for the portable build -------------------------------------------------------------
if [[ "$self_contained" != true ]]; then
    log "Writing launcher $output/edge"
    if [[ "$DRY_RUN" == true ]]; then
        printf '+ write %q (exec dotnet edge.dll "$@")\n' "$output/edge"
    else
        cat >"$output/edge" <<'LAUNCHER'
#!/bin/sh
# Starts the framework-dependent (portable) build of Edge. Needs the .NET 10 runtime:
# 'dotnet' on PATH, or DOTNET_ROOT pointing at the installation.
here=$(dirname "$(readlink -f "$0")")
if [ -n "${DOTNET_ROOT:-}" ] && [ -x "$DOTNET_ROOT/dotnet" ]; then
    exec "$DOTNET_ROOT/dotnet" "$here/edge.dll" "$@"
fi
exec dotnet "$here/edge.dll" "$@"
LAUNCHER
        chmod 0755 "$output/edge"
    fi
fi

# --- hardware files ------------------------------------------------------------------------------
run mkdir -p "$output/hardware"
copied=0
for kind in boards pipelines scenarios settings schemas; do
    if [[ -d "hardware/$kind" ]]; then
        run cp -R "hardware/$kind" "$output/hardware/"
        copied=$((copied + $(find "hardware/$kind" -type f -name '*.json' | wc -l)))
    else
        printf '%s: warning: hardware/%s not found; the package has no %s.\n' "$SCRIPT_NAME" "$kind" "$kind" >&2
    fi
done
if [[ "$copied" -eq 0 ]]; then
    printf '%s: warning: no board, pipeline or scenario files (*.json) under hardware/.\n' "$SCRIPT_NAME" >&2
fi

if [[ "$DRY_RUN" == true ]]; then
    printf '+ write %q\n' "$output/$MARKER_FILE"
    log "Dry run: nothing was built."
    exit 0
fi
printf 'rid=%s\nconfiguration=%s\nself_contained=%s\n' "$rid" "$configuration" "$self_contained" >"$output/$MARKER_FILE"

# --- summary -------------------------------------------------------------------------------------
size="$(du -sh -- "$output" | cut -f1)"
files="$(find "$output" -type f | wc -l)"
log "Published $rid build to $output ($size, $files files, $copied hardware files)"
if [[ "$self_contained" == true ]]; then
    printf '    run: %s/edge run --duration 5s\n' "$output"
else
    printf '    run: %s/edge run --duration 5s   (needs the .NET %s runtime: dotnet --list-runtimes)\n' \
        "$output" "$REQUIRED_DOTNET_MAJOR"
fi
