"""Make the real Python caw write a set of realistic sessions into DATA_DIR.

Usage: <venv python> write_sessions.py DATA_DIR [FAKE_LOG]

caw runs the fake CLIs from fakebin/ (see fake_cli.py) with a scenario written here, so every
session goes through caw's real parsers, storage and subagent MCP servers. Prints one JSON object:
{"sessions": [{"name", "session_id", "provider", "resume_handle"}, ...]}. With FAKE_LOG, every fake
CLI invocation is appended there as one JSON line (see fake_cli.py).

Sessions: claude_multi, codex_multi, opencode_multi, resumed (claude, resumed by handle),
resumed_codex (resumed by bare session id), subagents (2-deep nesting), unfinished (no end()),
usage_limited.
"""

from __future__ import annotations

import json
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
import fake_cli as f  # noqa: E402

SONNET = "claude-sonnet-4-5"

# -- claude_multi ------------------------------------------------------------------------------

CM1 = "List the Python files in this repo and say what they do."
CM2 = "Open missing.py and summarise it."
CM3 = "Noch eine Frage: was ergibt calc(6×7)? Antworte mit Grüßen 🚀"
CM_TEXT3 = "Grüße, 世界 🚀 — calc says 6×7 = 42."

claude_multi = [
    {"provider": "claude", "match": CM1, "lines": [
        f.claude_init(SONNET),
        f.claude_assistant([{"type": "thinking", "thinking": "I should list the files first.\nThen read them.",
                             "signature": "EqQBCkYIBxgCKkBfake"}], msg_id="msg_01CM1a", model=SONNET),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_01CM1bash", "name": "Bash",
                             "input": {"command": "ls *.py", "description": "List Python files"}}],
                           msg_id="msg_01CM1a", model=SONNET),
        f.claude_tool_result("toolu_01CM1bash", "app.py\nutil.py", is_error=False),
        f.claude_assistant([{"type": "text", "text": "There are 2 files:\n- app.py (entry point)\n- util.py (helpers)"}],
                           msg_id="msg_01CM1b", model=SONNET),
        f.claude_result("There are 2 files:\n- app.py (entry point)\n- util.py (helpers)", input_tokens=12,
                        output_tokens=230, cache_read=15234, cache_write=2048, cost=0.0421, duration_ms=4810, num_turns=2),
    ]},
    {"provider": "claude", "match": CM2, "lines": [
        f.claude_init(SONNET),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_01CM2read", "name": "Read",
                             "input": {"file_path": "/work/project/missing.py"}}], msg_id="msg_01CM2a", model=SONNET),
        f.claude_tool_result("toolu_01CM2read", "<tool_use_error>File does not exist.</tool_use_error>", is_error=True),
        f.claude_assistant([{"type": "text", "text": "missing.py does not exist."}], msg_id="msg_01CM2b", model=SONNET),
        f.claude_result("missing.py does not exist.", input_tokens=8, output_tokens=41, cache_read=17400,
                        cache_write=310, cost=0.00987, duration_ms=2150, num_turns=2),
    ]},
    {"provider": "claude", "match": CM3, "lines": [
        f.claude_init(SONNET),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_01CM3calc", "name": "mcp__calc__evaluate",
                             "input": {"expression": "6*7"}}], msg_id="msg_01CM3a", model=SONNET),
        f.claude_tool_result("toolu_01CM3calc", [{"type": "text", "text": "{\"result\": \"42\"}"}]),
        f.claude_assistant([{"type": "text", "text": CM_TEXT3}], msg_id="msg_01CM3b", model=SONNET),
        f.claude_result(CM_TEXT3, input_tokens=20, output_tokens=35, cache_read=18000, cache_write=0,
                        cost=0.0063, duration_ms=1730, num_turns=2),
    ]},
]

# -- codex_multi -------------------------------------------------------------------------------

CX1 = "Run the test suite and report failures."
CX2 = "Look up the docs for pytest fixtures."

codex_multi = [
    {"provider": "codex", "match": CX1, "lines": [
        f.codex_thread_started(),
        f.codex_turn_started(),
        f.codex_item("item.completed", {"id": "item_0", "type": "reasoning", "text": "**Running tests**\n\nI'll run pytest."}),
        *f.codex_command("item_1", "/bin/bash -lc 'ls tests'", "test_app.py\ntest_util.py\n", 0),
        *f.codex_command("item_2", "/bin/bash -lc 'pytest -q'", "F.\n1 failed, 1 passed in 0.12s\n", 1),
        f.codex_item("item.completed", {"id": "item_3", "type": "agent_message",
                                        "text": "1 test failed: test_app.py::test_main."}),
        f.codex_turn_completed(24763, 24448, 122),
    ]},
    {"provider": "codex", "match": CX2, "lines": [
        f.codex_thread_started(),
        f.codex_turn_started(),
        f.codex_item("item.completed", {"id": "item_0", "type": "reasoning", "text": "**Searching docs**"}),
        f.codex_item("item.started", {"id": "item_1", "type": "mcp_tool_call", "server": "docs", "tool": "search",
                                      "arguments": {"q": "pytest fixtures"}, "result": None, "error": None,
                                      "status": "in_progress"}),
        f.codex_item("item.completed", {"id": "item_1", "type": "mcp_tool_call", "server": "docs", "tool": "search",
                                        "arguments": {"q": "pytest fixtures"},
                                        "result": {"content": [{"type": "text", "text": "found 3 pages"}],
                                                   "structured_content": None},
                                        "error": None, "status": "completed"}),
        f.codex_item("item.completed", {"id": "item_2", "type": "agent_message", "text": "Fixtures are set up with @pytest.fixture."}),
        f.codex_turn_completed(30100, 28000, 88),
    ]},
]

# -- opencode_multi ----------------------------------------------------------------------------

OC1 = "Count the lines in README.md."
OC2 = "Read notes.txt please."

opencode_multi = [
    {"provider": "opencode", "match": OC1, "lines": [
        f.opencode_event("step_start", {"type": "step-start", "snapshot": "4b825dc6"}, 0),
        f.opencode_event("reasoning", {"type": "reasoning", "text": "Use wc -l on the README.",
                                       "time": {"start": 1767036059340, "end": 1767036059350}}, 2),
        f.opencode_event("tool_use", {"type": "tool", "callID": "call_oc1wc", "tool": "bash", "state": {
            "status": "completed", "input": {"command": "wc -l README.md", "description": "Count lines"},
            "output": "42 README.md\n", "title": "Count lines", "metadata": {"exit": 0},
            "time": {"start": 1767036059360, "end": 1767036059400}}}, 60),
        f.opencode_step_finish(1200, 40, reasoning=10, cache_read=3000, reason="tool-calls", offset_ms=70),
        f.opencode_event("step_start", {"type": "step-start", "snapshot": "4b825dc6"}, 80),
        f.opencode_event("text", {"type": "text", "text": "README.md has 42 lines.",
                                  "time": {"start": 1767036059420, "end": 1767036059430}}, 90),
        f.opencode_step_finish(1300, 20, cache_read=3000, cost=0.0021, offset_ms=95),
    ]},
    {"provider": "opencode", "match": OC2, "lines": [
        f.opencode_event("step_start", {"type": "step-start", "snapshot": "4b825dc6"}, 0),
        f.opencode_event("reasoning", {"type": "reasoning", "text": "", "metadata": {
            "openai": {"itemId": "rs_0abc", "reasoningEncryptedContent": "gAAAAABfakeEncrypted=="}}}, 3),
        f.opencode_event("tool_use", {"type": "tool", "callID": "call_oc2read", "tool": "read", "state": {
            "status": "error", "input": {"filePath": "/work/project/notes.txt"},
            "error": "Error: File not found: /work/project/notes.txt",
            "time": {"start": 1767036059370, "end": 1767036059380}}}, 30),
        f.opencode_step_finish(1500, 15, reasoning=64, cache_read=2900, reason="tool-calls", offset_ms=40),
        f.opencode_event("step_start", {"type": "step-start", "snapshot": "4b825dc6"}, 50),
        f.opencode_event("text", {"type": "text", "text": "notes.txt does not exist."}, 60),
        f.opencode_step_finish(1600, 9, cache_read=2900, offset_ms=70),
    ]},
]

# -- resumed / unfinished / usage_limited ------------------------------------------------------

RS1 = "Remember the number 7."
RS2 = "Which number did I ask you to remember?"
RX1 = "Create a TODO list for the release."
RX2 = "Mark the first TODO as done."
UF1 = "Start refactoring util.py (this session is never ended)."
UL1 = "Write a long essay about caching."
LIMIT_TEXT = "You've hit your limit · resets 3pm (UTC)"

small = [
    {"provider": "claude", "match": RS1, "lines": f.claude_reply("OK, I will remember 7.")},
    {"provider": "claude", "match": RS2, "lines": f.claude_reply("You asked me to remember 7.")},
    {"provider": "codex", "match": RX1, "lines": f.codex_reply("TODO: 1. bump version 2. tag release")},
    {"provider": "codex", "match": RX2, "lines": f.codex_reply("Marked 'bump version' as done.")},
    {"provider": "claude", "match": UF1, "lines": f.claude_reply("Refactoring started: extracted parse().")},
    {"provider": "claude", "match": UL1, "lines": [
        f.claude_init(),
        f.claude_assistant([{"type": "text", "text": LIMIT_TEXT}], msg_id="msg_01UL1"),
        f.claude_result(LIMIT_TEXT, input_tokens=0, output_tokens=0, cost=0, duration_ms=310, is_error=True),
    ]},
]

# -- subagents (parent -> "code reviewer" -> "style checker") -----------------------------------

SA1 = "Review main.py with the code reviewer."
SA_REVIEW = "Review main.py for bugs."
SA_STYLE = "Check the style of main.py."

subagents = [
    {"provider": "claude", "match": SA1, "tool_use_id": "toolu_01SAreview",
     "subagent_call": {"tool": "code_reviewer", "prompt": SA_REVIEW}, "lines": [
         f.claude_init(SONNET),
         f.claude_assistant([{"type": "text", "text": "Delegating to the code reviewer."}], msg_id="msg_01SA1a", model=SONNET),
         f.SUBAGENT_CALL,
         f.claude_assistant([{"type": "text", "text": "The reviewer found one bug and one style issue."}],
                            msg_id="msg_01SA1b", model=SONNET),
         f.claude_result("The reviewer found one bug and one style issue.", input_tokens=30, output_tokens=60,
                         cache_read=9000, cache_write=1200, cost=0.0188, duration_ms=3300, num_turns=2),
     ]},
    {"provider": "claude", "match": SA_REVIEW, "tool_use_id": "toolu_01SAstyle",
     "subagent_call": {"tool": "style_checker", "prompt": SA_STYLE}, "lines": [
         f.claude_init(),
         f.claude_assistant([{"type": "thinking", "thinking": "Ask the style checker first."}], msg_id="msg_01SA2a"),
         f.SUBAGENT_CALL,
         f.claude_assistant([{"type": "text", "text": "Bug: off-by-one in loop. Style: see checker."}], msg_id="msg_01SA2b"),
         f.claude_result("Bug: off-by-one in loop. Style: see checker.", input_tokens=14, output_tokens=44,
                         cache_read=5000, cache_write=800, cost=0.0071, duration_ms=2100, num_turns=2),
     ]},
    {"provider": "claude", "match": SA_STYLE, "lines": [
        f.claude_init(),
        f.claude_assistant([{"type": "thinking", "thinking": "Looking at naming."}], msg_id="msg_01SA3a"),
        f.claude_assistant([{"type": "text", "text": "Style: rename `x` to `count`."}], msg_id="msg_01SA3b"),
        f.claude_result("Style: rename `x` to `count`.", input_tokens=9, output_tokens=12, cache_read=2000,
                        cost=0.0019, duration_ms=800),
    ]},
]

SCENARIO = claude_multi + codex_multi + opencode_multi + small + subagents


def handle_of(session) -> str | None:
    try:
        return session.resume_handle
    except Exception:
        return None


def record(out: list, name: str, session) -> None:
    traj = session.trajectory
    out.append({"name": name, "session_id": traj.session_id, "provider": traj.agent, "resume_handle": handle_of(session)})


def write_all(data_dir: str) -> list[dict]:
    from caw import Agent, AgentSpec

    out: list[dict] = []

    agent = Agent(provider="claude_code", data_dir=data_dir, system_prompt="You are a careful coding assistant.",
                  model=SONNET, reasoning="high")
    s = agent.start_session(metadata={"task": "demo", "run": 1})
    for msg in (CM1, CM2, CM3):
        s.send(msg)
    s.end()
    record(out, "claude_multi", s)

    s = Agent(provider="codex", data_dir=data_dir, model="gpt-5.3-codex", reasoning="medium",
              system_prompt="You are a codex test agent.").start_session()
    s.send(CX1)
    s.send(CX2)
    s.end()
    record(out, "codex_multi", s)

    s = Agent(provider="opencode", data_dir=data_dir, model="openai/gpt-5.3-codex", reasoning="high").start_session()
    s.send(OC1)
    s.send(OC2)
    s.end()
    record(out, "opencode_multi", s)

    s = Agent(provider="claude_code", data_dir=data_dir, model=SONNET, reasoning="low",
              system_prompt="You remember numbers.").start_session(metadata={"task": "resume-demo"})
    s.send(RS1)
    s.end()
    s = Agent(data_dir=data_dir).resume_session(s.resume_handle)
    s.send(RS2)
    s.end()
    record(out, "resumed", s)

    s = Agent(provider="codex", data_dir=data_dir, model="gpt-5.3-codex").start_session()
    s.send(RX1)
    s.end()
    s = Agent(data_dir=data_dir).resume_session(s.trajectory.session_id)
    s.send(RX2)
    s.end()
    record(out, "resumed_codex", s)

    checker = AgentSpec(name="style checker", description="Checks code style.", system_prompt="You check style.")
    reviewer = AgentSpec(name="code reviewer", description="Reviews code for bugs.",
                         system_prompt="You review code.", subagents=[checker])
    agent = Agent(provider="claude_code", data_dir=data_dir, model=SONNET)
    agent.add_subagent(reviewer)
    s = agent.start_session()
    s.send(SA1)
    s.end()
    record(out, "subagents", s)

    s = Agent(provider="claude_code", data_dir=data_dir).start_session()
    s.send(UF1)  # deliberately no end()
    record(out, "unfinished", s)

    s = Agent(provider="claude_code", data_dir=data_dir).start_session()
    s.send(UL1)
    s.end()
    record(out, "usage_limited", s)
    return out


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="caw_interop_") as tmp:
        f.use_fakes(tmp, SCENARIO, log_path=sys.argv[2] if len(sys.argv) == 3 else None)
        sessions = write_all(sys.argv[1])
    print(json.dumps({"sessions": sessions}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
