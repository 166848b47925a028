#!/usr/bin/env bash
#
# Starts a persistent local PostgreSQL server for running ConvenerBot against
# PostgreSQL on a developer machine, without Docker.
#
# Usage:
#   deploy/start-local-postgres.sh          start (initialising on first use)
#   deploy/start-local-postgres.sh stop     stop the server
#   deploy/start-local-postgres.sh status   tell whether it is running
#
# On start, the environment settings for ConvenerBot are printed on standard
# output as export lines (all other messages go to standard error), so
#   eval "$(deploy/start-local-postgres.sh)"
# starts the server and configures the current shell in one go.
#
# Environment:
#   CONVENERBOT_PG_DATA  data directory (default: $HOME/.local/share/convenerbot/pg,
#                        or /var/lib/convenerbot/pg when run as root)
#   CONVENERBOT_PG_PORT  TCP port on 127.0.0.1 (default: 55432)
#
# The server trusts every local connection to 127.0.0.1 (no password) and has
# a superuser "convener" and a database "convener". It is meant for local
# development only.

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/postgres.sh
source "$script_dir/../scripts/lib/postgres.sh"

if [ "$(id -u)" -eq 0 ]; then
    default_data=/var/lib/convenerbot/pg
else
    default_data="${HOME:?HOME is not set}/.local/share/convenerbot/pg"
fi
data_dir=${CONVENERBOT_PG_DATA:-$default_data}
port=${CONVENERBOT_PG_PORT:-55432}
action=${1:-start}

case "$port" in
    '' | *[!0-9]*) pg_log "CONVENERBOT_PG_PORT must be a number, got '$port'."; exit 2 ;;
esac

is_running() {
    [ -f "$data_dir/PG_VERSION" ] && pg_as "$PG_BINDIR/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

print_environment() {
    local running_port=$port
    # When the server was started earlier with another port, report that one.
    if [ -f "$data_dir/postmaster.pid" ]; then
        running_port=$(sed -n '4p' "$data_dir/postmaster.pid" 2>/dev/null || echo "$port")
        [ -n "$running_port" ] || running_port=$port
    fi
    echo "export CONVENERBOT__Storage__Provider=postgres"
    echo "export CONVENERBOT__Storage__ConnectionString='Host=127.0.0.1;Port=$running_port;Username=convener;Database=convener'"
}

case "$action" in
    start | stop | status) ;;
    -h | --help | help)
        sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
        exit 0
        ;;
    *)
        pg_log "Unknown action '$action'. Use: start, stop or status."
        exit 2
        ;;
esac

if [ "$action" = start ]; then
    pg_require_bindir
else
    PG_BINDIR=$(pg_find_bindir) || { pg_log "PostgreSQL server binaries not found."; exit 1; }
fi
pg_prepare_owner

case "$action" in
    stop)
        if is_running; then
            pg_as "$PG_BINDIR/pg_ctl" -D "$data_dir" -m fast stop >&2
        else
            pg_log "PostgreSQL in $data_dir is not running."
        fi
        exit 0
        ;;
    status)
        if is_running; then
            pg_log "PostgreSQL in $data_dir is running."
            print_environment
            exit 0
        fi
        pg_log "PostgreSQL in $data_dir is not running."
        exit 3
        ;;
esac

# ---- start -----------------------------------------------------------------

if [ ! -f "$data_dir/PG_VERSION" ]; then
    pg_log "Creating a PostgreSQL cluster in $data_dir..."
    if [ "$(id -u)" -eq 0 ]; then
        install -d -m 0755 "$(dirname "$data_dir")"
    else
        mkdir -p "$(dirname "$data_dir")"
    fi
    mkdir -p "$data_dir"
    chmod 700 "$data_dir"
    pg_chown "$data_dir"
    pg_initdb "$data_dir"
fi

if is_running; then
    pg_log "PostgreSQL in $data_dir is already running."
else
    if pg_port_in_use "$port"; then
        pg_log "Port $port on 127.0.0.1 is already in use; set CONVENERBOT_PG_PORT to another port."
        exit 1
    fi
    pg_log "Starting PostgreSQL on 127.0.0.1:$port..."
    if ! pg_as "$PG_BINDIR/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k '$data_dir'" >&2; then
        pg_log "PostgreSQL did not start. Server log ($data_dir/server.log):"
        tail -n 50 "$data_dir/server.log" >&2 || true
        exit 1
    fi
fi

running_port=$(sed -n '4p' "$data_dir/postmaster.pid")
psql_bin="$PG_BINDIR/psql"
[ -x "$psql_bin" ] || psql_bin=$(command -v psql)
createdb_bin="$PG_BINDIR/createdb"
[ -x "$createdb_bin" ] || createdb_bin=$(command -v createdb)

exists=$("$psql_bin" -h 127.0.0.1 -p "$running_port" -U convener -d postgres -XtAq \
    -c "SELECT 1 FROM pg_database WHERE datname = 'convener'" </dev/null)
if [ "$exists" != 1 ]; then
    pg_log "Creating database 'convener'..."
    "$createdb_bin" -h 127.0.0.1 -p "$running_port" -U convener convener </dev/null
fi

pg_log "PostgreSQL is ready on 127.0.0.1:$running_port. Settings for ConvenerBot:"
print_environment
