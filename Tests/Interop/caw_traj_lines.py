"""Run the real `caw traj PATH [OPTIONS...]` and pass its output through.

Usage: <venv python> caw_traj_lines.py PATH [--step SEL ...] [--recursive] [--text-chars N]

Runs the `caw` entry point next to this interpreter (the venv's bin/caw), or
`<this python> -m caw.cli` when there is none, with `traj PATH ...`; prints its stdout unchanged
(UTF-8; stderr goes to stderr) and exits with its exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    caw_bin = Path(sys.executable).parent / "caw"
    cmd = [str(caw_bin)] if caw_bin.is_file() else [sys.executable, "-m", "caw.cli"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([*cmd, "traj", *sys.argv[1:]], stdout=subprocess.PIPE, env=env)
    sys.stdout.buffer.write(proc.stdout)
    sys.stdout.flush()
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
