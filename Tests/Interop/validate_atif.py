"""Validate ATIF files with the `atif` package's pydantic models (ATIF v1.8).

Usage: <venv python> validate_atif.py FILE...
Prints one JSON object: {"valid": [files], "invalid": {file: error text}, "steps": {file: step count},
"subagents": {file: number of embedded subagent trajectories, recursively}}.
"""

from __future__ import annotations

import json
import sys

sys.dont_write_bytecode = True  # keep the source tree clean


def count_subagents(trajectory) -> int:
    subs = trajectory.subagent_trajectories or []
    return len(subs) + sum(count_subagents(s) for s in subs)


def main() -> int:
    from atif import Trajectory

    out: dict = {"valid": [], "invalid": {}, "steps": {}, "subagents": {}}
    for path in sys.argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                trajectory = Trajectory.model_validate(json.load(f))
        except Exception as exc:  # report every failure, keep going
            out["invalid"][path] = f"{type(exc).__name__}: {exc}"
            continue
        out["valid"].append(path)
        out["steps"][path] = len(trajectory.steps)
        out["subagents"][path] = count_subagents(trajectory)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
