#!/usr/bin/env bash
# ensure_agent_clis.sh DIR -- make sure DIR holds the agent CLIs the real-CLI tests run: Claude Code 2.1.327
# (from claude-agent-sdk==0.2.184, at claude_agent_sdk/_bundled/claude) and codex-cli 0.163.0 (from
# openai-codex-cli-bin==0.163.0, at codex_cli_bin/bin/codex). Installed with pip --target (no
# dependencies: only the bundled binaries are used) and reused while both answer --version as expected.
#
# Prints DIR's absolute path on stdout and nothing else. Safe to call from several processes at once
# (flock DIR.lock). Exits non-zero with what to install on stderr when it cannot.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi

CLAUDE_WHEEL='claude-agent-sdk==0.2.184'
CODEX_WHEEL='openai-codex-cli-bin==0.163.0'
CLAUDE_VERSION='2.1.327 (Claude Code)'
CODEX_VERSION='codex-cli 0.163.0'

fail() {
    echo "could not install the agent CLIs: $1 (needs python3 with pip and access to PyPI: pip install --target DIR '$CLAUDE_WHEEL' '$CODEX_WHEEL')" >&2
    exit 1
}

dir=$1
mkdir -p "$(dirname "$dir")" 2>/dev/null || fail "cannot create $(dirname "$dir")"
dir="$(cd "$(dirname "$dir")" && pwd -P)/$(basename "$dir")"
command -v flock >/dev/null 2>&1 || fail "flock not found (util-linux)"
command -v python3 >/dev/null 2>&1 || fail "python3 not found"

installed() {
    [ "$("$dir/claude_agent_sdk/_bundled/claude" --version 2>/dev/null)" = "$CLAUDE_VERSION" ] \
        && [ "$("$dir/codex_cli_bin/bin/codex" --version 2>/dev/null)" = "$CODEX_VERSION" ]
}

exec 9>"$dir.lock"
flock 9

if ! installed; then
    rm -rf "$dir"
    python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir" "$CLAUDE_WHEEL" "$CODEX_WHEEL" >&2 \
        || fail "pip install of $CLAUDE_WHEEL and $CODEX_WHEEL into $dir failed"
    installed || fail "the installed CLIs do not report $CLAUDE_VERSION and $CODEX_VERSION"
fi

echo "$dir"
