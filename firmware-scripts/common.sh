# Helpers shared by the firmware scripts that run from the repository (publish, deploy-pi, deploy-nano,
# smoke-qemu). check-pi.sh does not use it: it is copied to a Pi on its own. Source it after setting
# SCRIPT_NAME; it defines DRY_RUN=false, which a script's --dry-run sets to true.
# shellcheck shell=bash

DRY_RUN=false

# die MESSAGE [DETAIL...]: prints an error and its details, exits 1.
die() {
    printf '%s: error: %s\n' "$SCRIPT_NAME" "$1" >&2
    shift
    local line
    for line in "$@"; do
        printf '  %s\n' "$line" >&2
    done
    exit 1
}

# usage_error MESSAGE: a wrong command line; exits 2.
usage_error() {
    printf '%s: %s\n' "$SCRIPT_NAME" "$1" >&2
    printf "Run '%s --help' for usage.\n" "$SCRIPT_NAME" >&2
    exit 2
}

# warn MESSAGE [DETAIL...]
warn() {
    printf '%s: warning: %s\n' "$SCRIPT_NAME" "$1" >&2
    shift
    local line
    for line in "$@"; do
        printf '  %s\n' "$line" >&2
    done
}

# log MESSAGE: a step heading.
log() {
    printf '==> %s\n' "$*"
}

# need_value OPTION VALUE...: the option must be followed by a value.
need_value() {
    [[ $# -ge 2 && -n "$2" && "$2" != --* ]] || usage_error "option $1 needs a value"
}

# run COMMAND...: runs it, or with --dry-run prints it quoted.
run() {
    if [[ "$DRY_RUN" == true ]]; then
        printf '+'
        printf ' %q' "$@"
        printf '\n'
    else
        "$@"
    fi
}
