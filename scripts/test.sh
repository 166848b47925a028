#!/usr/bin/env bash
#
# Runs every ConvenerBot test: the deployment file checks (deploy/check.sh)
# and the whole .NET test suite (dotnet test ConvenerBot.sln) against a
# throwaway PostgreSQL cluster.
#
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter Category=Fast]
#
# What it does:
#   1. finds the PostgreSQL server binaries, installing the Debian "postgresql"
#      package when they are missing;
#   2. creates a cluster in a fresh temporary directory and starts it on a free
#      127.0.0.1 port, with a database "convener_test" and trust authentication
#      for the user "convener";
#   3. exports CONVENERBOT_TEST_PG, an Npgsql connection string for that database;
#   4. installs the Debian "python3-icalendar" package when no python3 can import
#      icalendar (the calendar feed tests read feeds with it as a second parser);
#   5. runs deploy/check.sh, then dotnet test on the solution;
#   6. stops the cluster and deletes its directory on exit, whatever happened.
#
# The last line printed is always "N passed, N failed". The exit code is 0 only
# when dotnet test succeeded, nothing failed, nothing was skipped, at least one
# test passed and deploy/check.sh succeeded.
#
# Environment:
#   CONVENERBOT_TEST_RESULTS  keep the TRX result files in this directory
#                             (default: a temporary directory, deleted on exit)
#   CI                        when "true", dotnet test runs without build servers
#                             so that no background process outlives the run

set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

# shellcheck source=scripts/lib/postgres.sh
source "$repo_root/scripts/lib/postgres.sh"

cluster_dir=""
cluster_running=0
results_dir=""
remove_results=0

cleanup() {
    if [ "$cluster_running" = 1 ] && [ -n "$cluster_dir" ]; then
        if ! pg_as "$PG_BINDIR/pg_ctl" -D "$cluster_dir/data" -m fast -t 30 stop >/dev/null 2>&1; then
            pg_as "$PG_BINDIR/pg_ctl" -D "$cluster_dir/data" -m immediate stop >/dev/null 2>&1 || true
        fi
        cluster_running=0
    fi
    if [ -n "$cluster_dir" ]; then
        rm -rf "$cluster_dir"
        cluster_dir=""
    fi
    if [ "$remove_results" = 1 ] && [ -n "$results_dir" ]; then
        rm -rf "$results_dir"
        results_dir=""
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# When the test database cannot be set up, still end with a totals line.
fail_setup() {
    pg_log "$*"
    echo "0 passed, 1 failed"
    exit 1
}

# ---------------------------------------------------------------------------
# 1-3. Throwaway PostgreSQL cluster
# ---------------------------------------------------------------------------

pg_require_bindir || fail_setup "Could not find or install the PostgreSQL server binaries."
pg_prepare_owner || fail_setup "Could not prepare a user to run PostgreSQL."
echo "Using PostgreSQL binaries from $PG_BINDIR (server runs as $PG_OS_USER)"

# The cluster lives directly under /tmp: the server's Unix socket is created
# there too, and socket paths are limited to about 100 characters.
cluster_dir=$(mktemp -d /tmp/convenerbot-pg.XXXXXX)
chmod 700 "$cluster_dir"
mkdir "$cluster_dir/data"
pg_chown "$cluster_dir"

pg_initdb "$cluster_dir/data" || fail_setup "Could not create the test PostgreSQL cluster."

pick_port() {
    local port tries
    for tries in $(seq 1 50); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40001 ))
        if ! pg_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

pg_port=""
for attempt in 1 2 3 4 5; do
    candidate=$(pick_port) || fail_setup "Could not find a free TCP port on 127.0.0.1."
    server_log="$cluster_dir/server.log"
    if pg_as "$PG_BINDIR/pg_ctl" -D "$cluster_dir/data" -l "$server_log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $candidate -k $cluster_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null 2>&1; then
        cluster_running=1
        pg_port=$candidate
        break
    fi
    pg_log "PostgreSQL did not start on port $candidate (attempt $attempt of 5). Server log:"
    cat "$server_log" >&2 2>/dev/null || true
    # Make sure a half-started server does not linger before the next attempt.
    pg_as "$PG_BINDIR/pg_ctl" -D "$cluster_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -f "$server_log"
done
[ -n "$pg_port" ] || fail_setup "Could not start the test PostgreSQL server."
echo "PostgreSQL test server listening on 127.0.0.1:$pg_port"

createdb_bin="$PG_BINDIR/createdb"
[ -x "$createdb_bin" ] || createdb_bin=$(command -v createdb 2>/dev/null || true)
[ -n "$createdb_bin" ] || fail_setup "createdb was not found next to the PostgreSQL server binaries."
"$createdb_bin" -h 127.0.0.1 -p "$pg_port" -U convener convener_test </dev/null \
    || fail_setup "Could not create the database convener_test."

export CONVENERBOT_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=convener;Database=convener_test;Pooling=true;Maximum Pool Size=50"

# ---------------------------------------------------------------------------
# 4. Python's icalendar, the calendar feed tests' second parser
# ---------------------------------------------------------------------------

# The tests look for it in the python3 on the PATH and then in the system's, where the package puts it.
has_python_icalendar() {
    local python
    for python in python3 /usr/bin/python3; do
        if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import icalendar' >/dev/null 2>&1 </dev/null; then
            return 0
        fi
    done
    return 1
}

install_python_icalendar() {
    pg_log "Python's icalendar not found; installing the 'python3-icalendar' package..."
    apt_install python3-icalendar
}

if ! has_python_icalendar; then
    install_python_icalendar || true
    if ! has_python_icalendar; then
        # The test that needs it is then skipped, and a skipped test fails this run.
        pg_log "Could not install python3-icalendar (apt-get install python3-icalendar); its feed test will be skipped."
    fi
fi

# ---------------------------------------------------------------------------
# 5. Deployment file checks
# ---------------------------------------------------------------------------

check_failed=0
echo "Checking deployment files (deploy/check.sh)..."
if ! bash "$repo_root/deploy/check.sh" </dev/null; then
    check_failed=1
    echo "deploy/check.sh failed; counted as 1 failed test." >&2
fi

# ---------------------------------------------------------------------------
# 6. .NET test suite
# ---------------------------------------------------------------------------

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

if [ -n "${CONVENERBOT_TEST_RESULTS:-}" ]; then
    results_dir=$CONVENERBOT_TEST_RESULTS
    mkdir -p "$results_dir"
    find "$results_dir" -maxdepth 1 -name '*.trx' -delete
else
    results_dir=$(mktemp -d "${TMPDIR:-/tmp}/convenerbot-test-results.XXXXXX")
    remove_results=1
fi

dotnet_args=(test ConvenerBot.sln
    --results-directory "$results_dir"
    --logger "trx"
    --logger "console;verbosity=normal")
if [ "${CI:-}" = true ]; then
    dotnet_args+=(--disable-build-servers)
fi

test_rc=0
dotnet "${dotnet_args[@]}" "$@" </dev/null || test_rc=$?

# ---------------------------------------------------------------------------
# Totals, summed over the TRX files of all test projects
# ---------------------------------------------------------------------------

# Prints the value of a <Counters> attribute of a TRX file, or 0.
counter() {
    local attrs=$1 name=$2
    if [[ $attrs =~ (^|[[:space:]])$name=\"([0-9]+)\" ]]; then
        echo "${BASH_REMATCH[2]}"
    else
        echo 0
    fi
}

passed=0
failed=0
skipped=0
trx_count=0
while IFS= read -r -d '' trx; do
    attrs=$(sed -n 's/.*<Counters\([^>]*\)>.*/\1/p' "$trx" | head -n 1)
    [ -n "$attrs" ] || continue
    trx_count=$((trx_count + 1))
    passed=$((passed + $(counter "$attrs" passed)))
    failed=$((failed + $(counter "$attrs" failed) + $(counter "$attrs" error) \
        + $(counter "$attrs" timeout) + $(counter "$attrs" aborted)))
    # Skipped tests show up as total - executed (xunit) or as notExecuted.
    not_run=$(( $(counter "$attrs" total) - $(counter "$attrs" executed) ))
    not_executed=$(( $(counter "$attrs" notExecuted) + $(counter "$attrs" notRunnable) ))
    [ "$not_run" -ge "$not_executed" ] || not_run=$not_executed
    skipped=$((skipped + not_run + $(counter "$attrs" inconclusive)))
done < <(find "$results_dir" -name '*.trx' -type f -print0)

# Name the failed tests just above the totals, so a short excerpt of the log still says which.
if [ "$failed" -ne 0 ]; then
    echo "Failed tests:"
    find "$results_dir" -name '*.trx' -type f -exec grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' {} + \
        | sed -n 's/.*testName="\([^"]*\)".*/  \1/p' | sed 's/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g'
fi

if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # dotnet test failed without a failing test in the results: the build
    # failed, a test host crashed, or no results were written.
    if [ "$trx_count" -eq 0 ]; then
        echo "dotnet test exited with code $test_rc and wrote no test results (build failure?)." >&2
    else
        echo "dotnet test exited with code $test_rc although no test failed (build failure or test host crash?)." >&2
    fi
    failed=1
fi
failed=$((failed + check_failed))

exit_code=0
if [ "$test_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$skipped" -ne 0 ]; then
    exit_code=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "No test was executed." >&2
fi

if [ "$skipped" -ne 0 ]; then
    echo "$skipped skipped"
fi
echo "$passed passed, $failed failed"
exit "$exit_code"
