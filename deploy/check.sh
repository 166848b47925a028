#!/usr/bin/env bash
#
# Static checks of the deployment and script files that need no Docker engine:
#   - bash -n on every shell script in scripts/, deploy/ and .ci/;
#   - deploy/compose.yaml: "docker compose config -q" when the docker client
#     has the compose plugin, otherwise a YAML parse with python3, otherwise a
#     basic structure check;
#   - deploy/Dockerfile: every instruction is a known keyword and the first
#     one is FROM or ARG;
#   - deploy/convenerbot.service: systemd-analyze verify when available, and
#     the [Unit], [Service] and [Install] sections.
#
# Prints "deploy: ok" on success; otherwise prints each problem and exits 1.

set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

problems=()
problem() {
    problems+=("$*")
    printf 'deploy: %s\n' "$*" >&2
}

# ---- Shell scripts ---------------------------------------------------------

is_shell_script() {
    local file=$1 first
    case "$file" in
        *.sh) return 0 ;;
    esac
    IFS= read -r first <"$file" || true
    [[ $first =~ ^\#!.*(/|[[:space:]])(ba)?sh([[:space:]]|$) ]]
}

script_count=0
while IFS= read -r -d '' file; do
    if is_shell_script "$file"; then
        script_count=$((script_count + 1))
        if ! output=$(bash -n "$file" 2>&1); then
            problem "syntax error in $file: $output"
        fi
    fi
done < <(find scripts deploy .ci -type f -print0 2>/dev/null | sort -z)
if [ "$script_count" -eq 0 ]; then
    problem "no shell scripts found in scripts/, deploy/ or .ci/"
fi

# ---- Compose file ----------------------------------------------------------

compose=deploy/compose.yaml
if [ ! -f "$compose" ]; then
    problem "$compose is missing"
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    if ! output=$(docker compose -f "$compose" config -q 2>&1); then
        problem "$compose is invalid: $output"
    fi
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
    if ! output=$(python3 - "$compose" 2>&1 <<'PY'
import sys
import yaml

with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.safe_load(f)
if not isinstance(doc, dict):
    sys.exit("top level is not a mapping")
services = doc.get("services")
if not isinstance(services, dict) or not services:
    sys.exit("no services defined")
for name, service in services.items():
    if not isinstance(service, dict) or not ("image" in service or "build" in service):
        sys.exit(f"service {name!r} has neither image nor build")
PY
    ); then
        problem "$compose is invalid: $output"
    fi
else
    if ! grep -q '^services:' "$compose"; then
        problem "$compose has no top-level 'services:' key"
    fi
    if grep -q $'\t' "$compose"; then
        problem "$compose contains tab characters, which YAML does not allow for indentation"
    fi
fi

# ---- Dockerfile ------------------------------------------------------------

dockerfile=deploy/Dockerfile
known='FROM|RUN|COPY|ADD|WORKDIR|ENV|ARG|USER|ENTRYPOINT|CMD|EXPOSE|LABEL|HEALTHCHECK|VOLUME|STOPSIGNAL|SHELL|ONBUILD'
if [ ! -f "$dockerfile" ]; then
    problem "$dockerfile is missing"
else
    first_instruction=""
    continued=0
    line_no=0
    while IFS= read -r line || [ -n "$line" ]; do
        line_no=$((line_no + 1))
        line=${line%$'\r'}
        if [ "$continued" = 1 ]; then
            # Comment lines inside a continued instruction are allowed.
            [[ $line =~ ^[[:space:]]*# ]] || { [[ $line =~ \\[[:space:]]*$ ]] || continued=0; }
            continue
        fi
        [[ $line =~ ^[[:space:]]*$ ]] && continue
        [[ $line =~ ^[[:space:]]*# ]] && continue
        keyword=$(awk '{print toupper($1)}' <<<"$line")
        if ! [[ $keyword =~ ^($known)$ ]]; then
            problem "$dockerfile:$line_no: unknown instruction '$keyword'"
        fi
        [ -n "$first_instruction" ] || first_instruction=$keyword
        [[ $line =~ \\[[:space:]]*$ ]] && continued=1
    done <"$dockerfile"
    if [ "$continued" = 1 ]; then
        problem "$dockerfile ends with a line continuation"
    fi
    case "$first_instruction" in
        FROM | ARG) ;;
        '') problem "$dockerfile has no instructions" ;;
        *) problem "$dockerfile must start with FROM or ARG, not $first_instruction" ;;
    esac
    if ! grep -qiE '^[[:space:]]*FROM[[:space:]]' "$dockerfile"; then
        problem "$dockerfile has no FROM instruction"
    fi
fi

# ---- systemd unit ----------------------------------------------------------

unit=deploy/convenerbot.service
if [ ! -f "$unit" ]; then
    problem "$unit is missing"
else
    for section in Unit Service Install; do
        if ! grep -q "^\[$section\][[:space:]]*$" "$unit"; then
            problem "$unit has no [$section] section"
        fi
    done
    if ! grep -q '^ExecStart=' "$unit"; then
        problem "$unit has no ExecStart="
    fi
    if command -v systemd-analyze >/dev/null 2>&1; then
        # Messages about the executable or other paths missing on this machine
        # are expected wherever ConvenerBot is not installed; anything else is
        # a real problem.
        output=$(systemd-analyze verify "$unit" 2>&1) || true
        relevant=$(grep -F "$(basename "$unit")" <<<"$output" \
            | grep -vE 'is not executable|No such file or directory|Unit configuration has fatal error' \
            || true)
        if [ -n "$relevant" ]; then
            problem "systemd-analyze verify $unit: $relevant"
        fi
    fi
fi

# ---- Result ----------------------------------------------------------------

if [ "${#problems[@]}" -ne 0 ]; then
    printf 'deploy: %d problem(s) found\n' "${#problems[@]}" >&2
    exit 1
fi
echo "deploy: ok"
