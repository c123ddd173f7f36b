"""Cases for the differential test: Python caw 0.1.9 and caw-tui run the same fake CLIs on the same
streams, and the Swift test compares what both recorded and the command lines both ran.

Usage:
  <python> differential.py cases SCENARIO_OUT     writes the fakes' scenario, prints the cases as JSON
  <venv python> differential.py caw DATA_DIR LOG   runs every case with Python caw; prints
                                                   {"sessions": {case name: session id}}

Each case: {"name", "provider", "model", "reasoning", "system_prompt", "tools" (list of group names or
null for caw's default), "mcp" (list of {"name", "url"} or {"name", "command", "args"}), "messages",
"resume": null or {"by": "handle" | "id", "messages": [...]}}. Every message is unique, so the fakes
answer both programs alike.

The streams exercise the places where caw-tui deliberately records more than caw (the Swift test
lists them): codex `aggregated_output`, codex `file_change` items that only appear at `item.completed`,
a codex command whose `exit_code` is still null, claude turns with no `result` line.
"""

from __future__ import annotations

import json
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
import fake_cli as f  # noqa: E402

SONNET = "claude-sonnet-4-5"
HAIKU = "claude-haiku-4-5-20251001"

# -- claude: tools, an MCP result, a tool error, thinking; resumed by handle -------------------------
C1 = "diff-claude-1: list the files and ask the docs server"
C2 = "diff-claude-2: read the missing file"
C3 = "diff-claude-3: resumed, what did you find?"
claude_entries = [
    {"provider": "claude", "match": C1, "lines": [
        f.claude_init(SONNET),
        f.claude_assistant([{"type": "thinking", "thinking": "List first, then ask docs.", "signature": "sig"}],
                           msg_id="msg_dc1a", model=SONNET),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_dc1bash", "name": "Bash",
                             "input": {"command": "ls", "description": "List files"}}], msg_id="msg_dc1a", model=SONNET),
        f.claude_tool_result("toolu_dc1bash", "a.py\nb.py"),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_dc1docs", "name": "mcp__docs__search",
                             "input": {"q": "a.py"}}], msg_id="msg_dc1b", model=SONNET),
        f.claude_tool_result("toolu_dc1docs", [{"type": "text", "text": "{\"result\": {\"hits\": 2, \"ok\": true}}"}]),
        f.claude_assistant([{"type": "text", "text": "Two files; docs found 2 hits — ✓ 日本語"}], msg_id="msg_dc1c",
                           model=SONNET),
        f.claude_result("Two files", input_tokens=10, output_tokens=50, cache_read=1000, cache_write=500,
                        cost=0.0123, duration_ms=5123, num_turns=3),
    ]},
    {"provider": "claude", "match": C2, "lines": [
        f.claude_init(SONNET),
        f.claude_assistant([{"type": "tool_use", "id": "toolu_dc2read", "name": "Read",
                             "input": {"file_path": "/w/missing.py"}}], msg_id="msg_dc2a", model=SONNET),
        f.claude_tool_result("toolu_dc2read", "<tool_use_error>File does not exist.</tool_use_error>", is_error=True),
        f.claude_assistant([{"type": "text", "text": "It does not exist."}], msg_id="msg_dc2b", model=SONNET),
        f.claude_result("It does not exist.", input_tokens=7, output_tokens=9, cost=0, duration_ms=800),
    ]},
    {"provider": "claude", "match": C3, "lines": f.claude_reply("I found a.py and b.py.", cost=0.002, duration_ms=640)},
]

# -- claude with no result line (caw records zero usage; caw-tui sums the messages' usage) -----------
N1 = "diff-claude-noresult: say hi"
noresult_entries = [
    {"provider": "claude", "match": N1, "lines": [
        f.claude_init(HAIKU),
        f.claude_assistant([{"type": "text", "text": "hi"}], msg_id="msg_dn1", model=HAIKU),
    ]},
]

# -- codex: reasoning, commands, MCP, file change; resumed by session id ------------------------------
X1 = "diff-codex-1: run the tests and fix the file"
X2 = "diff-codex-2: and now?"
X3 = "diff-codex-3: resumed by id"
codex_entries = [
    {"provider": "codex", "match": X1, "lines": [
        f.codex_thread_started(), f.codex_turn_started(),
        f.codex_item("item.completed", {"id": "item_0", "type": "reasoning", "text": "**Running tests**"}),
        f.codex_item("item.started", {"id": "item_1", "type": "command_execution", "command": "/bin/bash -lc pytest",
                                      "aggregated_output": "", "exit_code": None, "status": "in_progress"}),
        f.codex_item("item.updated", {"id": "item_1", "type": "command_execution", "command": "/bin/bash -lc pytest",
                                      "aggregated_output": "collected 3 items\n", "exit_code": None,
                                      "status": "in_progress"}),
        f.codex_item("item.completed", {"id": "item_1", "type": "command_execution", "command": "/bin/bash -lc pytest",
                                        "aggregated_output": "collected 3 items\n1 failed\n", "exit_code": 1,
                                        "status": "failed"}),
        f.codex_item("item.started", {"id": "item_2", "type": "mcp_tool_call", "server": "docs", "tool": "search",
                                      "arguments": {"q": "pytest"}, "result": None, "error": None,
                                      "status": "in_progress"}),
        f.codex_item("item.completed", {"id": "item_2", "type": "mcp_tool_call", "server": "docs", "tool": "search",
                                        "arguments": {"q": "pytest"},
                                        "result": {"content": [{"type": "text", "text": "found 3"}]},
                                        "error": None, "status": "completed"}),
        f.codex_item("item.completed", {"id": "item_3", "type": "file_change",
                                        "changes": [{"path": "/w/calc.py", "kind": "update"}], "status": "completed"}),
        f.codex_item("item.completed", {"id": "item_4", "type": "agent_message", "text": "Fixed calc.py."}),
        f.codex_turn_completed(24763, 24448, 122),
    ]},
    {"provider": "codex", "match": X2, "lines": f.codex_reply("All tests pass now.")},
    {"provider": "codex", "match": X3, "lines": f.codex_reply("Still passing.")},
]

# -- codex usage limit: the error and turn.failed both become text blocks -------------------------------
L1 = "diff-codex-limit: keep going"
LIMIT = "You've hit your usage limit. Upgrade to Pro or try again at 3:47 PM."
limit_entries = [
    {"provider": "codex", "match": L1, "lines": [
        f.codex_thread_started(), f.codex_turn_started(),
        json.dumps({"type": "error", "message": LIMIT}),
        json.dumps({"type": "turn.failed", "error": {"message": LIMIT}}),
    ]},
]

# -- opencode: encrypted reasoning, a failed tool, two priced steps; resumed by handle ----------------
O1 = "diff-opencode-1: read the config"
O2 = "diff-opencode-2: summarise"
O3 = "diff-opencode-3: resumed by handle"
opencode_entries = [
    {"provider": "opencode", "match": O1, "lines": [
        f.opencode_event("step_start", {"type": "step-start"}, 0),
        f.opencode_event("reasoning", {"type": "reasoning", "text": "",
                                       "metadata": {"openai": {"itemId": "rs_1", "reasoningEncryptedContent": "gAAA"}}}, 1),
        f.opencode_event("tool_use", {"type": "tool", "callID": "call_read1", "tool": "read",
                                      "state": {"status": "error", "input": {"filePath": "/w/config.toml"},
                                                "error": "File not found: /w/config.toml"}}, 2),
        f.opencode_step_finish(1200, 40, reasoning=10, cache_read=3000, reason="tool-calls", offset_ms=3),
        f.opencode_event("step_start", {"type": "step-start"}, 4),
        f.opencode_event("text", {"type": "text", "text": "There is no config.toml."}, 5),
        f.opencode_step_finish(1300, 20, cache_read=3000, offset_ms=6),
    ]},
    {"provider": "opencode", "match": O2, "lines": f.opencode_reply("Nothing to summarise.")},
    {"provider": "opencode", "match": O3, "lines": f.opencode_reply("Resumed fine.")},
]

SCENARIO = claude_entries + noresult_entries + codex_entries + limit_entries + opencode_entries

CASES = [
    {"name": "claude", "provider": "claude_code", "model": SONNET, "reasoning": "high",
     "system_prompt": "You are terse.", "tools": None,
     "mcp": [{"name": "docs", "url": "http://127.0.0.1:9/mcp"}],
     "messages": [C1, C2], "resume": {"by": "handle", "messages": [C3]}},
    {"name": "claude_no_result", "provider": "claude_code", "model": "", "reasoning": "", "system_prompt": "",
     "tools": ["reader", "exec"], "mcp": [], "messages": [N1], "resume": None},
    {"name": "codex", "provider": "codex", "model": "gpt-5.3-codex", "reasoning": "medium",
     "system_prompt": "You are a codex test agent.", "tools": ["reader"],
     "mcp": [{"name": "docs", "command": "python", "args": ["-m", "docs_srv"]}],
     "messages": [X1, X2], "resume": {"by": "id", "messages": [X3]}},
    {"name": "codex_limit", "provider": "codex", "model": "gpt-5.3-codex", "reasoning": "", "system_prompt": "",
     "tools": None, "mcp": [], "messages": [L1], "resume": None},
    {"name": "opencode", "provider": "opencode", "model": "openai/gpt-5.3-codex", "reasoning": "high",
     "system_prompt": "Be brief.", "tools": ["reader", "writer", "exec"],
     "mcp": [{"name": "web", "url": "http://127.0.0.1:9/mcp"}],
     "messages": [O1, O2], "resume": {"by": "handle", "messages": [O3]}},
]


def _agent(case: dict, data_dir: str):
    from caw import Agent, MCPServer, ToolGroup

    tools = None
    if case["tools"] is not None:
        tools = ToolGroup(0)
        for name in case["tools"]:
            tools |= ToolGroup[name.upper()]
    agent = Agent(provider=case["provider"], data_dir=data_dir, system_prompt=case["system_prompt"] or None,
                  model=case["model"] or None, reasoning=case["reasoning"] or None, tools=tools)
    for server in case["mcp"]:
        agent.add_mcp_server(MCPServer(name=server["name"], url=server.get("url", ""),
                                       command=server.get("command", ""), args=server.get("args", [])))
    return agent


def run_with_caw(data_dir: str) -> dict[str, str]:
    from caw import Agent

    sessions: dict[str, str] = {}
    for case in CASES:
        session = _agent(case, data_dir).start_session()
        for message in case["messages"]:
            session.send(message)
        session.end()
        resume = case["resume"]
        if resume:
            target = session.resume_handle if resume["by"] == "handle" else session.trajectory.session_id
            session = Agent(data_dir=data_dir).resume_session(target)
            for message in resume["messages"]:
                session.send(message)
            session.end()
        sessions[case["name"]] = session.trajectory.session_id
    return sessions


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "cases":
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            json.dump(SCENARIO, out, indent=1, ensure_ascii=False)
        print(json.dumps({"cases": CASES}, ensure_ascii=False))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "caw":
        with tempfile.TemporaryDirectory(prefix="caw_diff_") as tmp:
            f.use_fakes(tmp, SCENARIO, log_path=sys.argv[3])
            sessions = run_with_caw(sys.argv[2])
        print(json.dumps({"sessions": sessions}))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
