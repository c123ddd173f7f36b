"""Report what the real Python caw sees in one session directory (e.g. one written by Swift).

Usage: <venv python> inspect_session.py DATA_DIR SESSION_ID

Prints one JSON object (keys in this order):
  session_id
  load_trajectory      Session.load_trajectory(trajectory.json).trajectory.to_dict()
  from_dict            Trajectory.from_dict(json.load(trajectory.json)).to_dict()
  trajectory_error     null, or why trajectory.json could not be loaded (then the fields
                       above and below derived from it are null)
  num_turns, total_tool_calls, is_complete, is_usage_limited, result
  resume_handle        the loaded session's resume_handle, or null if it raised ...
  resume_handle_error  ... with the error text here (else null)
  jsonl_events         every parsed line of traj.jsonl (blank lines skipped)
  jsonl_errors         [{"line": n, "error": ..., "text": ...}] for lines that are not JSON
  turn_files           sorted names in turns/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    from caw.agent import Session
    from caw.models import Trajectory

    session_dir = Path(sys.argv[1]) / "sessions" / sys.argv[2]
    traj_path = session_dir / "trajectory.json"
    out: dict = {"session_id": sys.argv[2]}

    loaded = traj = None
    try:
        loaded = Session.load_trajectory(traj_path)
        traj = loaded.trajectory
        out["load_trajectory"] = traj.to_dict()
        out["from_dict"] = Trajectory.from_dict(json.loads(traj_path.read_text(encoding="utf-8"))).to_dict()
        out["trajectory_error"] = None
    except Exception as exc:
        out.update(load_trajectory=None, from_dict=None, trajectory_error=f"{type(exc).__name__}: {exc}")

    out["num_turns"] = traj.num_turns if traj else None
    out["total_tool_calls"] = traj.total_tool_calls if traj else None
    out["is_complete"] = traj.is_complete if traj else None
    out["is_usage_limited"] = traj.is_usage_limited if traj else None
    out["result"] = traj.result if traj else None

    out["resume_handle"] = out["resume_handle_error"] = None
    if loaded is not None:
        try:
            out["resume_handle"] = loaded.resume_handle
        except Exception as exc:
            out["resume_handle_error"] = f"{type(exc).__name__}: {exc}"

    events, errors = [], []
    jsonl = session_dir / "traj.jsonl"
    if jsonl.exists():
        for n, line in enumerate(jsonl.read_text(encoding="utf-8").split("\n"), start=1):
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except ValueError as exc:
                errors.append({"line": n, "error": str(exc), "text": line})
    else:
        errors.append({"line": 0, "error": "traj.jsonl does not exist", "text": ""})
    out["jsonl_events"] = events
    out["jsonl_errors"] = errors

    turns_dir = session_dir / "turns"
    out["turn_files"] = sorted(p.name for p in turns_dir.iterdir()) if turns_dir.is_dir() else []

    print(json.dumps(out, indent=2, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
