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
tmux_ send-keys -t shots q
