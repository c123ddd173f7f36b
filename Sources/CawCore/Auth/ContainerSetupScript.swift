/// `setup-container.sh`, which `auth setup` puts in the auth directory for the container to run (as
/// root): `setup-container.sh [MOUNT_POINT] [CONTAINER_HOME] [USER]`, defaults `/tmp/caw_auth`,
/// `/home/playground`, `playground` — the interface caw's script has.
///
/// It copies every manifest file into the container user's home (credentials from their bind mounts),
/// then keeps each credential and its copy in step both ways with `inotifywait` (installed with apt-get
/// when missing; skipped under `CLAUDE_CODE_USE_BEDROCK=1`), so a token the agent refreshes in the
/// container reaches the host file. Needs `jq`. Prints no file content.
enum ContainerSetupScript {
  static let text = #"""
    #!/bin/sh
    # setup-container.sh, written by `caw-tui auth setup` (same interface as caw's).
    # Usage: setup-container.sh [MOUNT_POINT] [CONTAINER_HOME] [USER]
    set -eu

    mount_point=${1:-/tmp/caw_auth}
    home=${2:-/home/playground}
    user=${3:-playground}
    manifest=$mount_point/manifest.json
    pairs=/tmp/_caw_guard_pairs
    pid_file=/tmp/caw_credential_guard.pid

    say() { echo "[setup-container] $*"; }

    [ -f "$manifest" ] || { say "ERROR: manifest.json not found at $manifest"; exit 1; }
    command -v jq >/dev/null 2>&1 || { say "ERROR: jq is needed to read $manifest"; exit 1; }
    say "Setting up auth files from $mount_point..."
    rm -f "$pairs"
    tab=$(printf '\t')

    jq -r '.agents[].files[] | [.src, .container_target, .strategy, .mode] | @tsv' "$manifest" |
    while IFS=$tab read -r src target strategy mode; do
        from=$mount_point/$src
        to=$home/$target
        dir=$(dirname "$to")
        mkdir -p "$dir"
        case $strategy in
            bind)
                if [ ! -s "$from" ]; then
                    say "ERROR: $from is empty or missing: is the bind mount for $src among the docker flags?"
                    say "Get them with \`caw-tui auth docker-flags\` (or \`caw auth docker-flags\`)."
                    exit 1
                fi
                rm -f "$to"
                kind=credential
                printf '%s|%s|%s\n' "$from" "$to" "$mode" >> "$pairs" ;;
            copy) kind=config ;;
            *) say "skipping $target: unknown strategy '$strategy'"; continue ;;
        esac
        cp "$from" "$to"
        chmod "$mode" "$to"
        chown "$user:$user" "$dir" "$to" 2>/dev/null || true
        say "  copy ($kind): $target (mode $mode)"
    done

    # Keep each credential and its copy in step: whichever side is written last wins.
    guard() {
        dirs=
        while IFS='|' read -r from to mode; do
            for d in "$(dirname "$from")" "$(dirname "$to")"; do
                case " $dirs " in *" $d "*) ;; *) dirs="$dirs $d" ;; esac
            done
        done < "$pairs"
        echo "[credential-guard] watching:$dirs"
        while true; do
            # shellcheck disable=SC2086
            inotifywait -m -q -e close_write $dirs 2>/dev/null | while read -r dir _event name; do
                changed=$dir$name
                while IFS='|' read -r from to mode; do
                    if [ "$changed" = "$from" ]; then other=$to; elif [ "$changed" = "$to" ]; then other=$from; else continue; fi
                    if ! cmp -s "$changed" "$other"; then
                        cp "$changed" "$other"
                        if [ "$other" = "$to" ]; then chmod "$mode" "$to"; chown "$user:$user" "$to" 2>/dev/null || true; fi
                        echo "[credential-guard] synced $changed -> $other"
                    fi
                done < "$pairs"
            done
            echo "[credential-guard] inotifywait stopped; restarting in 2 s"
            sleep 2
        done
    }

    if [ "${CLAUDE_CODE_USE_BEDROCK:-0}" = "1" ]; then
        say "Bedrock mode: no credential guard."
    elif [ -s "$pairs" ]; then
        if ! command -v inotifywait >/dev/null 2>&1; then
            say "Installing inotify-tools..."
            if ! { apt-get update -qq && apt-get install -y -qq inotify-tools; } >/dev/null 2>&1; then
                say "WARNING: inotify-tools could not be installed; credentials will not be kept in step."
                say "Auth setup complete (without credential guard)."
                exit 0
            fi
        fi
        if [ -f "$pid_file" ]; then
            old=$(cat "$pid_file" 2>/dev/null || true)
            if [ -n "$old" ] && kill -0 "$old" 2>/dev/null; then
                kill "$old" 2>/dev/null || true
                say "Stopped the previous credential guard (PID $old)."
            fi
            rm -f "$pid_file"
        fi
        guard &
        echo $! > "$pid_file"
        say "Credential guard started (PID $(cat "$pid_file"))."
    fi
    say "Auth setup complete."

    """#
}
