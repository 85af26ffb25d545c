#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Smoke test for the Raspberry Pi build on an x86-64 machine: publishes the self-contained linux-arm64
# build and runs `edge run --duration 2s` (emulator board) under qemu-user, then checks the exit code
# and that the output contains an expected marker. Used by CI to prove the Pi build starts and runs.
set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly APT_LINE="sudo apt-get update && sudo apt-get install -y qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--marker TEXT] [--duration 2s] [--command 'WORDS'] [--output DIR] [--no-build]
                     [--timeout SECONDS] [--sysroot DIR] [--env NAME=VALUE]... [--tail N]
                     [--dry-run] [--help] [-- EXTRA ARGUMENTS]

Publishes Edge for linux-arm64 (self-contained, via publish.sh) and runs it on this machine under
qemu-aarch64-static:
  qemu-aarch64-static -L SYSROOT OUTPUT/edge run --duration 2s [EXTRA...]
with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1, from OUTPUT as working directory. Passes when the exit
code is 0 and the output contains the marker.

Options:
  --marker TEXT      Text the output must contain (default: mailbox).
  --duration T       Value for 'edge run --duration' (default: 2s).
  --command 'WORDS'  Run these edge arguments instead of 'run --duration T', e.g. --command demo.
  --output DIR       Publish folder (default: artifacts/publish/edge-linux-arm64 in the repository).
  --no-build         Use the existing build in the publish folder.
  --timeout SECONDS  Kill the run after this long (default: 300; emulation is slow).
  --sysroot DIR      AArch64 libraries for qemu's -L (default: /usr/aarch64-linux-gnu).
  --env NAME=VALUE   Extra environment variable for the run (repeatable).
  --tail N           Lines of output to repeat on failure (default: 40).
  --dry-run          Print the commands instead of running them.
  -h, --help         Show this help.

Prerequisites (Debian/Ubuntu): $APT_LINE
EOF
}

# shellcheck source=common.sh
source "$SCRIPT_DIR/common.sh"

marker="mailbox"
duration="2s"
output=""
build=true
timeout_s=300
sysroot="/usr/aarch64-linux-gnu"
tail_lines=40
extra_env=()
extra_args=()
command_words=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --marker) [[ $# -ge 2 && -n "$2" ]] || usage_error "option --marker needs a value"; marker="$2"; shift 2 ;;
        --marker=*) marker="${1#*=}"; shift ;;
        --duration) need_value "$@"; duration="$2"; shift 2 ;;
        --duration=*) duration="${1#*=}"; shift ;;
        --output) need_value "$@"; output="$2"; shift 2 ;;
        --output=*) output="${1#*=}"; shift ;;
        --command) need_value "$@"; command_words="$2"; shift 2 ;;
        --command=*) command_words="${1#*=}"; shift ;;
        --no-build) build=false; shift ;;
        --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
        --timeout=*) timeout_s="${1#*=}"; shift ;;
        --sysroot) need_value "$@"; sysroot="$2"; shift 2 ;;
        --sysroot=*) sysroot="${1#*=}"; shift ;;
        --env) need_value "$@"; extra_env+=("$2"); shift 2 ;;
        --env=*) extra_env+=("${1#*=}"); shift ;;
        --tail) need_value "$@"; tail_lines="$2"; shift 2 ;;
        --tail=*) tail_lines="${1#*=}"; shift ;;
        --dry-run) DRY_RUN=true; shift ;;
        -h | --help) usage; exit 0 ;;
        --) shift; extra_args=("$@"); break ;;
        *) usage_error "unknown argument: $1" ;;
    esac
done

[[ -n "$marker" ]] || usage_error "--marker must not be empty"
[[ "$timeout_s" =~ ^[0-9]+$ && "$timeout_s" -gt 0 ]] || usage_error "invalid --timeout '$timeout_s' (seconds)"
[[ "$tail_lines" =~ ^[0-9]+$ ]] || usage_error "invalid --tail '$tail_lines'"
for kv in ${extra_env[@]+"${extra_env[@]}"}; do
    [[ "$kv" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || usage_error "invalid --env '$kv' (expected NAME=VALUE)"
done
if [[ -n "$output" ]]; then
    case "$output" in
        /*) ;;
        *) output="$PWD/$output" ;;
    esac
else
    output="$REPO_ROOT/artifacts/publish/edge-linux-arm64"
fi

# --- prerequisites -------------------------------------------------------------------------------
qemu=""
if command -v qemu-aarch64-static >/dev/null 2>&1; then
    qemu="qemu-aarch64-static"
elif command -v qemu-aarch64 >/dev/null 2>&1; then
    qemu="qemu-aarch64"
fi
problems=()
[[ -n "$qemu" ]] || problems+=("qemu-aarch64-static not found (package qemu-user-static)")
[[ -e "$sysroot/lib/ld-linux-aarch64.so.1" ]] ||
    problems+=("$sysroot/lib/ld-linux-aarch64.so.1 not found (package libc6-arm64-cross)")
[[ -e "$sysroot/lib/libstdc++.so.6" ]] ||
    problems+=("$sysroot/lib/libstdc++.so.6 not found (package libstdc++6-arm64-cross)")
command -v timeout >/dev/null 2>&1 || problems+=("'timeout' not found (package coreutils)")
if [[ ${#problems[@]} -gt 0 ]]; then
    if [[ "$DRY_RUN" == true ]]; then
        printf '%s: warning: %s (dry run: continuing)\n' "$SCRIPT_NAME" "${problems[@]}" >&2
        qemu="${qemu:-qemu-aarch64-static}"
    else
        die "missing prerequisites for running the arm64 build under emulation:" "${problems[@]}" \
            "Install them: $APT_LINE" \
            "(with a different AArch64 sysroot, pass --sysroot DIR)"
    fi
fi

# --- build ---------------------------------------------------------------------------------------
if [[ "$build" == true ]]; then
    publish_args=(--rid linux-arm64 --output "$output")
    [[ "$DRY_RUN" == true ]] && publish_args+=(--dry-run)
    "$SCRIPT_DIR/publish.sh" "${publish_args[@]}"
fi
if [[ "$DRY_RUN" != true ]]; then
    [[ -x "$output/edge" ]] || die "no build at $output/edge." \
        "Build it: $SCRIPT_DIR/publish.sh --rid linux-arm64 --output $output (or drop --no-build)."
    # ELF header: e_machine (offset 18, little-endian) is 0xB7 for AArch64.
    machine="$(od -An -tx1 -j18 -N2 -- "$output/edge" | tr -d ' \n')"
    [[ "$machine" == b700 ]] || die "$output/edge is not a linux-arm64 executable (ELF machine 0x$machine)." \
        "Rebuild it: $SCRIPT_DIR/publish.sh --rid linux-arm64 --output $output"
fi

# --- run -----------------------------------------------------------------------------------------
env_vars=(DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 ${extra_env[@]+"${extra_env[@]}"})
if [[ -n "$command_words" ]]; then
    read -r -a edge_args <<<"$command_words"
else
    edge_args=(run --duration "$duration")
fi
command_line=(env "${env_vars[@]}" timeout --kill-after=10 "$timeout_s"
    "$qemu" -L "$sysroot" "$output/edge" "${edge_args[@]}" ${extra_args[@]+"${extra_args[@]}"})

log "Running 'edge ${edge_args[*]}${extra_args[*]+ ${extra_args[*]}}' (linux-arm64) under $qemu (marker: '$marker', timeout ${timeout_s}s)"
if [[ "$DRY_RUN" == true ]]; then
    run cd "$output"
    run "${command_line[@]}"
    log "Dry run: nothing was run."
    exit 0
fi

log_file="$(mktemp /tmp/edge-smoke.XXXXXX)"
trap 'rm -f -- "$log_file"' EXIT
started=$SECONDS
set +e
(cd "$output" && "${command_line[@]}") 2>&1 | tee "$log_file"
rc=${PIPESTATUS[0]}
set -e
elapsed=$((SECONDS - started))

failure=""
if [[ "$rc" -eq 124 || "$rc" -eq 137 ]]; then
    failure="timed out after ${timeout_s}s (exit code $rc)"
elif [[ "$rc" -ne 0 ]]; then
    failure="exit code $rc"
elif ! grep -qF -- "$marker" "$log_file"; then
    failure="exit code 0 but the output does not contain '$marker'"
fi

if [[ -n "$failure" ]]; then
    printf '\n%s: FAILED: %s, after %ss under %s.\n' "$SCRIPT_NAME" "$failure" "$elapsed" "$qemu" >&2
    printf -- '--- last %s lines of output ---\n' "$tail_lines" >&2
    tail -n "$tail_lines" -- "$log_file" >&2
    printf -- '--- end of output ---\n' >&2
    exit 1
fi
log "PASSED: exit code 0, marker '$marker' found, ${elapsed}s under $qemu."
