#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Deploys Edge to a Raspberry Pi over ssh and runs it as the systemd service `edge`.
#
# Steps: build (publish.sh) -> check the Pi (CPU and OS architecture, sudo, .NET runtime for the portable
# build) -> copy the build, board, pipeline and scenario files -> create the service user (groups gpio, i2c)
# -> install the settings file once and the unit rendered from edge.service.in -> enable and restart
# -> check it is still running well past start-up, that a stop leaves its summary in the journal, and start it
# again -> show status and journal.
set -euo pipefail

readonly SCRIPT_NAME="${0##*/}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
readonly SERVICE_NAME="edge"
readonly UNIT_TEMPLATE="$SCRIPT_DIR/edge.service.in"
readonly SETTINGS_DEFAULT="$REPO_ROOT/hardware/settings/edge.json"
readonly SETTINGS_FILE="/etc/edge/edge.json"
readonly REQUIRED_DOTNET_MAJOR=10
# Remote folder (relative to the login user's home) where files are staged before installation.
readonly REMOTE_STAGE=".cache/edge-deploy"

usage() {
    cat <<EOF
Usage: $SCRIPT_NAME --host HOST [--user USER] [--port 22] [--target /opt/edge]
                    [--rid linux-arm64|linux-arm] [--pipeline FILE] [--board rpi]
                    [--service-user edge] [--build-dir DIR] [--settle SECONDS] [--no-build] [--dry-run]
                    [--help]

Builds Edge, copies it to a Raspberry Pi over ssh and installs it as the systemd service '$SERVICE_NAME',
running 'edge run --config $SETTINGS_FILE' as a dedicated system user. The settings file is installed
once, from hardware/settings/edge.json with the board and pipeline below, and never overwritten: edit it on
the Pi to change what runs.

Options:
  --host HOST            Pi host name or address (required). Host aliases from ~/.ssh/config work.
  --user USER            Login user on the Pi (default: from ~/.ssh/config, else your local user name).
                         The user needs sudo rights; Raspberry Pi OS gives them to the first user.
  --port PORT            ssh port (default: from ~/.ssh/config, else 22).
  --target DIR           Install folder on the Pi (default: /opt/edge). The previous install is kept
                         as DIR.previous.
  --rid RID              linux-arm64 (default): self-contained, for Raspberry Pi OS 64-bit.
                         linux-arm: portable build for Raspberry Pi OS 32-bit; needs the .NET
                         $REQUIRED_DOTNET_MAJOR runtime installed system-wide on the Pi.
  --pipeline FILE        Pipeline file to run (default: the only file in hardware/pipelines, if
                         there is exactly one). Installed as DIR/hardware/pipelines/NAME.json; named
                         in $SETTINGS_FILE when that file is first installed.
  --board NAME           Board (default: rpi): rpi, rpi4 or rpi5; named in a new $SETTINGS_FILE.
  --service-user NAME    System user the service runs as (default: edge); created if missing and
                         added to the gpio and i2c groups.
  --build-dir DIR        Publish folder (default: artifacts/publish/edge-RID in the repository).
  --settle SECONDS       How long the service must stay up after starting before the deploy counts it
                         as running (default: 45, longer than its 30 s watchdog).
  --no-build             Deploy the existing build in the publish folder instead of building.
  --dry-run              Print every command (local and remote) instead of running it.
  -h, --help             Show this help.

Examples:
  $SCRIPT_NAME --host raspberrypi.local --user pi --pipeline hardware/pipelines/temperature.json
  $SCRIPT_NAME --host 192.0.2.10 --rid linux-arm --dry-run
EOF
}

# shellcheck source=common.sh
source "$SCRIPT_DIR/common.sh"

# Quotes one argument for a POSIX shell (the remote login shell), with single quotes.
shell_quote() {
    local s="$1"
    if [[ "$s" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
        printf '%s' "$s"
    else
        printf "'%s'" "${s//\'/\'\\\'\'}"
    fi
}

# Joins arguments into one remote command line.
remote_cmd() {
    local out="" arg
    for arg in "$@"; do
        out+="${out:+ }$(shell_quote "$arg")"
    done
    printf '%s' "$out"
}

# --- options -------------------------------------------------------------------------------------
host=""
login_user=""
port=""
target="/opt/edge"
rid="linux-arm64"
pipeline=""
board="rpi"
service_user="edge"
build_dir=""
build=true
settle=45

while [[ $# -gt 0 ]]; do
    case "$1" in
        --host) need_value "$@"; host="$2"; shift 2 ;;
        --host=*) host="${1#*=}"; shift ;;
        --user) need_value "$@"; login_user="$2"; shift 2 ;;
        --user=*) login_user="${1#*=}"; shift ;;
        --port) need_value "$@"; port="$2"; shift 2 ;;
        --port=*) port="${1#*=}"; shift ;;
        --target) need_value "$@"; target="$2"; shift 2 ;;
        --target=*) target="${1#*=}"; shift ;;
        --rid) need_value "$@"; rid="$2"; shift 2 ;;
        --rid=*) rid="${1#*=}"; shift ;;
        --pipeline) need_value "$@"; pipeline="$2"; shift 2 ;;
        --pipeline=*) pipeline="${1#*=}"; shift ;;
        --board) need_value "$@"; board="$2"; shift 2 ;;
        --board=*) board="${1#*=}"; shift ;;
        --service-user) need_value "$@"; service_user="$2"; shift 2 ;;
        --service-user=*) service_user="${1#*=}"; shift ;;
        --build-dir) need_value "$@"; build_dir="$2"; shift 2 ;;
        --build-dir=*) build_dir="${1#*=}"; shift ;;
        --settle) need_value "$@"; settle="$2"; shift 2 ;;
        --settle=*) settle="${1#*=}"; shift ;;
        --no-build) build=false; shift ;;
        --dry-run) DRY_RUN=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument: $1" ;;
    esac
done

[[ -n "$host" ]] || usage_error "--host is required (the Pi's host name, address or ~/.ssh/config alias)"
[[ "$host" =~ ^[A-Za-z0-9._:%-]+$ && "$host" != -* ]] || usage_error "invalid --host '$host'"
[[ -z "$login_user" || "$login_user" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] || usage_error "invalid --user '$login_user'"
[[ -z "$port" || ( "$port" =~ ^[0-9]+$ && "$port" -ge 1 && "$port" -le 65535 ) ]] || usage_error "invalid --port '$port'"
case "$rid" in
    linux-arm64) portable=false ;;
    linux-arm) portable=true ;;
    *) usage_error "unsupported --rid '$rid' for a Raspberry Pi (expected linux-arm64 or linux-arm)" ;;
esac
target="${target%/}"
[[ "$target" =~ ^/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+$ ]] ||
    usage_error "invalid --target '$target': use an absolute path at least two levels deep, without spaces (e.g. /opt/edge)"
case "$board" in
    rpi | rpi4 | rpi5) ;;
    *) usage_error "invalid --board '$board' (rpi, rpi4 or rpi5)" ;;
esac
[[ "$settle" =~ ^[0-9]+$ && "$settle" -ge 1 && "$settle" -le 3600 ]] || usage_error "invalid --settle '$settle' (seconds, 1 to 3600)"
[[ "$service_user" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || usage_error "invalid --service-user '$service_user'"
[[ "$service_user" != root ]] || usage_error "--service-user must not be root; the service runs unprivileged"

dest="${login_user:+$login_user@}$host"

# Paths given on the command line are relative to where the script was started.
absolute() {
    case "$1" in
        /*) printf '%s' "$1" ;;
        *) printf '%s/%s' "$PWD" "$1" ;;
    esac
}
[[ -n "$build_dir" ]] && build_dir="$(absolute "$build_dir")"
[[ -n "$build_dir" ]] || build_dir="$REPO_ROOT/artifacts/publish/edge-$rid"

if [[ -z "$pipeline" ]]; then
    shopt -s nullglob
    candidates=("$REPO_ROOT"/hardware/pipelines/*.json)
    shopt -u nullglob
    if [[ ${#candidates[@]} -eq 1 ]]; then
        pipeline="${candidates[0]}"
    elif [[ ${#candidates[@]} -eq 0 ]]; then
        die "no --pipeline given and hardware/pipelines has no pipeline files." \
            "Pass --pipeline FILE (a pipeline JSON file)."
    else
        die "no --pipeline given and hardware/pipelines has several; choose one with --pipeline FILE:" \
            "${candidates[@]#"$REPO_ROOT"/}"
    fi
else
    pipeline="$(absolute "$pipeline")"
fi
pipeline_name="${pipeline##*/}"
[[ "$pipeline_name" =~ ^[A-Za-z0-9._-]+$ ]] ||
    usage_error "pipeline file name '$pipeline_name' may only contain letters, digits, '.', '_' and '-'"
if [[ ! -f "$pipeline" ]]; then
    [[ "$DRY_RUN" == true ]] || die "pipeline file '$pipeline' not found." \
        "Pass --pipeline FILE; the repository's pipelines are in hardware/pipelines."
    warn "pipeline file '$pipeline' not found (dry run: continuing)"
fi
remote_pipeline="$target/hardware/pipelines/$pipeline_name"

# --- local prerequisites -------------------------------------------------------------------------
command -v ssh >/dev/null 2>&1 || die "'ssh' not found." "Install the OpenSSH client: sudo apt-get install -y openssh-client"
[[ -f "$UNIT_TEMPLATE" ]] || die "unit template $UNIT_TEMPLATE is missing." "Restore it from the repository."
[[ -f "$SETTINGS_DEFAULT" ]] || die "default settings $SETTINGS_DEFAULT are missing." "Restore them from the repository."
for helper in publish.sh check-pi.sh; do
    [[ -f "$SCRIPT_DIR/$helper" ]] || die "$SCRIPT_DIR/$helper is missing." "Restore it from the repository."
done
use_rsync=false
if command -v rsync >/dev/null 2>&1; then
    use_rsync=true
else
    warn "'rsync' not found locally; copying with scp (slower, no incremental copy). Install: sudo apt-get install -y rsync"
fi

# --- ssh plumbing --------------------------------------------------------------------------------
# One shared connection (ControlMaster) so the password or key passphrase is asked for at most once.
# conn_opts are shared by ssh, scp and rsync; ssh_opts add the port in ssh's spelling.
ctl_dir=""
conn_opts=(-o ConnectTimeout=15 -o ServerAliveInterval=15)
if [[ "$DRY_RUN" != true ]]; then
    ctl_dir="$(mktemp -d /tmp/edge-ssh.XXXXXX)"
    conn_opts+=(-o ControlMaster=auto -o "ControlPath=$ctl_dir/%C" -o ControlPersist=120)
fi
# The port is passed only when given, so a Port in ~/.ssh/config still applies.
ssh_opts=(${port:+-p "$port"} "${conn_opts[@]}")
scp_opts=(${port:+-P "$port"} "${conn_opts[@]}")
tty_opts=()

cleanup() {
    if [[ -n "$ctl_dir" ]]; then
        ssh "${ssh_opts[@]}" -O exit "$dest" >/dev/null 2>&1 || true
        rm -rf -- "$ctl_dir"
    fi
}
trap cleanup EXIT

show_port() {
    [[ -z "$port" ]] || printf ' -p %s' "$port"
}

# Runs a command line on the Pi (or prints it under --dry-run).
remote() {
    if [[ "$DRY_RUN" == true ]]; then
        printf '+ ssh%s %s %s\n' "$(show_port)" "$dest" "$(shell_quote "$1")"
        return 0
    fi
    # shellcheck disable=SC2029 # $1 is a complete remote command line, quoted by remote_cmd.
    ssh "${ssh_opts[@]}" ${tty_opts[@]+"${tty_opts[@]}"} "$dest" "$1"
}

# Runs a query on the Pi and prints its output; under --dry-run prints the command to stderr and
# outputs the assumed answer given as the second argument.
remote_query() {
    if [[ "$DRY_RUN" == true ]]; then
        printf '+ ssh%s %s %s   # assumed: %s\n' "$(show_port)" "$dest" "$(shell_quote "$1")" "$2" >&3
        printf '%s\n' "$2"
        return 0
    fi
    # shellcheck disable=SC2029 # $1 is a complete remote command line.
    ssh "${ssh_opts[@]}" "$dest" "$1"
}

# Runs a local command (or prints it under --dry-run).

# Copies a local file or folder to a remote path (rsync, else scp).
copy_to_pi() {
    local source="$1" remote_path="$2"
    if [[ "$use_rsync" == true && "$remote_rsync" == true ]]; then
        local rsh
        rsh="ssh$(printf ' %q' "${ssh_opts[@]}")"
        run rsync -az --delete -e "$rsh" "$source" "$dest:$remote_path"
    elif [[ -d "$source" ]]; then
        run scp -q -r "${scp_opts[@]}" "${source%/}" "$dest:${remote_path%/}"
    else
        run scp -q "${scp_opts[@]}" "$source" "$dest:$remote_path"
    fi
}

# fd 3 is the terminal-facing stdout, also inside $(...) captures (used by remote_query).
exec 3>&1
[[ "$DRY_RUN" == true ]] && printf '%s: dry run: printing commands instead of running them.\n' "$SCRIPT_NAME"

# --- 1. build ------------------------------------------------------------------------------------
if [[ "$build" == true ]]; then
    log "Building $rid"
    publish_args=(--rid "$rid" --output "$build_dir")
    [[ "$DRY_RUN" == true ]] && publish_args+=(--dry-run)
    "$SCRIPT_DIR/publish.sh" "${publish_args[@]}"
else
    log "Using the existing build in $build_dir"
    if [[ ! -x "$build_dir/edge" || ! -f "$build_dir/.edge-publish" ]]; then
        [[ "$DRY_RUN" == true ]] || die "no build found in $build_dir." \
            "Build it: $SCRIPT_DIR/publish.sh --rid $rid --output $build_dir" "or drop --no-build."
        warn "no build in $build_dir (dry run: continuing)"
    elif ! grep -qx "rid=$rid" "$build_dir/.edge-publish"; then
        die "the build in $build_dir is not a $rid build ($(grep '^rid=' "$build_dir/.edge-publish" || echo 'unknown'))." \
            "Rebuild: $SCRIPT_DIR/publish.sh --rid $rid --output $build_dir"
    fi
fi
if [[ "$DRY_RUN" != true && ! -f "$build_dir/hardware/boards/$board.json" ]]; then
    warn "board profile hardware/boards/$board.json is not in the build; 'edge run --board $board' must know it."
fi

# --- 2. check the Pi -----------------------------------------------------------------------------
log "Checking $dest"
if [[ "$DRY_RUN" != true ]]; then
    ssh "${ssh_opts[@]}" "$dest" true || die "cannot connect to $dest${port:+ on port $port}." \
        "Check that the Pi is on and reachable (ping $host), that ssh is enabled" \
        "(sudo raspi-config nonint do_ssh 0, or enable SSH in Raspberry Pi Imager), and the user name (--user)." \
        "Key login is recommended: ssh-copy-id${port:+ -p $port} $dest"
fi

# The CPU by 'uname -m': on a Pi Zero / Zero W / Pi 1, 32-bit Raspberry Pi OS says 'armhf' to dpkg (its
# packages are built for ARMv6 anyway), but the CPU is ARMv6, which .NET does not support.
machine="$(remote_query 'uname -m' "$([[ "$rid" == linux-arm64 ]] && echo aarch64 || echo armv7l)")"
case "$machine" in
    armv6*) die "the Pi's CPU is ARMv6 ($machine: a Raspberry Pi 1, Zero or Zero W); .NET does not run on ARMv6." \
        "Use a Raspberry Pi 2 or newer; the Zero 2 W works (with Raspberry Pi OS 64-bit)." ;;
    aarch64 | arm64 | armv7* | armv8*) ;;
    *) die "the host reports CPU '$machine'; this is not a Raspberry Pi." \
        "Check --host. For x86-64 Linux machines use publish.sh --rid linux-x64 and install manually." ;;
esac
userland="$(remote_query 'dpkg --print-architecture 2>/dev/null || uname -m' "$([[ "$rid" == linux-arm64 ]] && echo arm64 || echo armhf)")"
case "$userland" in
    arm64 | aarch64)
        [[ "$rid" == linux-arm64 ]] ||
            printf '    The Pi runs a 64-bit OS: --rid linux-arm64 (self-contained) would not need a .NET install.\n'
        ;;
    armhf | armel | armv7l)
        [[ "$rid" == linux-arm ]] || die "the Pi runs a 32-bit OS ($userland); the linux-arm64 build cannot run there." \
            "Either deploy the portable build: $SCRIPT_NAME --rid linux-arm ... (needs the .NET $REQUIRED_DOTNET_MAJOR runtime on the Pi)," \
            "or flash Raspberry Pi OS (64-bit) with Raspberry Pi Imager (Pi 3, 4, 5, Zero 2 W)."
        ;;
    *) die "the host reports architecture '$userland'; this is not a Raspberry Pi OS on ARM." \
        "Check --host. For x86-64 Linux machines use publish.sh --rid linux-x64 and install manually." ;;
esac
printf '    CPU %s, OS architecture %s (build %s)\n' "$machine" "$userland" "$rid"

if [[ "$DRY_RUN" != true ]]; then
    if ! ssh "${ssh_opts[@]}" "$dest" 'sudo -n true' 2>/dev/null; then
        if [[ -t 0 ]]; then
            warn "sudo on $dest asks for a password; you may be asked for it at each step."
            tty_opts=(-t)
        else
            die "'sudo' on $dest needs a password and there is no terminal to type it in." \
                "Run this script from a terminal, or allow passwordless sudo for the deploying user on the Pi:" \
                "on the Pi run 'sudo visudo -f /etc/sudoers.d/010-edge-deploy' and add: ${login_user:-USER} ALL=(ALL) NOPASSWD: ALL"
        fi
    fi
fi

remote_rsync=false
if [[ "$use_rsync" == true ]]; then
    if [[ "$(remote_query 'command -v rsync >/dev/null 2>&1 && echo yes || echo no' yes)" == yes ]]; then
        remote_rsync=true
    else
        warn "rsync is not installed on the Pi; copying with scp. Install on the Pi: sudo apt-get install -y rsync"
    fi
fi

# shellcheck disable=SC2016 # expands on the Pi, not here.
groups_found="$(remote_query 'for g in gpio i2c; do getent group "$g" >/dev/null 2>&1 && printf "%s " "$g"; done; echo' 'gpio i2c')"
read -r -a device_groups <<<"$groups_found"
for g in gpio i2c; do
    [[ " ${device_groups[*]:-} " == *" $g "* ]] || warn "group '$g' does not exist on the Pi; the service will run without it." \
        "Raspberry Pi OS creates it; on other systems see firmware-scripts/README.md (troubleshooting)."
done

dotnet_env="# DOTNET_ROOT is not needed: the build is self-contained."
if [[ "$portable" == true ]]; then
    # The service user cannot see /home or /root (ProtectHome=yes), so a runtime there does not count.
    # shellcheck disable=SC2016 # expands on the Pi, not here.
    find_dotnet='for d in "$(command -v dotnet 2>/dev/null)" /usr/local/bin/dotnet /usr/bin/dotnet /opt/dotnet/dotnet /usr/share/dotnet/dotnet /usr/lib/dotnet/dotnet; do
  [ -n "$d" ] && [ -x "$d" ] || continue
  r=$(readlink -f "$d")
  case "$r" in /home/*|/root/*) continue ;; esac
  if "$r" --list-runtimes 2>/dev/null | grep -q "^Microsoft.NETCore.App '"$REQUIRED_DOTNET_MAJOR"'\."; then dirname "$r"; exit 0; fi
done
echo none'
    dotnet_root="$(remote_query "$find_dotnet" /opt/dotnet)"
    if [[ "$dotnet_root" == none || -z "$dotnet_root" ]]; then
        die "the .NET $REQUIRED_DOTNET_MAJOR runtime was not found system-wide on $dest ('dotnet --list-runtimes' shows no Microsoft.NETCore.App $REQUIRED_DOTNET_MAJOR.x)." \
            "The portable (linux-arm) build needs it. Install it on the Pi, for all users:" \
            "  curl -sSL https://dot.net/v1/dotnet-install.sh -o dotnet-install.sh" \
            "  sudo bash dotnet-install.sh --channel $REQUIRED_DOTNET_MAJOR.0 --runtime dotnet --install-dir /opt/dotnet" \
            "  sudo ln -sf /opt/dotnet/dotnet /usr/local/bin/dotnet" \
            "  dotnet --list-runtimes" \
            "(see https://learn.microsoft.com/dotnet/iot/deployment). A runtime under /home is not visible to the service." \
            "Or use Raspberry Pi OS 64-bit and --rid linux-arm64, which needs no runtime."
    fi
    printf '    .NET %s runtime: %s\n' "$REQUIRED_DOTNET_MAJOR" "$dotnet_root"
    dotnet_env="Environment=DOTNET_ROOT=$dotnet_root"
fi

# --- 3. render the unit --------------------------------------------------------------------------
render_dir="$(mktemp -d /tmp/edge-unit.XXXXXX)"
trap 'cleanup; rm -rf -- "$render_dir"' EXIT
unit_file="$render_dir/$SERVICE_NAME.service"
sed -e "s|@TARGET@|$target|g" \
    -e "s|@SERVICE_USER@|$service_user|g" \
    -e "s|@SUPPLEMENTARY_GROUPS@|${device_groups[*]:-}|g" \
    -e "s|@BOARD@|$board|g" \
    -e "s|@PIPELINE@|$remote_pipeline|g" \
    -e "s|@PIPELINE_NAME@|$pipeline_name|g" \
    -e "s|@DOTNET_ENVIRONMENT@|$dotnet_env|g" \
    -e "s|@SETTINGS@|$SETTINGS_FILE|g" \
    "$UNIT_TEMPLATE" >"$unit_file"
if grep -q '@[A-Z_]*@' "$unit_file"; then
    die "unrendered placeholders left in the unit: $(grep -o '@[A-Z_]*@' "$unit_file" | sort -u | tr '\n' ' ')" \
        "Update $SCRIPT_NAME to fill them."
fi
# The default settings with this deploy's board and pipeline; installed only if the Pi has none yet.
settings_file="$render_dir/edge.json"
sed -e "s|\"board\": \"rpi\"|\"board\": \"$board\"|" \
    -e "s|\"/opt/edge/hardware/pipelines/weather-station.json\"|\"$remote_pipeline\"|" \
    -e "s|\"\\.\\./schemas/settings.schema.json\"|\"$target/hardware/schemas/settings.schema.json\"|" \
    "$SETTINGS_DEFAULT" >"$settings_file"
if ! grep -q "\"board\": \"$board\"" "$settings_file" || ! grep -q "\"pipeline\": \"$remote_pipeline\"" "$settings_file"; then
    die "could not set the board and pipeline in the default settings (hardware/settings/edge.json changed?)." \
        "It must contain \"board\": \"rpi\" and \"pipeline\": \"/opt/edge/hardware/pipelines/weather-station.json\"."
fi
if [[ "$DRY_RUN" == true ]]; then
    log "Rendered $SERVICE_NAME.service"
    sed 's/^/    | /' "$unit_file"
    log "Rendered default $SETTINGS_FILE (installed only if the Pi has none)"
    sed 's/^/    | /' "$settings_file"
fi

# --- 4. copy -------------------------------------------------------------------------------------
log "Copying the build to $dest:$REMOTE_STAGE ($([[ "$use_rsync" == true && "$remote_rsync" == true ]] && echo rsync || echo scp))"
remote "$(remote_cmd rm -rf "$REMOTE_STAGE") && $(remote_cmd mkdir -p "$REMOTE_STAGE")"
copy_to_pi "$build_dir/" "$REMOTE_STAGE/build/"
remote "$(remote_cmd mkdir -p "$REMOTE_STAGE/build/hardware/pipelines")"
copy_to_pi "$pipeline" "$REMOTE_STAGE/build/hardware/pipelines/$pipeline_name"
copy_to_pi "$SCRIPT_DIR/check-pi.sh" "$REMOTE_STAGE/build/check-pi.sh"
copy_to_pi "$unit_file" "$REMOTE_STAGE/$SERVICE_NAME.service"
copy_to_pi "$settings_file" "$REMOTE_STAGE/edge.json"

# --- 5. service user -----------------------------------------------------------------------------
log "Service user '$service_user'"
remote "id -u $(shell_quote "$service_user") >/dev/null 2>&1 || $(remote_cmd sudo useradd --system --user-group \
    --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$service_user")"
if [[ ${#device_groups[@]} -gt 0 ]]; then
    groups_csv="$(IFS=,; printf '%s' "${device_groups[*]}")"
    remote "$(remote_cmd sudo usermod -aG "$groups_csv" "$service_user")"
fi

# --- 6. install ----------------------------------------------------------------------------------
log "Installing into $target"
remote "$(remote_cmd sudo rm -rf "$target.previous") && if [ -d $(shell_quote "$target") ]; then $(remote_cmd sudo mv "$target" "$target.previous"); fi"
remote "$(remote_cmd sudo mkdir -p "${target%/*}") && $(remote_cmd sudo cp -R "$REMOTE_STAGE/build" "$target")"
remote "$(remote_cmd sudo chown -R root:root "$target") && $(remote_cmd sudo chmod -R u=rwX,go=rX "$target") && $(remote_cmd sudo chmod 0755 "$target/edge" "$target/check-pi.sh")"
remote "$(remote_cmd sudo install -m 0644 "$REMOTE_STAGE/$SERVICE_NAME.service" "/etc/systemd/system/$SERVICE_NAME.service")"
# Once: a settings file already there is the user's, edited or not, and stays as it is.
remote "if $(remote_cmd test -e "$SETTINGS_FILE"); then echo $(shell_quote "    kept the existing $SETTINGS_FILE: it decides what runs (edit it there to change the board or pipeline)"); else $(remote_cmd sudo install -D -m 0644 "$REMOTE_STAGE/edge.json" "$SETTINGS_FILE") && echo $(shell_quote "    installed $SETTINGS_FILE (board $board, pipeline $pipeline_name)"); fi"
remote "$(remote_cmd rm -rf "$REMOTE_STAGE")"

# --- 7. start ------------------------------------------------------------------------------------
# 'restart' rather than 'enable --now': it also replaces an instance left running by an earlier deploy.
log "Starting $SERVICE_NAME"
# With Type=notify, 'restart' returns once edge sent READY=1 (the pipeline is wired), or fails.
remote "$(remote_cmd sudo systemctl daemon-reload) && $(remote_cmd sudo systemctl enable "$SERVICE_NAME") && $(remote_cmd sudo systemctl restart "$SERVICE_NAME")" ||
    warn "systemctl restart $SERVICE_NAME failed; the status and journal below say why."

# Still running well past start-up and past one watchdog period, and not restarted meanwhile.
not_running() {
    remote "$(remote_cmd sudo systemctl status "$SERVICE_NAME" --no-pager) || true"
    remote "$(remote_cmd sudo journalctl -u "$SERVICE_NAME" -n 50 --no-pager) || true"
    die "the $SERVICE_NAME service $1 on $dest (see the status and journal above)." \
        "Check what the Pi is missing: ssh${port:+ -p $port} $dest sudo $target/check-pi.sh --user $service_user" \
        "Follow the log: ssh${port:+ -p $port} $dest journalctl -u $SERVICE_NAME -f"
}
restarts_before="$(remote_query "$(remote_cmd systemctl show "$SERVICE_NAME" -p NRestarts --value)" 0)"
log "Waiting $settle s: the service must stay up past start-up and its watchdog"
run sleep "$settle"
[[ "$(remote_query "$(remote_cmd systemctl is-active "$SERVICE_NAME") || true" active)" == active ]] || not_running "is not running ${settle} s after its start"
restarts_after="$(remote_query "$(remote_cmd systemctl show "$SERVICE_NAME" -p NRestarts --value)" 0)"
[[ "$restarts_after" == "$restarts_before" ]] || not_running "restarted $((restarts_after - restarts_before)) time(s) in ${settle} s"

# A stop is graceful: exit 0 and the summary in the journal of that very run; then start it again.
log "Checking that 'systemctl stop' stops it cleanly"
invocation="$(remote_query "$(remote_cmd systemctl show "$SERVICE_NAME" -p InvocationID --value)" 0123456789abcdef0123456789abcdef)"
remote "$(remote_cmd sudo systemctl stop "$SERVICE_NAME")"
stop_result="$(remote_query "$(remote_cmd systemctl show "$SERVICE_NAME" -p Result --value)" success)"
stop_status="$(remote_query "$(remote_cmd systemctl show "$SERVICE_NAME" -p ExecMainStatus --value)" 0)"
journal="journalctl _SYSTEMD_INVOCATION_ID=$invocation -o cat --no-pager"
summary_lines="$(remote_query "{ sudo -n $journal 2>/dev/null || $journal; } | grep -c '^Summary\$' || true" 1)"
remote "$(remote_cmd sudo systemctl start "$SERVICE_NAME")"
[[ "$stop_result" == success && "$stop_status" == 0 ]] || not_running "did not stop cleanly (result $stop_result, exit status $stop_status)"
[[ "$summary_lines" -ge 1 ]] || not_running "left no summary in the journal when stopped"
printf '    stopped with exit 0 and its summary in the journal; started again\n'

remote "$(remote_cmd sudo systemctl status "$SERVICE_NAME" --no-pager) || true"
remote "$(remote_cmd sudo journalctl -u "$SERVICE_NAME" -n 50 --no-pager) || true"
if [[ "$DRY_RUN" == true ]]; then
    log "Dry run complete: nothing was changed."
    exit 0
fi
[[ "$(remote_query "$(remote_cmd systemctl is-active "$SERVICE_NAME") || true" active)" == active ]] || not_running "did not start again after the stop check"
log "Edge is running on $dest as service '$SERVICE_NAME' ($target, pipeline $pipeline_name, board $board)."
printf '    logs:     ssh%s %s journalctl -u %s -f\n' "$(show_port)" "$dest" "$SERVICE_NAME"
printf '    settings: ssh%s %s sudoedit %s   (then: sudo systemctl restart %s)\n' "$(show_port)" "$dest" "$SETTINGS_FILE" "$SERVICE_NAME"
printf '    check:    ssh%s %s sudo %s/check-pi.sh --user %s\n' "$(show_port)" "$dest" "$target" "$service_user"
printf '    rollback: the previous install is in %s.previous\n' "$target"
