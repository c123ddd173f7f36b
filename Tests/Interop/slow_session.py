"""Have the real Python caw record one claude session slowly, for live-follow tests.

Usage: <venv python> slow_session.py DATA_DIR DELAY_MS

The fake claude prints a thinking block, a tool call, its result and two text blocks, DELAY_MS apart,
so caw rewrites trajectory.json (non-atomically) several times during the turn. Prints
{"session_id": ...} when the session has ended.
"""

from __future__ import annotations

import json
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
import fake_cli as f  # noqa: E402

PROMPT = "follow me slowly"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    data_dir, delay = sys.argv[1], int(sys.argv[2])
    lines = [
        f.claude_init(),
        f.claude_assistant([{"type": "thinking", "thinking": "Plan the work.", "signature": "s"}], msg_id="msg_s1"),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_s1", "name": "Bash", "input": {"command": "ls"}}],
                           msg_id="msg_s1"),
        f.claude_tool_result("toolu_s1", "a.py\nb.py"),
        f.claude_assistant([{"type": "text", "text": "Two files."}], msg_id="msg_s2"),
        f.claude_assistant([{"type": "text", "text": "Done."}], msg_id="msg_s3"),
        f.claude_result("Done.", input_tokens=5, output_tokens=9, cost=0.002, duration_ms=1500),
    ]
    scenario = [{"provider": "claude", "match": PROMPT, "lines": lines, "line_delay_ms": delay}]
    with tempfile.TemporaryDirectory(prefix="caw_slow_") as tmp:
        f.use_fakes(tmp, scenario)
        from caw import Agent

        session = Agent(provider="claude_code", data_dir=data_dir).start_session()
        print(json.dumps({"started": session.trajectory.session_id}), flush=True)
        session.send(PROMPT)
        session.end()
    print(json.dumps({"session_id": session.trajectory.session_id}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
