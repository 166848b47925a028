#!/usr/bin/env bash
# The CPU time an idle ConvenerBot uses: the terminal chat on a fresh SQLite file, waiting for input,
# with due work checked every 30 s. Reads the process's user and system time from /proc before and
# after the period. Usage: bench/idle-cpu.sh [seconds=60] [settle-seconds=15]
set -euo pipefail
seconds=${1:-60}
settle=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release "$root/src/ConvenerBot" -v q -nologo >/dev/null
mkfifo "$work/input"
dotnet "$root/src/ConvenerBot/bin/Release/net10.0/ConvenerBot.dll" \
  "--Storage:ConnectionString=Data Source=$work/idle.db" <"$work/input" >"$work/out" 2>"$work/err" &
pid=$!
# Hold its input open without writing: the terminal chat waits for a line, as it does at a quiet keyboard.
exec 3>"$work/input"
sleep "$settle"
kill -0 "$pid" || { cat "$work/err" >&2; exit 1; }

hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; } # utime + stime, in clock ticks
# Every thread's voluntary context switches: how often the process woke up and went back to sleep.
wakeups() { cat /proc/"$pid"/task/*/status | awk '/^voluntary_ctxt_switches:/ { n += $2 } END { print n }'; }
cpu_before=$(cpu)
wake_before=$(wakeups)
sleep "$seconds"
cpu_after=$(cpu)
wake_after=$(wakeups)
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
awk -v t=$((cpu_after - cpu_before)) -v w=$((wake_after - wake_before)) -v hz="$hz" -v s="$seconds" -v settle="$settle" \
  -v th="$threads" -v rss="$rss" 'BEGIN {
  ms = t * 1000 / hz
  printf "Idle ConvenerBot (terminal chat, SQLite), %d s after %d s to settle: %.0f ms of CPU (%.3f%% of one core), ", s, settle, ms, ms / (s * 10)
  printf "%.1f wake-ups a second, %d threads, %.0f MiB resident.\n", w / s, th, rss / 1024
}'
exec 3>&-
