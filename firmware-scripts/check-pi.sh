#!/usr/bin/env bash
# Run on the Raspberry Pi: reports what Edge needs, what is missing, and how to fix each item.
# Exit status: 0 when everything needed is there, 1 when something is missing, 2 on a usage error.
# Safe to run on any Linux machine; on a machine without GPIO or I2C it says so and exits 1.
set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
readonly REQUIRED_DOTNET_MAJOR=10

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME [--user NAME] [--rid auto|linux-arm64|linux-arm] [--skip-i2c] [--help]

Checks this machine for what Edge needs on a Raspberry Pi: OS architecture and the matching build,
libgpiod, GPIO character devices (/dev/gpiochip*), I2C devices (/dev/i2c-*), membership of the gpio
and i2c groups, and the .NET $REQUIRED_DOTNET_MAJOR runtime for the portable build. Prints a fix for each missing item.

Options:
  --user NAME    Check device access and groups for NAME instead of the current user
                 (for example the service user: --user edge).
  --rid RID      The build you intend to run: linux-arm64 (self-contained) or linux-arm (portable,
                 needs the .NET runtime). Default: auto, chosen from the OS architecture.
  --skip-i2c     Do not require I2C (for pipelines that use GPIO only).
  -h, --help     Show this help.

Exit status: 0 if everything needed is present, 1 if something is missing, 2 on a usage error.
EOF
}

usage_error() {
    printf '%s: %s\n' "$SCRIPT_NAME" "$1" >&2
    printf "Run '%s --help' for usage.\n" "$SCRIPT_NAME" >&2
    exit 2
}

need_value() {
    [[ $# -ge 2 && -n "$2" && "$2" != --* ]] || usage_error "option $1 needs a value"
}

check_user=""
rid="auto"
require_i2c=true
while [[ $# -gt 0 ]]; do
    case "$1" in
        --user) need_value "$@"; check_user="$2"; shift 2 ;;
        --user=*) check_user="${1#*=}"; shift ;;
        --rid) need_value "$@"; rid="$2"; shift 2 ;;
        --rid=*) rid="${1#*=}"; shift ;;
        --skip-i2c) require_i2c=false; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument: $1" ;;
    esac
done
case "$rid" in
    auto | linux-arm64 | linux-arm) ;;
    *) usage_error "unsupported --rid '$rid' (expected auto, linux-arm64 or linux-arm)" ;;
esac

current_user="$(id -un)"
[[ -n "$check_user" ]] || check_user="$current_user"
id -u "$check_user" >/dev/null 2>&1 || usage_error "user '$check_user' does not exist on this machine"

# --- reporting -----------------------------------------------------------------------------------
if [[ -t 1 ]]; then
    c_ok=$'\e[32m' c_fail=$'\e[31m' c_warn=$'\e[33m' c_off=$'\e[0m'
else
    c_ok="" c_fail="" c_warn="" c_off=""
fi
failures=0
warnings=0

# Prints the remaining arguments as indented fix lines.
fixes() {
    local line label="fix:"
    for line in "$@"; do
        printf '         %s %s\n' "$label" "$line"
        label="    "
    done
}
ok() { printf '  %s[ OK ]%s %s\n' "$c_ok" "$c_off" "$1"; }
info() { printf '  [INFO] %s\n' "$1"; }
fail() {
    printf '  %s[FAIL]%s %s\n' "$c_fail" "$c_off" "$1"
    shift
    fixes "$@"
    failures=$((failures + 1))
}
warn() {
    printf '  %s[WARN]%s %s\n' "$c_warn" "$c_off" "$1"
    shift
    fixes "$@"
    warnings=$((warnings + 1))
}
section() { printf '\n%s\n' "$1"; }

# Whether $check_user can read and write a device node. For the current user the kernel answers
# (test -r/-w); for another user, runuser answers when we are root, otherwise the mode bits do.
can_use() {
    local file="$1"
    if [[ "$check_user" == "$current_user" ]]; then
        [[ -r "$file" && -w "$file" ]]
        return
    fi
    if [[ "$(id -u)" -eq 0 ]] && command -v runuser >/dev/null 2>&1; then
        runuser -u "$check_user" -- test -r "$file" -a -w "$file"
        return
    fi
    [[ "$(id -u "$check_user")" -eq 0 ]] && return 0
    local owner group mode bits
    read -r owner group mode < <(stat -c '%U %G %a' -- "$file")
    if [[ "$owner" == "$check_user" ]]; then
        bits=$(((8#$mode >> 6) & 7))
    elif [[ " $(id -nG "$check_user") " == *" $group "* ]]; then
        bits=$(((8#$mode >> 3) & 7))
    else
        bits=$((8#$mode & 7))
    fi
    [[ $((bits & 6)) -eq 6 ]]
}

os_codename="" os_name="$(uname -s)"
if [[ -r /etc/os-release ]]; then
    # shellcheck source=/dev/null
    os_codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
    # shellcheck source=/dev/null
    os_name="$(. /etc/os-release && printf '%s' "${PRETTY_NAME:-$os_name}")"
fi
model=""
for f in /proc/device-tree/model /sys/firmware/devicetree/base/model; do
    if [[ -r "$f" ]]; then
        model="$(tr -d '\0' <"$f")"
        break
    fi
done
is_pi=false
[[ "$model" == *"Raspberry Pi"* ]] && is_pi=true

printf 'Edge requirements check for user %s on %s\n' "$check_user" "$(uname -n)"

# --- 1. OS and architecture ----------------------------------------------------------------------
section "Operating system"
machine="$(uname -m)"
userland=""
command -v dpkg >/dev/null 2>&1 && userland="$(dpkg --print-architecture 2>/dev/null || true)"
if [[ -z "$userland" ]]; then
    case "$machine:$(getconf LONG_BIT 2>/dev/null || echo 64)" in
        aarch64:64 | arm64:64) userland=arm64 ;;
        aarch64:32 | armv7l:* | armv8l:*) userland=armhf ;;
        armv6l:*) userland=armel ;;
        x86_64:*) userland=amd64 ;;
        *) userland="$machine" ;;
    esac
fi
if [[ "$is_pi" == true ]]; then
    ok "board: $model"
else
    info "board: ${model:-not a Raspberry Pi (no device-tree model)}; on a desktop use 'edge run --board emulator'"
fi
info "OS: $os_name, kernel $(uname -r) ($machine), user space $userland"
# The CPU by 'uname -m', not dpkg: on a Pi Zero / Zero W / Pi 1, 32-bit Raspberry Pi OS calls itself 'armhf'.
case "$machine" in
    armv6*)
        fail "ARMv6 CPU ($machine): .NET does not run on ARMv6 (Raspberry Pi 1, Zero, Zero W)" \
            "use a Raspberry Pi 2 or newer (Zero 2 W works) with Raspberry Pi OS (64-bit)"
        userland=armv6l
        ;;
esac
recommended=""
case "$userland" in
    arm64 | aarch64)
        recommended="linux-arm64"
        ok "64-bit ARM OS: use the self-contained linux-arm64 build (publish.sh --rid linux-arm64)"
        ;;
    armhf)
        recommended="linux-arm"
        ok "32-bit ARM OS: use the portable build (publish.sh --rid linux-arm), which needs the .NET $REQUIRED_DOTNET_MAJOR runtime"
        [[ "$machine" == aarch64 ]] && info "the kernel is 64-bit but the OS is 32-bit; Raspberry Pi OS (64-bit) would allow the self-contained build"
        ;;
    armv6l)
        : # reported above, by the CPU
        ;;
    armel)
        fail "ARMv6 OS ($userland): .NET does not run on ARMv6 (Raspberry Pi 1, Zero, Zero W)" \
            "use a Raspberry Pi 2 or newer (Zero 2 W works) with Raspberry Pi OS (64-bit)"
        ;;
    amd64 | x86_64)
        recommended="linux-x64"
        info "x86-64 machine: the self-contained linux-x64 build (publish.sh --rid linux-x64) runs here"
        ;;
    *)
        warn "unrecognised architecture '$userland'" "Edge is built for linux-arm64, linux-arm and linux-x64"
        ;;
esac
if [[ "$rid" == auto ]]; then
    rid="${recommended:-linux-arm64}"
elif [[ "$rid" == linux-arm64 && "$userland" != arm64 && "$userland" != aarch64 ]]; then
    fail "the linux-arm64 build cannot run on this $userland OS" \
        "use --rid linux-arm (portable build + .NET runtime), or flash Raspberry Pi OS (64-bit)"
fi

# --- 2. libgpiod ---------------------------------------------------------------------------------
section "libgpiod (GPIO library)"
case "$os_codename" in
    buster | bullseye | bookworm) gpiod_pkg="libgpiod2" ;;
    "") gpiod_pkg="" ;;
    *) gpiod_pkg="libgpiod3" ;;
esac
gpiod_fix="sudo apt-get install -y ${gpiod_pkg:-libgpiod3}"
[[ -n "$gpiod_pkg" && "$gpiod_pkg" == libgpiod3 ]] && gpiod_fix+="   (on Debian 12 'bookworm' or older: libgpiod2)"
[[ -z "$gpiod_pkg" ]] && gpiod_fix="install libgpiod with your package manager (Debian/Raspberry Pi OS: 'apt-cache policy libgpiod3 libgpiod2' shows which exists; install that one)"
ldconfig_bin="$(command -v ldconfig || true)"
[[ -z "$ldconfig_bin" && -x /sbin/ldconfig ]] && ldconfig_bin=/sbin/ldconfig
gpiod_libs=""
if [[ -n "$ldconfig_bin" ]]; then
    gpiod_libs="$("$ldconfig_bin" -p 2>/dev/null | grep -o 'libgpiod\.so\.[0-9][0-9]*' | sort -u | tr '\n' ' ' || true)"
fi
if [[ "$gpiod_libs" == *libgpiod.so.3* ]]; then
    ok "libgpiod.so.3 found: libgpiod v2 API"
fi
if [[ "$gpiod_libs" == *libgpiod.so.2* ]]; then
    ok "libgpiod.so.2 found: libgpiod v1 API"
fi
if [[ "$gpiod_libs" != *libgpiod.so.2* && "$gpiod_libs" != *libgpiod.so.3* ]]; then
    if [[ -z "$ldconfig_bin" ]]; then
        fail "cannot look for libgpiod: 'ldconfig' not found" "$gpiod_fix"
    else
        fail "libgpiod is not installed (no libgpiod.so.2 or libgpiod.so.3 in 'ldconfig -p')" "$gpiod_fix"
    fi
fi
if command -v gpiodetect >/dev/null 2>&1; then
    info "gpio tools: $(gpiodetect --version 2>/dev/null | head -n 1 || echo 'gpiodetect (version unknown)')"
else
    info "gpio tools not installed (optional, for gpiodetect/gpioinfo): sudo apt-get install -y gpiod"
fi

# --- 3. groups -----------------------------------------------------------------------------------
section "Groups of user $check_user"
db_groups=" $(id -nG "$check_user") "
session_groups=""
[[ "$check_user" == "$current_user" ]] && session_groups=" $(id -nG) "
group_ok() {
    local g="$1" what="$2"
    if [[ "$(id -u "$check_user")" -eq 0 ]]; then
        info "$check_user needs no group '$g' ($what); the service runs as an unprivileged user: check it with --user"
        return
    fi
    if ! getent group "$g" >/dev/null 2>&1; then
        if [[ "$is_pi" == true ]]; then
            fail "group '$g' does not exist (Raspberry Pi OS normally creates it)" \
                "sudo groupadd --system $g && sudo apt-get install --reinstall raspberrypi-sys-mods"
        else
            fail "group '$g' does not exist on this machine ($what)" \
                "sudo groupadd --system $g, then a udev rule giving it the devices (see firmware-scripts/README.md, troubleshooting)"
        fi
        return
    fi
    if [[ "$db_groups" != *" $g "* ]]; then
        fail "$check_user is not in group '$g' ($what)" \
            "sudo usermod -aG $g $check_user   (then log out and in again, or restart the service)"
    elif [[ -n "$session_groups" && "$session_groups" != *" $g "* ]]; then
        warn "$check_user was added to '$g' but this login session predates it" \
            "log out and in again (or reboot) so the new group applies"
    else
        ok "$check_user is in group '$g' ($what)"
    fi
}
group_ok gpio "GPIO chips"
if [[ "$require_i2c" == true ]]; then
    group_ok i2c "I2C buses"
fi

# --- 4. device nodes -----------------------------------------------------------------------------
# Checks that at least one node matching the glob exists and that $check_user can use the nodes.
check_devices() {
    local label="$1" group="$2"
    shift 2
    local nodes=("$@") usable=() unusable=() node
    for node in "${nodes[@]}"; do
        if can_use "$node"; then
            usable+=("$node")
        else
            unusable+=("$node")
        fi
    done
    if [[ ${#usable[@]} -gt 0 ]]; then
        ok "$label read/write for $check_user: ${usable[*]}"
    fi
    if [[ ${#unusable[@]} -gt 0 ]]; then
        local details=() n
        for n in "${unusable[@]}"; do
            details+=("$(stat -c '%n %U:%G %A' -- "$n")")
        done
        local fix_lines=()
        if [[ " $(id -nG "$check_user") " != *" $group "* ]]; then
            fix_lines+=("sudo usermod -aG $group $check_user, then log out and in again (or restart the service)")
        fi
        fix_lines+=("the nodes should be group '$group' with mode 0660 (crw-rw----); if not, add a udev rule (see firmware-scripts/README.md, troubleshooting)")
        if [[ ${#usable[@]} -gt 0 ]]; then
            warn "$label not accessible for $check_user (fine if Edge does not use them): ${details[*]}" "${fix_lines[@]}"
        else
            fail "$label exist but $check_user cannot read/write them: ${details[*]}" "${fix_lines[@]}"
        fi
    fi
}

section "GPIO"
shopt -s nullglob
gpiochips=(/dev/gpiochip*)
i2c_buses=(/dev/i2c-*)
shopt -u nullglob
if [[ ${#gpiochips[@]} -eq 0 ]]; then
    if [[ "$is_pi" == true ]]; then
        fail "no /dev/gpiochip* device" "update the kernel: sudo apt-get update && sudo apt-get full-upgrade && sudo reboot"
    else
        fail "no /dev/gpiochip* device: this machine has no GPIO character device" \
            "run Edge on a Raspberry Pi, or use the desktop emulator: edge run --board emulator"
    fi
else
    check_devices "GPIO chips" gpio "${gpiochips[@]}"
fi

section "I2C"
if [[ ${#i2c_buses[@]} -eq 0 ]]; then
    i2c_fixes=()
    if [[ "$is_pi" == true ]]; then
        config_txt=/boot/firmware/config.txt
        [[ -f "$config_txt" ]] || config_txt=/boot/config.txt
        i2c_fixes=("sudo raspi-config nonint do_i2c 0 && sudo reboot"
            "or add 'dtparam=i2c_arm=on' to $config_txt, make sure 'i2c-dev' is in /etc/modules, and reboot")
    else
        i2c_fixes=("load the driver if the machine has I2C: sudo modprobe i2c-dev"
            "on a desktop use the emulator: edge run --board emulator")
    fi
    if [[ "$require_i2c" == true ]]; then
        fail "no /dev/i2c-* device: I2C is disabled or absent" "${i2c_fixes[@]}"
    else
        info "no /dev/i2c-* device (not required: --skip-i2c)"
    fi
else
    check_devices "I2C buses" i2c "${i2c_buses[@]}"
fi

# --- 5. .NET runtime -----------------------------------------------------------------------------
section ".NET runtime"
dotnet_candidates=()
command -v dotnet >/dev/null 2>&1 && dotnet_candidates+=("$(command -v dotnet)")
[[ -n "${DOTNET_ROOT:-}" ]] && dotnet_candidates+=("$DOTNET_ROOT/dotnet")
dotnet_candidates+=(/usr/local/bin/dotnet /usr/bin/dotnet /opt/dotnet/dotnet /usr/share/dotnet/dotnet /usr/lib/dotnet/dotnet)
check_home="$(getent passwd "$check_user" | cut -d: -f6)"
[[ -n "$check_home" ]] && dotnet_candidates+=("$check_home/.dotnet/dotnet")
runtime_at=""
runtime_version=""
home_only=false
declare -A seen=()
for candidate in "${dotnet_candidates[@]}"; do
    [[ -x "$candidate" ]] || continue
    resolved="$(readlink -f "$candidate")"
    [[ -z "${seen[$resolved]:-}" ]] || continue
    seen[$resolved]=1
    version="$("$resolved" --list-runtimes 2>/dev/null | awk -v m="$REQUIRED_DOTNET_MAJOR" '$1 == "Microsoft.NETCore.App" && index($2, m ".") == 1 { print $2 }' | tail -n 1 || true)"
    [[ -n "$version" ]] || continue
    case "$resolved" in
        /home/* | /root/*)
            [[ -n "$runtime_at" ]] || { home_only=true; runtime_at="$resolved"; runtime_version="$version"; }
            ;;
        *)
            runtime_at="$resolved" runtime_version="$version" home_only=false
            break
            ;;
    esac
done
dotnet_fix=("curl -sSL https://dot.net/v1/dotnet-install.sh -o dotnet-install.sh"
    "sudo bash dotnet-install.sh --channel $REQUIRED_DOTNET_MAJOR.0 --runtime dotnet --install-dir /opt/dotnet"
    "sudo ln -sf /opt/dotnet/dotnet /usr/local/bin/dotnet && dotnet --list-runtimes")
if [[ "$rid" == linux-arm ]]; then
    if [[ -z "$runtime_at" ]]; then
        fail "the portable build needs the .NET $REQUIRED_DOTNET_MAJOR runtime; none found (Microsoft.NETCore.App $REQUIRED_DOTNET_MAJOR.x)" "${dotnet_fix[@]}"
    elif [[ "$home_only" == true ]]; then
        warn ".NET runtime $runtime_version found only at $runtime_at; a service (ProtectHome=yes) cannot use it" "${dotnet_fix[@]}"
    else
        ok ".NET runtime $runtime_version at $runtime_at (portable build)"
    fi
else
    if [[ -n "$runtime_at" ]]; then
        info ".NET runtime $runtime_version at $runtime_at (not needed by the self-contained $rid build)"
    else
        ok "no .NET runtime needed: the $rid build is self-contained"
    fi
fi

# --- 6. installed service (information only) -----------------------------------------------------
if command -v systemctl >/dev/null 2>&1 && [[ -f /etc/systemd/system/edge.service ]]; then
    section "Service"
    info "edge.service is installed; state: $(systemctl is-active edge 2>/dev/null || true) (journalctl -u edge -n 50 --no-pager)"
    if [[ -f /etc/edge/edge.json ]]; then
        info "settings: /etc/edge/edge.json (what the service runs; edit it, then sudo systemctl restart edge)"
    else
        warn "the service reads /etc/edge/edge.json, which is missing" "redeploy with firmware-scripts/deploy-pi.sh, which installs it"
    fi
fi

# --- summary -------------------------------------------------------------------------------------
printf '\n'
if [[ "$failures" -eq 0 ]]; then
    printf '%sEverything Edge needs is present%s (%d warning(s)). Build to use: %s\n' "$c_ok" "$c_off" "$warnings" "$rid"
    exit 0
fi
printf '%s%d item(s) missing%s, %d warning(s). Apply the fixes above and run %s again.\n' \
    "$c_fail" "$failures" "$c_off" "$warnings" "$SCRIPT_NAME"
exit 1
