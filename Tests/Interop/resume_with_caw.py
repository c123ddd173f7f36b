"""Resume a session (e.g. one written by Swift) with the real Python caw and add one turn.

Usage: <venv python> resume_with_caw.py DATA_DIR HANDLE_OR_ID MESSAGE

Runs caw.Agent(data_dir=DATA_DIR).resume_session(HANDLE_OR_ID) (provider not pinned, so a handle's
provider or the stored trajectory's agent decides), sends MESSAGE to the fake CLIs (which answer
"Resumed reply to: MESSAGE" on every provider), ends the session and prints one JSON object:
  {"session_id", "provider", "num_turns", "turn_files": sorted names in turns/,
   "fake_log": the invocations the fake CLIs saw (see fake_cli.py)}
On failure prints the exception text to stderr and exits 1.
"""

from __future__ import annotations

import json
import sys
import tempfile
import traceback

sys.dont_write_bytecode = True  # keep the source tree clean
import fake_cli  # noqa: E402


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    data_dir, handle, message = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="caw_interop_resume_") as tmp:
        paths = fake_cli.use_fakes(tmp, fake_cli.replies_to(message, f"Resumed reply to: {message}"))
        try:
            from caw import Agent

            session = Agent(data_dir=data_dir).resume_session(handle)
            session.send(message)
            traj = session.end()
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            print(f"resume_with_caw failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        turns_dir = session.session_dir / "turns"
        print(json.dumps({
            "session_id": traj.session_id,
            "provider": traj.agent,
            "num_turns": traj.num_turns,
            "turn_files": sorted(p.name for p in turns_dir.iterdir()),
            "fake_log": fake_cli.read_log(paths["log"]),
        }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
