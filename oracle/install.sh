#!/usr/bin/env bash
# Installs the oracle's Python environment: a virtualenv at .oracle/venv (gitignored) with the
# pinned packages of oracle/requirements.txt. Idempotent: a stamp holding the requirements'
# checksum makes a second run return at once; a changed pin reinstalls.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.oracle/venv"
req="$root/oracle/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
	exit 0
fi
command -v java >/dev/null || { echo "oracle: java (OpenJDK 17) is required on PATH" >&2; exit 1; }
py="${ORACLE_PYTHON:-python3}"
echo "oracle: installing $(grep -m1 '^pyspark' "$req") into .oracle/venv" >&2
start=$(date +%s)
[[ -x "$venv/bin/python" ]] || "$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
echo "$want" > "$stamp"
echo "oracle: installed in $(( $(date +%s) - start ))s" >&2
