#!/usr/bin/env bash
# Makes Screenshots/*.png: runs the release caw-tui on the demo tree in tmux, drives it with keys,
# captures each screen with its colours (capture-pane -e) and renders it to PNG with Pillow.
# Installs what it needs: tmux and fonts from Debian, Pillow into a private venv (.build/screenshot-venv).
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  command -v tmux >/dev/null || missing+=(tmux)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || missing+=(fonts-dejavu-core)
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
venv=.build/screenshot-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q Pillow
fi

swift build -c release --product caw-tui 2>&1 | tail -n 1
socket="caw-screenshots-$$"
columns=${COLUMNS_SHOT:-132}
rows=${ROWS_SHOT:-36}
tmux_() { tmux -u -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true' EXIT
LANG=C.UTF-8 TERM=xterm-256color tmux_ -f /dev/null new-session -d -s shots -x "$columns" -y "$rows" \
  "$(pwd)/.build/release/caw-tui --demo"
tmux_ set-option -g default-terminal xterm-256color

shot() { # name, then the keys that lead to it from the previous screen
  local name=$1
  shift
  [ $# -gt 0 ] && tmux_ send-keys -t shots "$@"
  sleep 0.6
  tmux_ capture-pane -e -N -p -t shots > ".build/$name.ansi"
  "$venv/bin/python" scripts/ansi_to_png.py ".build/$name.ansi" "Screenshots/$name.png" "$columns" "$rows"
  echo "Screenshots/$name.png"
}

sleep 1
shot session-list j
shot timeline Enter
shot transcript Enter
shot tool-call-diff / E d i t Enter Enter
shot cost Escape Escape Tab
shot help Escape '?'
shot subagent Escape j j Enter Enter / c o d e _ r e v i e w e r Enter Enter Enter
tmux_ send-keys -t shots Escape Escape Escape Escape
shot search S '"' n a i v e Space d a t e t i m e '"' Down
tmux_ send-keys -t shots Escape q
sleep 0.5
tmux_ kill-server 2>/dev/null || true

# A run started from the UI and followed live, against the fake claude of Tests/Interop (no real CLI).
live=$(mktemp -d)
mkdir -p "$live/caw_data/sessions" "$live/work"
python3 - "$live/scenario.json" <<'PY'
import json, sys
sys.path.insert(0, "Tests/Interop")
import fake_cli as f
lines = [
    f.claude_init("claude-sonnet-4-5"),
    f.claude_assistant([{"type": "thinking", "thinking": "Find the slow query first.", "signature": "s"}], msg_id="m1"),
    f.claude_assistant([{"type": "tool_use", "id": "toolu_1", "name": "Grep",
                         "input": {"pattern": "SELECT .* FROM orders", "path": "app/"}}], msg_id="m1"),
    f.claude_tool_result("toolu_1", "app/checkout.py:88: rows = db.execute(\"SELECT * FROM orders WHERE user_id = ?\")"),
    f.claude_assistant([{"type": "text", "text": "The checkout loads every order of the user. Adding an index."}], msg_id="m2"),
    f.claude_assistant([{"type": "tool_use", "id": "toolu_2", "name": "Edit", "input": {
        "file_path": "app/migrations/0042_orders_user_idx.sql", "old_string": "",
        "new_string": "CREATE INDEX orders_user_idx ON orders (user_id);"}}], msg_id="m3"),
    f.claude_tool_result("toolu_2", "The file app/migrations/0042_orders_user_idx.sql has been updated."),
    f.claude_assistant([{"type": "text", "text": "Done: one migration adds the index."}], msg_id="m4"),
    f.claude_result("Done", input_tokens=40, output_tokens=220, cache_read=9000, cache_write=1200, cost=0.031, duration_ms=9000),
]
json.dump([{"provider": "claude", "match": "slow", "lines": lines, "line_delay_ms": 1200}], open(sys.argv[1], "w"))
PY
LANG=C.UTF-8 TERM=xterm-256color tmux_ -f /dev/null new-session -d -s shots -x "$columns" -y "$rows" \
  "cd '$live/work' && PATH='$(pwd)/Tests/Interop/fakebin':\"\$PATH\" CAW_FAKE_SCENARIO='$live/scenario.json' \
   CAW_TUI_RUNS_DIR='$live/runs' '$(pwd)/.build/release/caw-tui' --data-dir '$live/caw_data'"
tmux_ set-option -g default-terminal xterm-256color
sleep 1
tmux_ send-keys -t shots n Tab Tab Tab Tab Tab
tmux_ send-keys -t shots -l "The checkout endpoint is slow; find out why and fix it."
shot new-session
tmux_ send-keys -t shots Enter
sleep 3
tmux_ send-keys -t shots Tab
sleep 0.5
tmux_ send-keys -t shots Enter
sleep 4
shot live-run
tmux_ send-keys -t shots q q l
sleep 2
rm -rf "$live"
