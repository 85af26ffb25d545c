#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Prepares a .NET nanoFramework board for Edge's portable IPC core and deploys an application to it.
#
# What runs on a microcontroller is the portable core only (src/Edge.Ipc, compiled for nanoFramework as
# src/Edge.Ipc.Nano); the CLI, the emulator and the Linux GPIO/I2C adapters do not. Steps:
#   1. flash the nanoFramework firmware (nanoCLR)      nanoff --target T --serialport P --update
#   2. build the core against nanoFramework's mscorlib  dotnet build src/Edge.Ipc.Nano -c Release
#   3. deploy an application image, if one is given     nanoff --target T --serialport P --deploy --image F
# The application image (.bin) comes from a nanoFramework application project built with the
# nanoFramework project system; see the explanation printed by step 2 and firmware-scripts/README.md.
set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly NANO_PROJECT="src/Edge.Ipc.Nano"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME --target TARGET_NAME --serial PORT [--image APP.bin] [--address HEX] [--baud N]
                     [--no-flash] [--no-build] [--configuration Release] [--dry-run] [--help]

Flashes .NET nanoFramework firmware onto a board, builds Edge's portable IPC core for nanoFramework
($NANO_PROJECT -> Edge.Ipc.Nano.dll) and deploys an application image that uses it.

Options:
  --target NAME          nanoFramework firmware target, e.g. ESP32_PSRAM_REV0, ESP32_REV0, ESP32_S3,
                         ESP32_C3 (list them: nanoff --listtargets --platform esp32).
  --serial PORT          Serial port of the board, e.g. /dev/ttyUSB0 or /dev/ttyACM0
                         (list them: nanoff --listports).
  --image FILE           Deployment image (.bin) of a nanoFramework application to deploy. Without it
                         the deploy step is skipped and the script explains how to produce one.
  --address HEX          Deployment address passed to nanoff (optional on ESP32, which has a default;
                         needed by targets such as STM32).
  --baud N               Serial baud rate for nanoff (nanoff's default is 1500000; try 115200 if
                         flashing fails).
  --no-flash             Skip flashing the firmware (the board already runs nanoFramework).
  --no-build             Skip building $NANO_PROJECT.
  --configuration NAME   Build configuration (default: Release).
  --dry-run              Print the commands instead of running them.
  -h, --help             Show this help.

Prerequisites: the .NET SDK (dotnet) and the nanoff tool (dotnet tool install -g nanoff), and
read/write access to the serial port (group dialout on Debian and Ubuntu).

Examples:
  $SCRIPT_NAME --target ESP32_PSRAM_REV0 --serial /dev/ttyUSB0
  $SCRIPT_NAME --target ESP32_S3 --serial /dev/ttyACM0 --no-flash --image MyApp/bin/Release/MyApp.bin
EOF
}

# shellcheck source=common.sh
source "$SCRIPT_DIR/common.sh"

# A missing prerequisite stops a real run; under --dry-run it is reported and the run goes on.
missing() {
    if [[ "$DRY_RUN" == true ]]; then
        warn "${1%.} (dry run: continuing)" "${@:2}"
    else
        die "$@"
    fi
}

target=""
serial=""
image=""
address=""
baud=""
flash=true
build=true
configuration="Release"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --target) need_value "$@"; target="$2"; shift 2 ;;
        --target=*) target="${1#*=}"; shift ;;
        --serial | --serialport) need_value "$@"; serial="$2"; shift 2 ;;
        --serial=* | --serialport=*) serial="${1#*=}"; shift ;;
        --image) need_value "$@"; image="$2"; shift 2 ;;
        --image=*) image="${1#*=}"; shift ;;
        --address) need_value "$@"; address="$2"; shift 2 ;;
        --address=*) address="${1#*=}"; shift ;;
        --baud) need_value "$@"; baud="$2"; shift 2 ;;
        --baud=*) baud="${1#*=}"; shift ;;
        --no-flash) flash=false; shift ;;
        --no-build) build=false; shift ;;
        --configuration | -c) need_value "$@"; configuration="$2"; shift 2 ;;
        --configuration=*) configuration="${1#*=}"; shift ;;
        --dry-run) DRY_RUN=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument: $1" ;;
    esac
done

uses_device=false
[[ "$flash" == true || -n "$image" ]] && uses_device=true
if [[ "$uses_device" == true ]]; then
    [[ -n "$target" ]] || usage_error "--target is required to flash or deploy (e.g. --target ESP32_PSRAM_REV0; list: nanoff --listtargets)"
    [[ -n "$serial" ]] || usage_error "--serial is required to flash or deploy (e.g. --serial /dev/ttyUSB0; list: nanoff --listports)"
fi
[[ -z "$target" || "$target" =~ ^[A-Za-z0-9_]+$ ]] || usage_error "invalid --target '$target' (firmware target names look like ESP32_S3)"
[[ -z "$address" || "$address" =~ ^0[xX][0-9A-Fa-f]+$ ]] || usage_error "invalid --address '$address' (hexadecimal, e.g. 0x1B0000)"
[[ -z "$baud" || "$baud" =~ ^[0-9]+$ ]] || usage_error "invalid --baud '$baud'"
[[ "$configuration" =~ ^[A-Za-z0-9_.-]+$ ]] || usage_error "invalid --configuration '$configuration'"
if [[ -n "$image" ]]; then
    case "$image" in
        /*) ;;
        *) image="$PWD/$image" ;;
    esac
fi
if [[ "$flash" == false && "$build" == false && -z "$image" ]]; then
    usage_error "nothing to do: --no-flash and --no-build without --image"
fi

[[ "$DRY_RUN" == true ]] && printf '%s: dry run: printing commands instead of running them.\n' "$SCRIPT_NAME"

# --- prerequisites -------------------------------------------------------------------------------
log "Checking prerequisites"
nanoff_cmd=""
if [[ "$uses_device" == true ]]; then
    if command -v nanoff >/dev/null 2>&1; then
        nanoff_cmd="nanoff"
    elif [[ -x "$HOME/.dotnet/tools/nanoff" ]]; then
        nanoff_cmd="$HOME/.dotnet/tools/nanoff"
        warn "nanoff is installed but not on PATH; using $nanoff_cmd" \
            "add it: export PATH=\"\$PATH:\$HOME/.dotnet/tools\""
    else
        nanoff_cmd="nanoff"
        missing "the nanoFramework flasher 'nanoff' was not found." \
            "Install it (needs the .NET SDK): dotnet tool install -g nanoff" \
            "then: export PATH=\"\$PATH:\$HOME/.dotnet/tools\"   (update later: dotnet tool update -g nanoff)"
    fi
    [[ -n "$nanoff_cmd" && "$DRY_RUN" != true ]] && printf '    nanoff: %s\n' "$("$nanoff_cmd" --help 2>&1 | head -n 1 || true)"

    if [[ ! -e "$serial" ]]; then
        missing "serial port $serial does not exist." \
            "Plug the board in (a data-capable USB cable) and list ports with: nanoff --listports" \
            "ESP32 boards usually appear as /dev/ttyUSB0 (USB-UART bridge) or /dev/ttyACM0 (native USB)."
    elif [[ ! -r "$serial" || ! -w "$serial" ]]; then
        port_group="$(stat -c %G -- "$serial" 2>/dev/null || echo dialout)"
        missing "no read/write access to $serial (group $port_group)." \
            "Add yourself to the group and log in again: sudo usermod -aG $port_group $(id -un)"
    else
        printf '    serial port: %s\n' "$serial"
    fi
fi
if [[ "$build" == true ]]; then
    if ! command -v dotnet >/dev/null 2>&1; then
        missing "the .NET SDK ('dotnet') was not found; it is needed to build $NANO_PROJECT." \
            "Install the .NET 10 SDK: https://learn.microsoft.com/dotnet/core/install/linux"
    fi
    [[ -d "$REPO_ROOT/$NANO_PROJECT" ]] || die "$NANO_PROJECT not found under $REPO_ROOT." "Run the script from a complete checkout."
fi
if [[ -n "$image" && ! -f "$image" ]]; then
    missing "deployment image $image not found." \
        "Build the nanoFramework application first; its .bin is in the project's bin/$configuration folder."
fi

nanoff_common=(--target "$target" --serialport "$serial")
[[ -n "$baud" ]] && nanoff_common+=(--baud "$baud")

# --- 1. firmware ---------------------------------------------------------------------------------
if [[ "$flash" == true ]]; then
    log "Flashing nanoFramework firmware $target on $serial"
    printf '    If the board does not answer, hold its BOOT button while flashing starts, or try --baud 115200.\n'
    run "$nanoff_cmd" "${nanoff_common[@]}" --update
else
    log "Skipping firmware flashing (--no-flash)"
fi

# --- 2. portable core ----------------------------------------------------------------------------
if [[ "$build" == true ]]; then
    log "Building the portable core for nanoFramework ($NANO_PROJECT, $configuration)"
    cd "$REPO_ROOT"
    run dotnet build "$NANO_PROJECT" -c "$configuration" -nologo
    if [[ "$DRY_RUN" == true ]]; then
        run dotnet msbuild "$NANO_PROJECT" -nologo -getProperty:TargetPath "-p:Configuration=$configuration"
    else
        core_dll="$(dotnet msbuild "$NANO_PROJECT" -nologo -getProperty:TargetPath "-p:Configuration=$configuration" | tail -n 1)"
        [[ -f "$core_dll" ]] || die "the build did not produce ${core_dll:-Edge.Ipc.Nano.dll}." \
            "Run 'dotnet build $NANO_PROJECT -c $configuration' and read its errors."
        printf '    built: %s (%s bytes)\n' "$core_dll" "$(wc -c <"$core_dll" | tr -d ' ')"
        printf '    against nanoFramework.CoreLibrary: %s\n' "$(dotnet msbuild "$NANO_PROJECT" -nologo -getProperty:PkgnanoFramework_CoreLibrary "-p:Configuration=$configuration" | tail -n 1)"
    fi
    cat <<EOF

    About this assembly: $NANO_PROJECT compiles the core's sources against nanoFramework's mscorlib
    with the ordinary .NET SDK. A successful build proves the core uses only what a microcontroller
    offers. It is a plain IL assembly: the device does not load .dll files but .pe files, which only
    the nanoFramework project system (nanoFramework.Tools.MetadataProcessor) produces.

    To run Edge's core on the board, use the nanoFramework project system: Visual Studio with the
    .NET nanoFramework extension, or VS Code with the nanoFramework extension (on Linux and macOS
    its build needs mono-complete with msbuild and the NuGet CLI). Either
      - create a nanoFramework class library project (.nfproj) that compiles the core's sources,
          <Compile Include="<repo>/src/Edge.Ipc/**/*.cs" Exclude="<repo>/src/Edge.Ipc/**/*.net.cs" />
        and reference it from your nanoFramework application, or
      - add those same sources to the application project itself.
    The nanoFramework build then produces the .pe files. The assembly built here has no .pe file,
    so it cannot be deployed as it is; it serves as the compatibility check.
    Building the application writes a deployment image, <App>.bin, to its bin/$configuration folder;
    pass it to this script with --image.
EOF
else
    log "Skipping the build of $NANO_PROJECT (--no-build)"
fi

# --- 3. application ------------------------------------------------------------------------------
if [[ -n "$image" ]]; then
    log "Deploying $image to $target on $serial"
    deploy_args=("${nanoff_common[@]}" --deploy --image "$image")
    [[ -n "$address" ]] && deploy_args+=(--address "$address")
    run "$nanoff_cmd" "${deploy_args[@]}"
    [[ "$DRY_RUN" == true ]] ||
        printf '    Deployed. The board restarts the application; watch its output in the serial monitor or the debugger.\n'
else
    log "No --image given: application deployment skipped"
    printf '    Deploy later with: %s --target %s --serial %s --no-flash --no-build --image <App>.bin\n' \
        "$SCRIPT_NAME" "${target:-TARGET}" "${serial:-PORT}"
fi

[[ "$DRY_RUN" == true ]] && log "Dry run complete: nothing was flashed, built or deployed."
exit 0
