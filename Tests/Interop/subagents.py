"""Subagents for the interop tests: one scenario for the fake CLIs, run by Python caw 0.1.9 and by
caw-tui (`run --agents`), so the Swift test can compare what both recorded.

Usage:
  <python> subagents.py cases SCENARIO_OUT        writes the fakes' scenario; prints the cases as JSON
  <venv python> subagents.py caw DATA_DIR CASE    runs one case with Python caw; prints {"session_id"}

A case: {"name", "prompt", "agents" (the `--agents` JSON: caw's AgentSpec fields, plus "provider"
where caw-tui picks a provider caw cannot), "caw_provider" ($CAW_PROVIDER for both programs, which
is how caw chooses its subagents' provider)}.

- "nested": a claude parent calls the "code reviewer" (codex), which calls the "style checker"
  (claude): claude -> codex -> claude, two deep. Python caw cannot pin subagent providers, so only
  caw-tui runs it.
- "differential": claude parent -> "code reviewer" -> "style checker", both subagents on codex
  through CAW_PROVIDER=codex, which both programs honour alike.
"""

from __future__ import annotations

import json
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
import fake_cli as f  # noqa: E402

SONNET = "claude-sonnet-4-5"

N_PARENT = "nested: review main.py with the code reviewer"
N_REVIEW = "nested: review main.py for bugs"
N_STYLE = "nested: check the style of main.py"
D_PARENT = "differential: review util.py with the code reviewer"
D_REVIEW = "differential: review util.py for bugs"
D_STYLE = "differential: check the style of util.py"


def parent(prompt: str, review: str, slow_ms: int = 0) -> dict:
    return {"provider": "claude", "match": prompt, "tool_use_id": "toolu_01parent" + str(len(prompt)),
            "subagent_call": {"tool": "code_reviewer", "prompt": review}, "lines": [
                f.claude_init(SONNET),
                f.claude_assistant([{"type": "text", "text": "Delegating to the code reviewer."}], msg_id="msg_p1",
                                   model=SONNET),
                f.SUBAGENT_CALL,
                f.claude_assistant([{"type": "text", "text": "The reviewer found one bug."}], msg_id="msg_p2",
                                   model=SONNET),
                f.claude_result("The reviewer found one bug.", input_tokens=30, output_tokens=60, cache_read=900,
                                cost=0.0188, duration_ms=3300, num_turns=2),
            ]}


def codex_reviewer(prompt: str, style: str, delay_ms: int = 0) -> dict:
    return {"provider": "codex", "match": prompt, "tool_use_id": "item_7", "line_delay_ms": delay_ms,
            "subagent_call": {"tool": "style_checker", "prompt": style}, "lines": [
                f.codex_thread_started(), f.codex_turn_started(),
                f.codex_item("item.completed", {"id": "item_0", "type": "reasoning", "text": "Check style first."}),
                f.SUBAGENT_CALL,
                f.codex_item("item.completed", {"id": "item_9", "type": "agent_message",
                                                "text": "Bug: off-by-one in the loop. Style: see the checker."}),
                f.codex_turn_completed(1200, 1000, 80),
            ]}


def cases() -> list[dict]:
    return [
        {"name": "nested", "prompt": N_PARENT, "caw_provider": None, "agents": [
            {"name": "code reviewer", "description": "Reviews code for bugs", "provider": "codex",
             "model": "gpt-5.3-codex", "system_prompt": "You review code.",
             "subagents": [{"name": "style checker", "description": "Checks style", "provider": "claude",
                            "tools": ["reader"]}]}]},
        {"name": "differential", "prompt": D_PARENT, "caw_provider": "codex", "agents": [
            {"name": "code reviewer", "description": "Reviews code for bugs", "model": "gpt-5.3-codex",
             "system_prompt": "You review code.",
             "subagents": [{"name": "style checker", "description": "Checks style", "model": "gpt-5.3-codex"}]}]},
    ]


SCENARIO = [
    parent(N_PARENT, N_REVIEW),
    codex_reviewer(N_REVIEW, N_STYLE, delay_ms=300),
    {"provider": "claude", "match": N_STYLE, "line_delay_ms": 300, "lines": [
        f.claude_init(),
        f.claude_assistant([{"type": "thinking", "thinking": "Looking at names."}], msg_id="msg_s1"),
        f.claude_assistant([{"type": "text", "text": "Style: rename `x` to `count`."}], msg_id="msg_s2"),
        f.claude_result("Style: rename `x` to `count`.", input_tokens=9, output_tokens=12, cache_read=2000,
                        cost=0.0019, duration_ms=800),
    ]},
    parent(D_PARENT, D_REVIEW),
    codex_reviewer(D_REVIEW, D_STYLE),
    {"provider": "codex", "match": D_STYLE, "lines": f.codex_reply("Style: rename `y` to `total`.")},
]


def spec(obj: dict):
    from caw import AgentSpec, ToolGroup

    groups = {"reader": ToolGroup.READER, "writer": ToolGroup.WRITER, "exec": ToolGroup.EXEC, "web": ToolGroup.WEB,
              "parallel": ToolGroup.PARALLEL, "interaction": ToolGroup.INTERACTION}
    tools = None
    for name in obj.get("tools") or []:
        tools = groups[name] if tools is None else tools | groups[name]
    return AgentSpec(name=obj["name"], description=obj.get("description", ""),
                     system_prompt=obj.get("system_prompt", ""), model=obj.get("model", ""), tools=tools,
                     subagents=[spec(s) for s in obj.get("subagents", [])])


def run_caw(data_dir: str, name: str) -> None:
    import os

    from caw import Agent

    case = next(c for c in cases() if c["name"] == name)
    if case["caw_provider"]:
        os.environ["CAW_PROVIDER"] = case["caw_provider"]
    agent = Agent(provider="claude_code", data_dir=data_dir)
    for obj in case["agents"]:
        agent.add_subagent(spec(obj))
    session = agent.start_session()
    session.send(case["prompt"])
    session.end()
    print(json.dumps({"session_id": session.trajectory.session_id}))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "cases":
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            json.dump(SCENARIO, out)
        print(json.dumps({"cases": cases()}))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "caw":
        run_caw(sys.argv[2], sys.argv[3])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
