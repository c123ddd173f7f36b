#!/usr/bin/env bash
# ensure_venv.sh DIR -- make sure DIR is a Python venv with caw 0.1.9 (and mcp<2) and the ATIF models
# (atif 1.8.0, to validate ATIF exports) installed.
#
# Prints the absolute path of DIR/bin/python on stdout and nothing else (pip chatter goes to
# stderr). Safe to call from several processes at once: the work happens under `flock DIR.lock`.
# Exits non-zero with a message on stderr when the venv cannot be built.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi

fail() {
    echo "could not build the interop venv: $1 (install python3-venv / check network to PyPI)" >&2
    exit 1
}

dir=$1
mkdir -p "$(dirname "$dir")" 2>/dev/null || fail "cannot create $(dirname "$dir")"
dir="$(cd "$(dirname "$dir")" && pwd -P)/$(basename "$dir")"

have_caw() {
    [ -x "$dir/bin/python" ] && "$dir/bin/python" -c 'import caw, atif' >/dev/null 2>&1
}

command -v flock >/dev/null 2>&1 || fail "flock not found (util-linux)"

exec 9>"$dir.lock"
flock 9

if ! have_caw; then
    if [ ! -x "$dir/bin/python" ] || [ ! -x "$dir/bin/pip" ]; then
        python3 -m venv "$dir" >&2 || fail "'python3 -m venv $dir' failed"
    fi
    "$dir/bin/pip" install --quiet 'coding-agent-wrapper==0.1.9' 'mcp<2' 'atif==1.8.0' >&2 \
        || fail "pip install of coding-agent-wrapper==0.1.9, mcp<2 and atif==1.8.0 into $dir failed"
    have_caw || fail "'import caw, atif' still fails in $dir"
fi

echo "$dir/bin/python"
