"""Fake `claude`, `codex` and `opencode` CLIs for caw interop tests.

The executables in fakebin/ call `main(<provider>)`. A fake run:

1. works out the prompt (claude: stdin; codex/opencode: last argv element) and the
   provider-side ids it was given (claude `--session-id`/`--resume`, codex
   `exec resume <thread>`, opencode `--session`);
2. appends one JSON line describing the invocation to `$CAW_FAKE_LOG` (if set);
3. picks the first entry of the JSON list in `$CAW_FAKE_SCENARIO` whose "provider" is this
   CLI and whose "match" is a substring of the prompt, and prints its "lines" with the
   placeholders `{SESSION_ID}`, `{THREAD_ID}` and `{OPENCODE_SESSION}` filled in, then
   writes its "stderr" and exits with its "exit_code" (default 0). No match: exit 1.

Claude and codex entries may also carry `"subagent_call": {"tool": ..., "prompt": ...}` (or the
general `"mcp_call": {"server": ..., "tool": ..., "arguments": {...}}`) and `"tool_use_id"`: the
fake then calls that tool on the named MCP server (`subagent` for subagent_call) that caw passed —
claude: the `--mcp-config` file, codex: `-c mcp_servers.<name>.url="..."` — over streamable HTTP
with the `mcp` client library, and prints the CLI's own lines for the call and its result (claude:
a tool_use and a tool_result line; codex: mcp_tool_call item.started and item.completed). They are
printed where a line equal to "{SUBAGENT_CALL}" sits in "lines", else after the leading `system` /
`thread.started` / `turn.started` lines.
Optional "line_delay_ms" sleeps between printed lines (handy for live-follow tests). A line
"{GATE:<path>}" prints nothing and waits until the file <path> exists: a test releases the rest of
the stream when it is ready for it, instead of racing a delay (gives up after 300 s, exit 1).

The second half of this module has small builders for lines in the real stream formats
(claude stream-json, codex exec --json, opencode run --format json) and `use_fakes()`, which
points the current process (and caw) at the fakes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAKEBIN = HERE / "fakebin"
SUBAGENT_CALL = "{SUBAGENT_CALL}"
LOGGED_ENV = ("OPENCODE_CONFIG", "CAW_PROVIDER", "CAW_MODEL", "CAW_EFFORT")
DEFAULT_CLAUDE_MODEL = "claude-sonnet-4-5-20250929"


# ---------------------------------------------------------------------------------------
# The fake CLI itself
# ---------------------------------------------------------------------------------------


def _flag(argv: list[str], name: str) -> str | None:
    """Value of option `name` in argv (`name VALUE` or `name=VALUE`), or None."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg[len(name) + 1 :]
    return None


def _derived_id(prompt: str) -> str:
    """A stable uuid-looking id derived from the prompt."""
    return str(uuid.UUID(bytes=hashlib.sha256(prompt.encode("utf-8")).digest()[:16]))


def _parse_invocation(provider: str, argv: list[str]) -> dict:
    """Prompt and provider-side ids of this invocation."""
    inv: dict = {"provider": provider, "argv": argv, "stdin": None}
    if provider == "claude":
        if "-p" in argv:  # headless: caw writes the prompt to stdin and closes it
            inv["stdin"] = sys.stdin.buffer.read().decode("utf-8")
        inv["prompt"] = inv["stdin"] if inv["stdin"] is not None else (argv[-1] if len(argv) > 1 else "")
        sid = _flag(argv, "--session-id") or _flag(argv, "--resume")
        inv["ids"] = {"SESSION_ID": sid or _derived_id(inv["prompt"])}
        inv["mcp_config"] = _flag(argv, "--mcp-config")
        inv["model"] = _flag(argv, "--model") or DEFAULT_CLAUDE_MODEL
    elif provider == "codex":
        inv["prompt"] = argv[-1] if len(argv) > 1 else ""
        # caw: `exec resume THREAD ...`; caw-tui: `exec resume [OPTIONS] -- THREAD PROMPT`.
        operands = argv[argv.index("--") + 1 :] if "--" in argv else None
        if argv[1:3] != ["exec", "resume"]:
            thread = None
        elif operands is not None:
            thread = operands[0] if len(operands) > 1 else None
        else:
            thread = argv[3] if len(argv) > 3 else None
        inv["ids"] = {"THREAD_ID": thread or _derived_id(inv["prompt"])}
    else:
        inv["prompt"] = argv[-1] if len(argv) > 1 else ""
        ses = _flag(argv, "--session")
        inv["ids"] = {"OPENCODE_SESSION": ses or "ses_" + hashlib.sha256(inv["prompt"].encode()).hexdigest()[:26]}
    return inv


def _read_text(path: str | None) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8") if path else None
    except OSError:
        return None


def _log(inv: dict, matched: int | None) -> None:
    log_path = os.environ.get("CAW_FAKE_LOG")
    if not log_path:
        return
    config_paths = [inv.get("mcp_config"), os.environ.get("OPENCODE_CONFIG") if inv["provider"] == "opencode" else None]
    entry = {
        "provider": inv["provider"],
        "argv": inv["argv"],
        "cwd": os.getcwd(),
        "env": {k: os.environ[k] for k in LOGGED_ENV if k in os.environ},
        "prompt": inv["prompt"],
        "stdin": inv["stdin"],
        "config_files": {p: _read_text(p) for p in config_paths if p},
        "matched": matched,
        "pid": os.getpid(),
    }
    with open(log_path, "a", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _pick(provider: str, prompt: str) -> tuple[int | None, dict | None]:
    path = os.environ.get("CAW_FAKE_SCENARIO")
    if not path:
        return None, None
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for i, entry in enumerate(entries):
        if entry.get("provider") == provider and entry.get("match", "") in prompt:
            return i, entry
    return None, None


def _fill(line: str, ids: dict[str, str]) -> str:
    for key, value in ids.items():
        line = line.replace("{" + key + "}", value)
    return line


def _event_type(line: str) -> str | None:
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event.get("type") if isinstance(event, dict) else None


def _server_url(inv: dict, name: str) -> str:
    """The URL of the HTTP MCP server `name` the caller gave this CLI."""
    if inv["provider"] == "claude":
        if not inv.get("mcp_config"):
            raise RuntimeError("an MCP call needs --mcp-config, but none was passed")
        servers = json.loads(Path(inv["mcp_config"]).read_text(encoding="utf-8"))["mcpServers"]
        server = servers.get(name) or (next(iter(servers.values())) if len(servers) == 1 and name == "subagent" else None)
        if not server or not server.get("url"):
            raise RuntimeError(f"no {name!r} HTTP server in {inv['mcp_config']}: {sorted(servers)}")
        return server["url"]
    prefix = f"mcp_servers.{name}.url="
    for arg in inv["argv"]:
        if arg.startswith(prefix):
            return arg[len(prefix):].strip('"')
    raise RuntimeError(f"no -c {prefix}... among the arguments")


def call_mcp_tool(url: str, tool: str, arguments: dict) -> tuple[str, bool]:
    """Call `tool` on the streamable-HTTP MCP server at `url`. Returns (text of the result, is_error)."""
    import asyncio

    from mcp import ClientSession
    from mcp.client import streamable_http

    connect = getattr(streamable_http, "streamable_http_client", None) or streamable_http.streamablehttp_client

    async def run() -> tuple[str, bool]:
        async with connect(url, terminate_on_close=False) as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                names = [t.name for t in (await session.list_tools()).tools]
                if tool not in names:
                    raise RuntimeError(f"tool {tool!r} not offered by {url} (it lists {names})")
                result = await session.call_tool(tool, arguments)
        text = "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")
        return text, bool(result.isError)

    return asyncio.run(run())


def _mcp_call_lines(inv: dict, entry: dict) -> tuple[str, Callable[[], str]]:
    """The CLI's line announcing the call, and a function producing its result line after the call."""
    if entry.get("subagent_call"):
        call = {"server": "subagent", "tool": entry["subagent_call"]["tool"],
                "arguments": {"prompt": entry["subagent_call"]["prompt"]}}
    else:
        call = entry["mcp_call"]
    tool_use_id = entry.get("tool_use_id") or "toolu_" + hashlib.sha256(inv["prompt"].encode()).hexdigest()[:24]

    def invoke() -> tuple[str, bool]:
        return call_mcp_tool(_server_url(inv, call["server"]), call["tool"], call["arguments"])

    if inv["provider"] == "codex":
        item = {"id": tool_use_id, "type": "mcp_tool_call", "server": call["server"], "tool": call["tool"],
                "arguments": call["arguments"], "result": None, "error": None, "status": "in_progress"}

        def completed() -> str:
            text, is_error = invoke()
            done = dict(item, status="failed" if is_error else "completed",
                        result={"content": [{"type": "text", "text": text}], "structured_content": None})
            return codex_item("item.completed", done)

        return codex_item("item.started", item), completed

    use = claude_assistant(
        [{"type": "tool_use", "id": tool_use_id, "name": f"mcp__{call['server']}__{call['tool']}", "input": call["arguments"]}],
        msg_id="msg_" + tool_use_id.removeprefix("toolu_"),
        model=inv["model"],
    )

    def result_line() -> str:
        text, is_error = invoke()
        return claude_tool_result(tool_use_id, [{"type": "text", "text": text}], is_error=is_error)

    return use, result_line


def main(provider: str) -> int:
    if sys.argv[1:] == ["--version"]:  # an older codex than 0.163, so caw-tui keeps caw's command lines
        print({"claude": "2.0.14 (Claude Code)", "codex": "codex-cli 0.46.0"}.get(provider, "0.15.0"))
        return 0
    inv = _parse_invocation(provider, sys.argv)
    matched, entry = _pick(provider, inv["prompt"])
    _log(inv, matched)
    if entry is None:
        where = os.environ.get("CAW_FAKE_SCENARIO") or "(CAW_FAKE_SCENARIO not set)"
        sys.stderr.write(f"fake {provider}: no scenario entry in {where} matches prompt {inv['prompt']!r}\n")
        return 1

    lines: list = list(entry.get("lines", []))
    if provider in ("claude", "codex") and (entry.get("subagent_call") or entry.get("mcp_call")):
        at = lines.index(SUBAGENT_CALL) if SUBAGENT_CALL in lines else 0
        if SUBAGENT_CALL in lines:
            lines.pop(at)
        else:
            while at < len(lines) and _event_type(lines[at]) in ("system", "thread.started", "turn.started"):
                at += 1
        use, result_line = _mcp_call_lines(inv, entry)
        lines[at:at] = [use, result_line]

    out = sys.stdout.buffer
    delay = entry.get("line_delay_ms", 0) / 1000
    for line in lines:
        if callable(line):
            try:
                line = line()
            except Exception as exc:  # stop here so the caw turn fails loudly
                sys.stderr.write(f"fake {provider}: MCP call failed: {exc}\n")
                return 1
        if line.startswith(GATE_PREFIX) and line.endswith("}"):
            if not _wait_for_gate(line[len(GATE_PREFIX):-1]):
                sys.stderr.write(f"fake {provider}: gate {line} was never released\n")
                return 1
            continue
        out.write(_fill(line, inv["ids"]).encode("utf-8") + b"\n")
        out.flush()
        if delay:
            time.sleep(delay)
    if entry.get("stderr"):
        sys.stderr.write(entry["stderr"])
    return int(entry.get("exit_code", 0))


GATE_PREFIX = "{GATE:"


def _wait_for_gate(path: str, limit_s: float = 300) -> bool:
    """Waits until `path` exists (polled every 20 ms); False after `limit_s`."""
    deadline = time.monotonic() + limit_s
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# ---------------------------------------------------------------------------------------
# Builders for stream lines in the real CLI formats (compact JSON, raw UTF-8 like the CLIs)
# ---------------------------------------------------------------------------------------


def _dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# -- claude -p --output-format stream-json --verbose --------------------------------------


def claude_init(model: str = DEFAULT_CLAUDE_MODEL, tools: list[str] | None = None, mcp_servers: list | None = None) -> str:
    return _dump({
        "type": "system", "subtype": "init", "cwd": "/work/project", "session_id": "{SESSION_ID}",
        "tools": tools or ["Task", "Bash", "Glob", "Grep", "Read", "Edit", "Write", "WebFetch"],
        "mcp_servers": mcp_servers or [], "model": model, "permissionMode": "bypassPermissions",
        "slash_commands": ["compact", "context", "cost"], "apiKeySource": "none",
        "claude_code_version": "2.0.14", "output_style": "default", "agents": [],
        "uuid": str(uuid.uuid4()),
    })


def claude_assistant(content: list[dict], msg_id: str, model: str = DEFAULT_CLAUDE_MODEL) -> str:
    return _dump({
        "type": "assistant",
        "message": {
            "id": msg_id, "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": 4, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
                      "output_tokens": 1, "service_tier": "standard"},
        },
        "parent_tool_use_id": None, "session_id": "{SESSION_ID}", "uuid": str(uuid.uuid4()),
    })


def claude_tool_result(tool_use_id: str, content, is_error: bool = False) -> str:
    return _dump({
        "type": "user",
        "message": {"role": "user", "content": [
            {"tool_use_id": tool_use_id, "type": "tool_result", "content": content, "is_error": is_error}]},
        "parent_tool_use_id": None, "session_id": "{SESSION_ID}", "uuid": str(uuid.uuid4()),
    })


def claude_result(text: str, *, input_tokens: int, output_tokens: int, cache_read: int = 0, cache_write: int = 0,
                  cost, duration_ms: int, num_turns: int = 1, is_error: bool = False) -> str:
    return _dump({
        "type": "result", "subtype": "success", "is_error": is_error, "duration_ms": duration_ms,
        "duration_api_ms": max(0, duration_ms - 250), "num_turns": num_turns, "result": text,
        "session_id": "{SESSION_ID}", "total_cost_usd": cost,
        "usage": {"input_tokens": input_tokens, "cache_creation_input_tokens": cache_write,
                  "cache_read_input_tokens": cache_read, "output_tokens": output_tokens,
                  "server_tool_use": {"web_search_requests": 0}, "service_tier": "standard"},
        "permission_denials": [], "uuid": str(uuid.uuid4()),
    })


def claude_reply(text: str, *, cost=0.0012, duration_ms: int = 900) -> list[str]:
    """A minimal one-text-block claude turn."""
    return [
        claude_init(),
        claude_assistant([{"type": "text", "text": text}], msg_id="msg_" + hashlib.sha1(text.encode()).hexdigest()[:20]),
        claude_result(text, input_tokens=3, output_tokens=len(text.split()), cost=cost, duration_ms=duration_ms),
    ]


# -- codex exec --json (codex-rs exec_events schema) ---------------------------------------


def codex_thread_started() -> str:
    return _dump({"type": "thread.started", "thread_id": "{THREAD_ID}"})


def codex_turn_started() -> str:
    return _dump({"type": "turn.started"})


def codex_item(event: str, item: dict) -> str:
    """event: "item.started" | "item.updated" | "item.completed"."""
    return _dump({"type": event, "item": item})


def codex_command(item_id: str, command: str, output: str | None = None, exit_code: int | None = None) -> list[str]:
    """item.started + item.completed for a command_execution (real schema: aggregated_output)."""
    started = {"id": item_id, "type": "command_execution", "command": command, "aggregated_output": "",
               "exit_code": None, "status": "in_progress"}
    done = dict(started, aggregated_output=output or "", exit_code=exit_code,
                status="completed" if exit_code == 0 else "failed")
    return [codex_item("item.started", started), codex_item("item.completed", done)]


def codex_turn_completed(input_tokens: int, cached: int, output_tokens: int) -> str:
    return _dump({"type": "turn.completed",
                  "usage": {"input_tokens": input_tokens, "cached_input_tokens": cached, "output_tokens": output_tokens}})


def codex_reply(text: str) -> list[str]:
    """A minimal one-message codex turn."""
    return [codex_thread_started(), codex_turn_started(),
            codex_item("item.completed", {"id": "item_0", "type": "agent_message", "text": text}),
            codex_turn_completed(1200, 1024, 12)]


# -- opencode run --format json ------------------------------------------------------------

_OC_TS = 1767036059338


def opencode_event(kind: str, part: dict, offset_ms: int = 0) -> str:
    """kind: step_start | text | reasoning | tool_use | step_finish; part gets ids filled in."""
    part = {"id": f"prt_{kind}_{offset_ms}", "sessionID": "{OPENCODE_SESSION}", "messageID": "msg_fake0001", **part}
    return _dump({"type": kind, "timestamp": _OC_TS + offset_ms, "sessionID": "{OPENCODE_SESSION}", "part": part})


def opencode_step_finish(tokens_in: int, tokens_out: int, reasoning: int = 0, cache_read: int = 0,
                         cache_write: int = 0, cost=0, reason: str = "stop", offset_ms: int = 0) -> str:
    return opencode_event("step_finish", {
        "type": "step-finish", "reason": reason, "snapshot": "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        "cost": cost, "tokens": {"input": tokens_in, "output": tokens_out, "reasoning": reasoning,
                                 "cache": {"read": cache_read, "write": cache_write}}}, offset_ms)


def opencode_reply(text: str) -> list[str]:
    """A minimal one-text opencode turn."""
    return [opencode_event("step_start", {"type": "step-start"}, 0),
            opencode_event("text", {"type": "text", "text": text, "time": {"start": _OC_TS, "end": _OC_TS + 5}}, 5),
            opencode_step_finish(900, 10, offset_ms=9)]


def replies_to(message: str, text: str) -> list[dict]:
    """Scenario entries answering `message` with `text` on every provider."""
    return [
        {"provider": "claude", "match": message, "lines": claude_reply(text)},
        {"provider": "codex", "match": message, "lines": codex_reply(text)},
        {"provider": "opencode", "match": message, "lines": opencode_reply(text)},
    ]


# ---------------------------------------------------------------------------------------
# Pointing a Python process (and the caw inside it) at the fakes
# ---------------------------------------------------------------------------------------


def use_fakes(workdir: str | Path, scenario: list[dict], log_path: str | Path | None = None) -> dict[str, Path]:
    """Write `scenario` into `workdir` and set os.environ so caw runs the fake CLIs.

    Call before creating any caw.Agent. The invocation log goes to `log_path` (appended to),
    default `workdir/fake_log.jsonl`. Returns {"scenario": path, "log": path, "home": path}.
    """
    workdir = Path(workdir)
    paths = {"scenario": workdir / "scenario.json", "log": Path(log_path or workdir / "fake_log.jsonl").resolve(),
             "home": workdir / "caw_home"}
    paths["scenario"].write_text(json.dumps(scenario, indent=1, ensure_ascii=False), encoding="utf-8")
    paths["log"].touch()
    paths["home"].mkdir(exist_ok=True)
    python_bin = str(Path(sys.executable).parent)  # the venv's python3 runs the fakes' shebang
    os.environ["PATH"] = os.pathsep.join([str(FAKEBIN), python_bin, os.environ.get("PATH", "")])
    os.environ.update({
        "CAW_FAKE_SCENARIO": str(paths["scenario"]),
        "CAW_FAKE_LOG": str(paths["log"]),
        "CAW_AUTOWAIT": "0",
        "CAW_LOG": "off",
        "CAW_DEFAULTS_URL": "off",
        "CAW_HOME": str(paths["home"]),
    })
    for var in ("CAW_PROVIDER", "CAW_MODEL", "CAW_EFFORT", "OPENCODE_CONFIG"):
        os.environ.pop(var, None)
    # caw's subagent MCP servers log an INFO line per closed client session; keep stderr quiet.
    logging.getLogger("mcp.server.streamable_http").setLevel(logging.WARNING)
    return paths


def read_log(path: str | Path) -> list[dict]:
    """The invocations recorded in a CAW_FAKE_LOG file."""
    text = Path(path).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
