# shellcheck shell=bash
#
# Shared helpers for scripts that run a PostgreSQL server of their own
# (scripts/test.sh and deploy/start-local-postgres.sh). Source this file;
# it defines functions only and changes no shell options.
#
# Functions:
#   pg_log MESSAGE...          print a message to stderr
#   pg_find_bindir             print the directory holding initdb and pg_ctl, or fail
#   pg_install_server          install the Debian "postgresql" package
#   pg_require_bindir          find the server binaries, installing them if missing;
#                              sets PG_BINDIR
#   pg_prepare_owner           choose the OS user that runs the server; sets PG_OS_USER
#                              (the postgres user when running as root, created if needed)
#   pg_as COMMAND [ARGS...]    run a command as PG_OS_USER
#   pg_chown PATH...           give paths to PG_OS_USER (no-op when not root)
#   pg_port_in_use PORT        succeed when something listens on 127.0.0.1:PORT
#   pg_initdb DATADIR          initdb with trust auth, superuser "convener", UTF-8

pg_log() {
    printf '%s\n' "$*" >&2
}

# Prints the directory that holds both initdb and pg_ctl. Prefers the highest
# version under /usr/lib/postgresql (Debian's layout, where these binaries are
# not on PATH), then falls back to PATH.
pg_find_bindir() {
    local dir candidate
    if [ -d /usr/lib/postgresql ]; then
        candidate=""
        while IFS= read -r dir; do
            if [ -x "$dir/bin/initdb" ] && [ -x "$dir/bin/pg_ctl" ]; then
                candidate="$dir/bin"
            fi
        done < <(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V)
        if [ -n "$candidate" ]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    fi
    local initdb_path pg_ctl_path
    initdb_path=$(command -v initdb 2>/dev/null || true)
    pg_ctl_path=$(command -v pg_ctl 2>/dev/null || true)
    if [ -n "$initdb_path" ] && [ -n "$pg_ctl_path" ]; then
        dir=$(dirname "$(readlink -f "$initdb_path")")
        if [ -x "$dir/pg_ctl" ]; then
            printf '%s\n' "$dir"
        else
            printf '%s\n' "$(dirname "$initdb_path")"
        fi
        return 0
    fi
    return 1
}

# Installs Debian packages with apt-get, as root or through password-less sudo.
# apt's download sandbox runs as its own user and needs a temporary directory it
# can write to: when /tmp is not writable by everyone, /var/tmp is used instead.
# Returns 1 (having said why) when this user cannot install packages.
apt_install() {
    local -a sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo_cmd=(sudo -n)
        else
            pg_log "This user cannot install packages; install them with: apt-get install $*"
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        pg_log "apt-get is not available; install these packages another way: $*"
        return 1
    fi
    local tmp=/tmp
    if [ ! -w /tmp ] || [ "$(stat -c %a /tmp 2>/dev/null)" != 1777 ]; then
        tmp=/var/tmp
    fi
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive TMPDIR="$tmp" apt-get update -q </dev/null >&2
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive TMPDIR="$tmp" \
        apt-get install -y -q --no-install-recommends "$@" </dev/null >&2
}

# Installs the Debian "postgresql" package. On Debian this may also create and
# start a default cluster on port 5432; the scripts here do not use it.
pg_install_server() {
    pg_log "PostgreSQL server binaries not found; installing the 'postgresql' package..."
    apt_install postgresql
}

pg_require_bindir() {
    if PG_BINDIR=$(pg_find_bindir); then
        export PG_BINDIR
        return 0
    fi
    pg_install_server || return 1
    if PG_BINDIR=$(pg_find_bindir); then
        export PG_BINDIR
        return 0
    fi
    pg_log "PostgreSQL was installed but initdb/pg_ctl still cannot be found."
    return 1
}

# initdb refuses to run as root, so a root caller runs the server as the
# "postgres" user (created here when it does not exist yet).
pg_prepare_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        PG_OS_USER=postgres
        if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
            pg_log "Creating system user '$PG_OS_USER' to run PostgreSQL..."
            useradd --system --user-group --no-create-home \
                --home-dir /var/lib/postgresql --shell /bin/sh "$PG_OS_USER"
        fi
    else
        PG_OS_USER=$(id -un)
    fi
    export PG_OS_USER
}

pg_as() {
    if [ "$(id -u)" -eq 0 ] && [ "${PG_OS_USER:-root}" != root ]; then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u "$PG_OS_USER" -- "$@")
        else
            local quoted
            quoted=$(printf '%q ' "$@")
            (cd / && su -s /bin/sh "$PG_OS_USER" -c "$quoted")
        fi
    else
        "$@"
    fi
}

pg_chown() {
    if [ "$(id -u)" -eq 0 ] && [ "${PG_OS_USER:-root}" != root ]; then
        chown -R "$PG_OS_USER:" "$@"
    fi
}

# Succeeds when something accepts TCP connections on 127.0.0.1:PORT or a
# listening socket on that port is reported by ss.
pg_port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        if ss -Htln 2>/dev/null | awk '{print $4}' | grep -Eq "[:.]${port}\$"; then
            return 0
        fi
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
        return 0
    fi
    return 1
}

# Creates a cluster in DATADIR (which must exist and belong to PG_OS_USER)
# with trust authentication, superuser "convener" and UTF-8 encoding.
pg_initdb() {
    local datadir=$1 log
    local -a common=(-D "$datadir" -A trust -U convener --encoding=UTF8)
    log=$(mktemp)
    if pg_as "$PG_BINDIR/initdb" "${common[@]}" --locale=C.UTF-8 >"$log" 2>&1; then
        rm -f "$log"
        return 0
    fi
    pg_log "initdb with locale C.UTF-8 failed; retrying with locale C."
    # initdb leaves nothing behind on failure, but be sure the directory is empty.
    find "$datadir" -mindepth 1 -delete 2>/dev/null || true
    if pg_as "$PG_BINDIR/initdb" "${common[@]}" --locale=C >"$log" 2>&1; then
        rm -f "$log"
        return 0
    fi
    pg_log "initdb failed:"
    cat "$log" >&2
    rm -f "$log"
    return 1
}
