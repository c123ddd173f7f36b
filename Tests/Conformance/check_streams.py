#!/usr/bin/env python3
"""Conformance checker for `caw-tui import --provider P FILE`.

Usage:
    python3 Tests/Conformance/check_streams.py STREAMS_DIR CAW_TUI_BINARY
    python3 Tests/Conformance/check_streams.py --expectations STREAMS_DIR [CAW_TUI_BINARY]

STREAMS_DIR holds real provider output in STREAMS_DIR/{claude,codex,opencode}/ (*.jsonl, *.json).
Those files are third-party data; they are read from wherever they live and must never be copied
into this repository.

For every file the checker works out, from its own reading of the file and of the caw format spec
(caw-format.md §5.1-5.3, plus the caw-tui decisions in the expect_* docstrings), what the import must
produce, runs the binary, and compares:

* other formats (Claude Code on-disk transcripts, Codex rollout files), detected by content: exit
  status 2, nothing on stdout, stderr naming the format;
* provider streams: exit status 0, stdout one caw `trajectory.json`-shaped object with exactly one
  turn, and the same tool calls (id, name, arguments, output, is_error), text blocks, thinking-block
  count, block order, usage, turn error and provider metadata as computed here.

Python 3.11 standard library only. Deterministic: files are visited in sorted order.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROVIDERS = ("claude", "codex", "opencode")
AGENT_NAME = {"claude": "claude_code", "codex": "codex", "opencode": "opencode"}
TIMEOUT_S = 60
CRASH_MARKERS = ("fatal error", "stack dump", "program crashed", "segmentation fault",
                 "illegal instruction", "trace/breakpoint trap")

# File kinds
STREAM = "stream"
CLAUDE_TRANSCRIPT = "claude-transcript"
CODEX_ROLLOUT = "codex-rollout"
SEQ_LETTER = {"text": "T", "thinking": "R", "tool_use": "U"}
REJECT_WORDS = {CLAUDE_TRANSCRIPT: ("claude code", "transcript"),
                CODEX_ROLLOUT: ("codex", "rollout")}


# --------------------------------------------------------------------------------------------
# Expected-result model
# --------------------------------------------------------------------------------------------

class JsonOf:
    """An expected tool output that the import must render as JSON text of `value`.

    Compared by decoding, so key order and separators do not matter."""

    def __init__(self, value: Any):
        self.value = value

    def matches(self, got: Any) -> bool:
        if not isinstance(got, str):
            return False
        try:
            return json.loads(got) == self.value
        except ValueError:
            return False

    def __repr__(self) -> str:
        return "json:" + json.dumps(self.value)


@dataclass
class Tool:
    """One expected tool_use block. `id` None means "any id" (the import invents one)."""
    id: str | None
    name: str
    arguments: Any
    output: Any = ""          # str, or JsonOf
    is_error: bool = False


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0

    def short(self) -> str:
        return (f"{self.input_tokens}/{self.output_tokens}/"
                f"{self.cache_read_tokens}/{self.cache_write_tokens}")


@dataclass
class Expected:
    """Everything the checker expects from one file."""
    kind: str = STREAM
    blocks: list = field(default_factory=list)     # ("text", s) | ("thinking", s) | Tool
    usage: Usage = field(default_factory=Usage)
    check_cost: bool = True
    turn_error: list[str] | None = None             # candidate messages; None = no failure
    metadata: dict = field(default_factory=dict)    # provider keys that must be present
    notes: list[str] = field(default_factory=list)
    reject_reason: str = ""

    # convenience views
    def tools(self) -> list[Tool]:
        return [b for b in self.blocks if isinstance(b, Tool)]

    def texts(self) -> list[str]:
        return [b[1] for b in self.blocks if isinstance(b, tuple) and b[0] == "text"]

    def thinking_count(self) -> int:
        return sum(1 for b in self.blocks if isinstance(b, tuple) and b[0] == "thinking")

    def sequence(self) -> str:
        """Block kinds in order: T text, R thinking (reasoning), U tool_use."""
        return "".join(SEQ_LETTER["tool_use" if isinstance(b, Tool) else b[0]] for b in self.blocks)


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------

def read_events(path: Path) -> list[dict]:
    """Return the JSON objects of a stream file, in order.

    A file whose whole text is one JSON array (claude's older `--output-format json --verbose`)
    yields its elements; otherwise every stripped, non-blank line that parses as a JSON object is
    an event and every other line is skipped (as caw does)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            whole = json.loads(stripped)
        except ValueError:
            whole = None
        if isinstance(whole, list):
            return [e for e in whole if isinstance(e, dict)]
    events = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            events.append(obj)
    return events


def s(value: Any) -> str:
    """A string field, or "" when missing / not a string."""
    return value if isinstance(value, str) else ""


def num(value: Any) -> int | float:
    """A numeric field (bools and non-numbers count as 0)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0
    return value


def d(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def py_str(value: Any) -> str:
    """Python's str(): what caw (and so caw-tui) renders for an unwrapped MCP `result`."""
    return value if isinstance(value, str) else str(value)


# --------------------------------------------------------------------------------------------
# Classification (by content, not by name)
# --------------------------------------------------------------------------------------------

CLAUDE_TRANSCRIPT_TYPES = {
    "summary", "file-history-snapshot", "last-prompt", "mode", "permission-mode", "attachment",
    "ai-title", "custom-title", "agent-name", "queue-operation", "progress", "worktree-state",
}
CLAUDE_TRANSCRIPT_KEYS = {"parentUuid", "isSidechain", "sessionId", "leafUuid", "userType"}
CLAUDE_STREAM_TYPES = {"result", "stream_event", "rate_limit_event"}

CODEX_ROLLOUT_TYPES = {"session_meta", "response_item", "event_msg", "turn_context", "compacted",
                       "world_state", "inter_agent_communication_metadata"}
CODEX_EXEC_TYPES = {"thread.started", "session.created", "turn.started", "turn.completed",
                    "turn.failed", "item.started", "item.updated", "item.completed", "error"}


def classify_claude(events: list[dict]) -> tuple[str, str]:
    """STREAM or CLAUDE_TRANSCRIPT, with the evidence.

    A transcript line has camelCase envelope keys (sessionId, parentUuid, isSidechain, ...) or a
    transcript-only line type (summary, file-history-snapshot, ...). A stream line has snake_case
    `session_id` or a stream-only type (result, stream_event, ...) and none of those. The majority
    wins; files mixing both (a composite transcript has a few `session_id` keys) go to the side with
    more lines."""
    t_lines = st_lines = 0
    for e in events:
        if CLAUDE_TRANSCRIPT_KEYS & e.keys() or e.get("type") in CLAUDE_TRANSCRIPT_TYPES:
            t_lines += 1
        elif "session_id" in e or e.get("type") in CLAUDE_STREAM_TYPES:
            st_lines += 1
    if t_lines and t_lines >= st_lines:
        return CLAUDE_TRANSCRIPT, f"{t_lines} transcript-style lines vs {st_lines} stream-style"
    return STREAM, f"{st_lines} stream-style lines vs {t_lines} transcript-style"


def classify_codex(events: list[dict]) -> tuple[str, str]:
    """STREAM (`codex exec --json`) or CODEX_ROLLOUT (`{timestamp, type, payload}` lines)."""
    r_lines = x_lines = 0
    for e in events:
        if isinstance(e.get("payload"), dict) and "timestamp" in e and (
                e.get("type") in CODEX_ROLLOUT_TYPES or "item" not in e):
            r_lines += 1
        elif e.get("type") in CODEX_EXEC_TYPES or "item" in e or "msg" in e:
            x_lines += 1
    if r_lines and r_lines >= x_lines:
        return CODEX_ROLLOUT, f"{r_lines} rollout lines vs {x_lines} exec-json lines"
    return STREAM, f"{x_lines} exec-json lines vs {r_lines} rollout lines"


# --------------------------------------------------------------------------------------------
# claude: `claude -p --output-format stream-json --verbose`
# --------------------------------------------------------------------------------------------

def claude_tool_output(content: Any) -> str:
    """tool_result content → output string, with HTTP-MCP `{"result": ...}` unwrapping."""
    if isinstance(content, str):
        out = content
    elif isinstance(content, list):
        out = "\n".join(s(p.get("text")) for p in content
                        if isinstance(p, dict) and p.get("type") == "text")
    else:
        out = ""
    try:
        parsed = json.loads(out)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and "result" in parsed:
        out = py_str(parsed["result"])
    return out


def expect_claude(events: list[dict]) -> Expected:
    """Expected import of `claude -p --output-format stream-json --verbose` (JSONL or one JSON array).

    As caw (§5.1): assistant content in order → text (non-empty), thinking (non-empty `thinking`),
    tool_use (arguments = input or {}); no de-duplication, parent_tool_use_id ignored; a user
    tool_result for an id seen earlier sets output (string, or text parts joined by "\n", then
    `{"result": x}` unwrapped to str(x)) and is_error. Usage from the last result line.
    caw-tui decision: with no result line, tokens are summed over distinct message ids (the last
    line of an id wins) and the cost comes from a pricing table, so it is not checked."""
    exp = Expected()
    by_id: dict[str, Tool] = {}
    result: dict | None = None
    per_message: dict[str, dict] = {}     # message.id -> usage (last line wins), insertion ordered
    anon = 0
    for e in events:
        etype = e.get("type")
        if etype == "assistant":
            msg = d(e.get("message"))
            if isinstance(msg.get("usage"), dict):
                mid = msg.get("id")
                if not isinstance(mid, str) or not mid:
                    anon += 1
                    mid = f"\0anon{anon}"
                per_message[mid] = msg["usage"]
            content = msg.get("content")
            for item in content if isinstance(content, list) else []:
                if not isinstance(item, dict):
                    continue
                kind = item.get("type")
                if kind == "text" and s(item.get("text")):
                    exp.blocks.append(("text", item["text"]))
                elif kind == "thinking" and s(item.get("thinking")):
                    exp.blocks.append(("thinking", item["thinking"]))
                elif kind == "tool_use":
                    args = item.get("input")
                    tool = Tool(id=s(item.get("id")), name=s(item.get("name")),
                                arguments=args if isinstance(args, dict) else {})
                    if tool.id in by_id:
                        exp.notes.append(f"tool_use id {tool.id} appears twice")
                    by_id[tool.id] = tool
                    exp.blocks.append(tool)
        elif etype == "user":
            content = d(e.get("message")).get("content")
            for item in content if isinstance(content, list) else []:
                if not (isinstance(item, dict) and item.get("type") == "tool_result"):
                    continue
                tool = by_id.get(s(item.get("tool_use_id")) or "\0none")
                if tool is None:
                    continue
                tool.output = claude_tool_output(item.get("content"))
                tool.is_error = bool(item.get("is_error"))
        elif etype == "result":
            result = e
    if result is not None:
        u = d(result.get("usage"))
        exp.usage = Usage(num(u.get("input_tokens")), num(u.get("output_tokens")),
                          num(u.get("cache_read_input_tokens")),
                          num(u.get("cache_creation_input_tokens")),
                          num(result.get("total_cost_usd")))
    else:
        exp.check_cost = False
        exp.notes.append("no result line: usage summed per message id, cost not checked")
        for u in per_message.values():
            exp.usage.input_tokens += num(u.get("input_tokens"))
            exp.usage.output_tokens += num(u.get("output_tokens"))
            exp.usage.cache_read_tokens += num(u.get("cache_read_input_tokens"))
            exp.usage.cache_write_tokens += num(u.get("cache_creation_input_tokens"))
    return exp


# --------------------------------------------------------------------------------------------
# codex: `codex exec --json`
# --------------------------------------------------------------------------------------------

RECONNECTING = re.compile(r"^Reconnecting\.{3}\s+\d+/\d+")


def codex_failure_message(event: dict) -> str:
    """message of a top-level `error` / `turn.failed`: event.message, else event.error's message."""
    if s(event.get("message")):
        return event["message"]
    err = event.get("error")
    if isinstance(err, dict):
        if s(err.get("message")):
            return err["message"]
        if err.get("error") is not None:
            return py_str(err["error"])
        return py_str(err)
    if err is not None:
        return py_str(err)
    return py_str(event.get("message", ""))


def codex_item_type(item: dict) -> str:
    """`type`, or the transitional `item_type`; `assistant_message` is agent_message."""
    kind = s(item.get("type")) or s(item.get("item_type"))
    return "agent_message" if kind == "assistant_message" else kind


def codex_new_tool(item: dict, kind: str) -> Tool | None:
    """The tool_use block for an item seen for the first time, or None for non-tool items."""
    iid = s(item.get("id")) or None
    if kind == "command_execution":
        return Tool(iid, "command_execution", {"command": item.get("command")})
    if kind == "mcp_tool_call":
        server, tool = s(item.get("server")), s(item.get("tool"))
        raw = item.get("arguments")
        args = raw if isinstance(raw, dict) else ({} if raw is None else {"input": raw})
        return Tool(iid, f"{server}.{tool}" if server else tool, args)
    if kind == "file_change":
        args = {}
        if "changes" in item:
            args["changes"] = item["changes"]
        for key in ("file", "action"):
            if key in item:
                args[key] = item[key]
        return Tool(iid, "file_change", args)
    return None


def codex_update_tool(tool: Tool, item: dict, kind: str) -> None:
    """Apply one started/updated/completed item to its tool block (the last one wins)."""
    status = item.get("status")
    if kind == "command_execution":
        agg, out = item.get("aggregated_output"), item.get("output")
        tool.output = agg if isinstance(agg, str) else (out if isinstance(out, str) else "")
        code = item.get("exit_code")
        nonzero = isinstance(code, (int, float)) and not isinstance(code, bool) and code != 0
        tool.is_error = nonzero or status == "failed"
    elif kind == "mcp_tool_call":
        result = item.get("result")
        if result:
            content = d(result).get("content")
            parts = []
            for c in content if isinstance(content, list) else []:
                if isinstance(c, str):
                    parts.append(c)
                elif isinstance(c, dict) and c.get("type") == "text":
                    parts.append(s(c.get("text")))
            tool.output = "\n".join(parts)
        err = item.get("error")
        if err:
            tool.is_error = True
            tool.output = s(err.get("message")) if isinstance(err, dict) and s(err.get("message")) \
                else py_str(err)
        elif status == "failed":
            tool.is_error = True
    elif kind == "file_change":
        patch, content = item.get("patch"), item.get("content")
        if s(patch):
            tool.output = patch
        elif s(content):
            tool.output = content
        else:
            changes = item.get("changes")
            tool.output = "\n".join(f"{s(c.get('kind'))} {s(c.get('path'))}"
                                    for c in (changes if isinstance(changes, list) else [])
                                    if isinstance(c, dict))
        tool.is_error = status == "failed"


def expect_codex(events: list[dict]) -> Expected:
    """Expected import of `codex exec --json`.

    caw-tui decisions beyond caw (§5.2): a tool block is created when its item is first seen
    (started, updated or completed); command output is `aggregated_output` (else `output`) and
    is_error is a non-null non-zero exit_code or status "failed", from the last event of the
    item; file_change is a tool (arguments {"changes": ...}, output patch / content / "<kind>
    <path>" lines). Usage from the last turn.completed (cost 0: the stream names no model).
    "Reconnecting... n/m" errors are ignored, "usage limit" errors become text blocks, any other
    error / turn.failed is a turn failure reported in metadata.turn_error with exit 0. Reading
    stops at the first turn failure (caw aborts the turn there)."""
    exp = Expected()
    tools: dict[str, Tool] = {}
    anon = 0
    for e in events:
        etype = e.get("type")
        if etype in ("thread.started", "session.created"):
            tid = s(e.get("thread_id")) or s(e.get("session_id"))
            if tid:
                exp.metadata["thread_id"] = tid
        elif etype in ("item.started", "item.updated", "item.completed"):
            item = d(e.get("item"))
            kind = codex_item_type(item)
            key = s(item.get("id"))
            if not key:
                anon += 1
                key = f"\0anon{anon}"
            tool = tools.get(key)
            if tool is None:
                tool = codex_new_tool(item, kind)
                if tool is not None:
                    tools[key] = tool
                    exp.blocks.append(tool)
            if tool is not None:
                codex_update_tool(tool, item, kind)
            elif etype == "item.completed" and kind in ("reasoning", "agent_message"):
                if s(item.get("text")):
                    exp.blocks.append(("thinking" if kind == "reasoning" else "text", item["text"]))
        elif etype == "turn.completed":
            u = d(e.get("usage"))
            cached = num(u.get("cached_input_tokens"))
            exp.usage = Usage(num(u.get("input_tokens")) - cached, num(u.get("output_tokens")),
                              cached, 0, 0.0)
        elif etype in ("error", "turn.failed"):
            msg = codex_failure_message(e)
            if etype == "error" and RECONNECTING.match(msg):
                continue
            if "usage limit" in msg.lower():
                exp.blocks.append(("text", msg))
                continue
            exp.turn_error = [msg]
            break
    return exp


# --------------------------------------------------------------------------------------------
# opencode: `opencode run --format json`
# --------------------------------------------------------------------------------------------

def opencode_error_message(event: dict) -> str:
    """spec §5.3: event.error object → its message, else name, else JSON; non-object → str."""
    err = event.get("error")
    if isinstance(err, dict):
        if s(err.get("message")):
            return err["message"]
        if s(err.get("name")):
            return err["name"]
        return json.dumps(err)
    if err:
        return py_str(err)
    return "opencode error"


def opencode_tool_output(raw: Any) -> Any:
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else JsonOf(raw)


def opencode_tool_error(state: dict, current: Any) -> Any:
    """Output of a tool part with status "error" (spec §5.3)."""
    err = state.get("error")
    if isinstance(err, dict):
        return err["message"] if s(err.get("message")) else JsonOf(err)
    if err:
        return py_str(err)
    return current if current != "" else "tool call failed"


def expect_opencode(events: list[dict]) -> Expected:
    """Expected import of `opencode run --format json` (§5.3).

    text / reasoning (or "[encrypted reasoning]") / tool parts in order, a tool block per call id
    updated by later events; step_finish usage summed (output includes reasoning tokens).
    An `error` event is a text block when it names a usage limit, else a turn failure reported in
    metadata.turn_error with exit 0 (the spec's message is error.message, else error.name; the
    richer error.data.message is accepted too). Reading stops at the first turn failure."""
    exp = Expected()
    tools: dict[str, Tool] = {}
    anon = 0
    for e in events:
        sid = e.get("sessionID")
        if "opencode_session_id" not in exp.metadata and s(sid):
            exp.metadata["opencode_session_id"] = sid
        etype, part = e.get("type"), d(e.get("part"))
        if etype == "text":
            if s(part.get("text")):
                exp.blocks.append(("text", part["text"]))
        elif etype == "reasoning":
            text = s(part.get("text"))
            if not text and any(isinstance(v, dict) and "reasoningEncryptedContent" in v
                                for v in d(part.get("metadata")).values()):
                text = "[encrypted reasoning]"
            if text:
                exp.blocks.append(("thinking", text))
        elif etype == "tool_use" and part.get("type") == "tool":
            cid = s(part.get("callID")) or s(part.get("id"))
            key = cid or f"\0anon{anon + 1}"
            anon += 0 if cid else 1
            state = d(part.get("state"))
            tool = tools.get(key)
            if tool is None:
                args = state.get("input")
                tool = Tool(cid or None, s(part.get("tool")) or "tool",
                            args if isinstance(args, dict) else {})
                tools[key] = tool
                exp.blocks.append(tool)
            tool.output = opencode_tool_output(state.get("output"))
            if state.get("status") == "error":
                tool.is_error = True
                tool.output = opencode_tool_error(state, tool.output)
        elif etype == "step_finish":
            tokens = d(part.get("tokens"))
            cache = d(tokens.get("cache"))
            exp.usage.input_tokens += num(tokens.get("input"))
            exp.usage.output_tokens += num(tokens.get("output")) + num(tokens.get("reasoning"))
            exp.usage.cache_read_tokens += num(cache.get("read"))
            exp.usage.cache_write_tokens += num(cache.get("write"))
            exp.usage.cost_usd += num(part.get("cost"))
        elif etype == "error":
            msg = opencode_error_message(e)
            low = msg.lower()
            if "usagelimit" in low or "usage limit" in low:
                exp.blocks.append(("text", msg))
                continue
            candidates = [msg]
            data_msg = s(d(d(e.get("error")).get("data")).get("message"))
            if data_msg and data_msg != msg:
                candidates.append(data_msg)   # tolerated: a richer message than the spec's
                exp.notes.append(f"turn_error may hold {msg!r} (spec) or {data_msg!r} (data.message)")
            exp.turn_error = candidates
            break
    return exp


EXPECTERS = {"claude": expect_claude, "codex": expect_codex, "opencode": expect_opencode}
CLASSIFIERS = {"claude": classify_claude, "codex": classify_codex,
               "opencode": lambda events: (STREAM, "opencode has one format")}


def expectations_for(provider: str, path: Path) -> Expected:
    """Classify the file and, for a stream, compute the expected import."""
    events = read_events(path)
    kind, why = CLASSIFIERS[provider](events)
    if kind != STREAM:
        exp = Expected(kind=kind, reject_reason=why)
    else:
        exp = EXPECTERS[provider](events)
        exp.reject_reason = why
    name = path.name
    if (name.startswith("transcript-") and kind != CLAUDE_TRANSCRIPT) or \
            (name.startswith("rollout-") and kind != CODEX_ROLLOUT):
        exp.notes.append(f"file name suggests another format, content says {kind}")
    return exp


# --------------------------------------------------------------------------------------------
# Checking the import
# --------------------------------------------------------------------------------------------

TOP_KEYS = {"agent": str, "model": str, "session_id": str, "created_at": str, "completed_at": str,
            "usage_limited": bool, "system_prompt": str, "reasoning": str, "mcp_servers": list,
            "turns": list, "usage": dict, "duration_ms": int, "metadata": dict}
USAGE_INT_KEYS = ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens")


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def short(v: Any, limit: int = 120) -> str:
    text = repr(v)
    return text if len(text) <= limit else text[:limit - 20] + "…" + text[-19:]


def shape_problems(traj: Any) -> list[str]:
    """Problems with the trajectory's shape (keys, types, one turn with input "")."""
    if not isinstance(traj, dict):
        return [f"stdout is not a JSON object but {type(traj).__name__}"]
    missing = [key for key in TOP_KEYS if key not in traj]
    if missing:
        return [f"missing top-level keys {', '.join(missing)}"]
    problems = []
    for key, typ in TOP_KEYS.items():
        if typ is int and not is_int(traj[key]) or typ is not int and not isinstance(traj[key], typ):
            problems.append(f"{key} should be {typ.__name__}, got {short(traj[key])}")
    for where, usage in [("usage", traj.get("usage"))] + [
            (f"turns[{i}].usage", d(t).get("usage")) for i, t in enumerate(traj.get("turns") or [])]:
        problems += usage_shape_problems(where, usage)
    turns = traj.get("turns")
    if not isinstance(turns, list):
        return problems
    if len(turns) != 1:
        problems.append(f"expected exactly 1 turn, got {len(turns)}")
        return problems
    turn = turns[0]
    if not isinstance(turn, dict):
        return problems + ["turn is not an object"]
    if turn.get("input") != "":
        problems.append(f"turn input should be \"\", got {short(turn.get('input'))}")
    if not is_int(turn.get("duration_ms")):
        problems.append(f"turn duration_ms should be int, got {short(turn.get('duration_ms'))}")
    if not isinstance(turn.get("output"), list):
        return problems + ["turn output is not a list"]
    for i, block in enumerate(turn["output"]):
        problems += block_shape_problems(i, block)
    return problems


def usage_shape_problems(where: str, usage: Any) -> list[str]:
    if not isinstance(usage, dict):
        return [f"{where} is not an object"]
    problems = [f"{where}.{k} should be an int, got {short(usage.get(k))}"
                for k in USAGE_INT_KEYS if not is_int(usage.get(k))]
    if not is_num(usage.get("cost_usd")):
        problems.append(f"{where}.cost_usd should be a number, got {short(usage.get('cost_usd'))}")
    return problems


def block_shape_problems(i: int, block: Any) -> list[str]:
    if not isinstance(block, dict):
        return [f"block {i} is not an object"]
    kind = block.get("type")
    if kind in ("text", "thinking"):
        return [] if isinstance(block.get("text"), str) else [f"block {i} ({kind}) has no string text"]
    if kind != "tool_use":
        return [f"block {i} has unknown type {short(kind)}"]
    problems = [f"block {i} (tool_use) {k} should be a string"
                for k in ("id", "name", "output") if not isinstance(block.get(k), str)]
    if not isinstance(block.get("arguments"), dict):
        problems.append(f"block {i} (tool_use) arguments should be an object")
    if "is_error" in block and not isinstance(block["is_error"], bool):
        problems.append(f"block {i} (tool_use) is_error should be a bool")
    return problems


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def compare(exp: Expected, traj: dict, provider: str) -> list[str]:
    """Differences between the expected import and the trajectory (already shape-checked)."""
    diffs = []
    if traj.get("agent") != AGENT_NAME[provider]:
        diffs.append(f"agent: expected {AGENT_NAME[provider]!r}, got {short(traj.get('agent'))}")
    blocks = traj["turns"][0]["output"]
    got_tools = [b for b in blocks if b.get("type") == "tool_use"]
    got_texts = [b["text"] for b in blocks if b.get("type") == "text"]
    got_thinking = sum(1 for b in blocks if b.get("type") == "thinking")
    got_seq = "".join(SEQ_LETTER.get(b.get("type"), "?") for b in blocks)

    block_diffs = compare_tools(exp.tools(), got_tools)
    exp_texts = exp.texts()
    if exp_texts != got_texts:
        block_diffs.append(f"text blocks: expected {len(exp_texts)}, got {len(got_texts)}"
                     + first_list_difference(exp_texts, got_texts))
    if exp.thinking_count() != got_thinking:
        block_diffs.append(f"thinking blocks: expected {exp.thinking_count()}, got {got_thinking}")
    if not block_diffs and exp.sequence() != got_seq:   # same blocks, different interleaving
        block_diffs.append(f"block order (T text, R thinking, U tool): expected "
                     f"{exp.sequence()}, got {got_seq}")
    diffs += block_diffs

    for where, usage in (("turn usage", traj["turns"][0]["usage"]), ("usage", traj["usage"])):
        diffs += compare_usage(where, exp, usage)

    meta = traj["metadata"]
    for key, value in exp.metadata.items():
        if meta.get(key) != value:
            diffs.append(f"metadata.{key}: expected {value!r}, got {short(meta.get(key))}")
    got_err = meta.get("turn_error")
    if exp.turn_error is None:
        if got_err is not None:
            diffs.append(f"metadata.turn_error: expected none, got {short(got_err)}")
    elif not isinstance(got_err, str) or not any(m in got_err for m in exp.turn_error):
        diffs.append(f"metadata.turn_error: expected a string containing "
                     f"{' or '.join(repr(m) for m in exp.turn_error)}, got {short(got_err)}")
    return diffs


def first_list_difference(exp: list, got: list) -> str:
    for i, (a, b) in enumerate(zip(exp, got)):
        if a != b:
            return f"; first difference at #{i}: expected {short(a)}, got {short(b)}"
    if len(exp) != len(got):
        i = min(len(exp), len(got))
        extra = exp[i] if len(exp) > len(got) else got[i]
        return f"; {'missing' if len(exp) > len(got) else 'unexpected'} #{i}: {short(extra)}"
    return ""


def compare_tools(exp: list[Tool], got: list[dict]) -> list[str]:
    diffs = []
    if len(exp) != len(got):
        diffs.append(f"tool calls: expected {len(exp)} "
                     f"({', '.join(t.name for t in exp) or '-'}), got {len(got)} "
                     f"({', '.join(str(g.get('name')) for g in got) or '-'})")
    for i, (e, g) in enumerate(zip(exp, got)):
        label = f"tool #{i} ({e.name} {e.id or '<any id>'})"
        if e.id is not None and g.get("id") != e.id:
            diffs.append(f"{label}: id expected {e.id!r}, got {short(g.get('id'))}")
        if g.get("name") != e.name:
            diffs.append(f"{label}: name expected {e.name!r}, got {short(g.get('name'))}")
        if g.get("arguments") != e.arguments:
            diffs.append(f"{label}: arguments expected {short(e.arguments)}, "
                         f"got {short(g.get('arguments'))}")
        ok_out = e.output.matches(g.get("output")) if isinstance(e.output, JsonOf) \
            else g.get("output") == e.output
        if not ok_out:
            diffs.append(f"{label}: output expected {short(e.output)}, got {short(g.get('output'))}")
        if bool(g.get("is_error", False)) != e.is_error:
            diffs.append(f"{label}: is_error expected {e.is_error}, got {g.get('is_error', False)}")
    return diffs


def compare_usage(where: str, exp: Expected, got: dict) -> list[str]:
    diffs = [f"{where}.{k}: expected {getattr(exp.usage, k)}, got {got.get(k)}"
             for k in USAGE_INT_KEYS if got.get(k) != getattr(exp.usage, k)]
    if exp.check_cost and not close(float(got.get("cost_usd", 0)), float(exp.usage.cost_usd)):
        diffs.append(f"{where}.cost_usd: expected {exp.usage.cost_usd!r}, got {got.get('cost_usd')!r}")
    return diffs


@dataclass
class RunResult:
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool = False


def run_import(binary: str, provider: str, path: Path) -> RunResult:
    argv = [binary, "import", "--provider", provider, str(path)]
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        return RunResult(None, (exc.stdout or b"").decode("utf-8", "replace"),
                         (exc.stderr or b"").decode("utf-8", "replace"), timed_out=True)
    return RunResult(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                     proc.stderr.decode("utf-8", "replace"))


def crash_problems(run: RunResult) -> list[str]:
    """Crash, signal, timeout, unexpected status or a runtime trap message on stderr."""
    if run.timed_out:
        return [f"timed out after {TIMEOUT_S} s"]
    problems = []
    if run.returncode < 0:
        problems.append(f"killed by signal {-run.returncode}")
    elif run.returncode not in (0, 2):
        problems.append(f"exit status {run.returncode} (only 0 or 2 allowed); "
                        f"stderr: {short(run.stderr.strip(), 160)}")
    low = run.stderr.lower()
    for marker in CRASH_MARKERS:
        if marker in low:
            problems.append(f"stderr contains {marker!r}: {short(run.stderr.strip(), 200)}")
    return problems


def check_file(binary: str, provider: str, path: Path, exp: Expected) -> tuple[bool, str]:
    """Run the import on one file; return (ok, one-line message without the file name)."""
    run = run_import(binary, provider, path)
    problems = crash_problems(run)
    if problems:
        return False, "; ".join(problems)
    if exp.kind != STREAM:
        return check_rejection(run, exp)
    if run.returncode != 0:
        return False, (f"expected exit 0 for a {provider} stream, got {run.returncode}; "
                       f"stderr: {short(run.stderr.strip(), 200)}")
    try:
        traj = json.loads(run.stdout)
    except ValueError as exc:
        return False, f"stdout is not one JSON value ({exc}): {short(run.stdout, 120)}"
    problems = shape_problems(traj)
    if problems:
        return False, "shape: " + "; ".join(problems)
    diffs = compare(exp, traj, provider)
    if diffs:
        return False, "; ".join(diffs)
    return True, summary(exp)


def check_rejection(run: RunResult, exp: Expected) -> tuple[bool, str]:
    words = REJECT_WORDS[exp.kind]
    problems = []
    if run.returncode != 2:
        problems.append(f"expected exit 2 for a {exp.kind}, got {run.returncode}")
    if run.stdout.strip():
        problems.append(f"stdout should be empty, got {short(run.stdout.strip(), 80)}")
    low = run.stderr.lower()
    missing = [w for w in words if w not in low]
    if missing:
        problems.append(f"stderr should name the format ({' + '.join(words)}), missing "
                        f"{missing}: {short(run.stderr.strip(), 160)}")
    if problems:
        return False, "; ".join(problems)
    return True, f"rejected as {exp.kind} (exit 2): {short(run.stderr.strip(), 90)}"


def summary(exp: Expected) -> str:
    if exp.kind != STREAM:
        return f"{exp.kind}: expect exit 2 ({exp.reject_reason})"
    cost = f", cost {exp.usage.cost_usd!r}" if exp.check_cost else ", cost unchecked"
    extra = f", {exp.thinking_count()} thinking" if exp.thinking_count() else ""
    err = f", turn_error {exp.turn_error[0]!r}" if exp.turn_error else ""
    return (f"{len(exp.tools())} tools, {len(exp.texts())} texts{extra}, "
            f"usage in/out/cr/cw {exp.usage.short()}{cost}{err}")


# --------------------------------------------------------------------------------------------
# Reporting expectations (--expectations)
# --------------------------------------------------------------------------------------------

def describe(rel: str, exp: Expected) -> str:
    lines = [f"== {rel}", f"   kind: {exp.kind} ({exp.reject_reason})"]
    if exp.kind == STREAM:
        lines.append(f"   blocks: {exp.sequence() or '(none)'}  (T text, R thinking, U tool)")
        for b in exp.blocks:
            if isinstance(b, Tool):
                err = " ERROR" if b.is_error else ""
                lines.append(f"     tool {b.name} id={b.id or '<any>'}{err} args={short(b.arguments, 90)}"
                             f" output={short(b.output, 90)}")
            else:
                lines.append(f"     {b[0]}: {short(b[1], 100)}")
        u = exp.usage
        lines.append(f"   usage: in {u.input_tokens} out {u.output_tokens} cache_read "
                     f"{u.cache_read_tokens} cache_write {u.cache_write_tokens} cost "
                     f"{u.cost_usd!r}{'' if exp.check_cost else ' (not checked)'}")
        if exp.metadata:
            lines.append(f"   metadata: {exp.metadata}")
        if exp.turn_error:
            lines.append(f"   turn_error contains: {' | '.join(map(repr, exp.turn_error))}")
    for note in exp.notes:
        lines.append(f"   note: {note}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def collect(streams_dir: Path) -> list[tuple[str, Path]]:
    files = []
    for provider in PROVIDERS:
        sub = streams_dir / provider
        if sub.is_dir():
            files += [(provider, p) for p in sorted(sub.rglob("*"))
                      if p.is_file() and p.suffix in (".jsonl", ".json")]
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Check `caw-tui import` against real provider stream files.")
    parser.add_argument("streams_dir", metavar="STREAMS_DIR",
                        help="directory with claude/, codex/, opencode/ subfolders of stream files")
    parser.add_argument("binary", metavar="CAW_TUI_BINARY", nargs="?",
                        help="the caw-tui executable (optional only with --expectations)")
    parser.add_argument("--expectations", action="store_true",
                        help="print the expected values per file (and check too if a binary is given)")
    args = parser.parse_args(argv)

    streams_dir = Path(args.streams_dir)
    if not streams_dir.is_dir():
        print(f"error: STREAMS_DIR {streams_dir} does not exist or is not a directory.\n"
              f"Pass the folder holding the real stream samples, e.g. /work/shared/fixtures/streams "
              f"(it must contain claude/, codex/ and/or opencode/). They are not in this repository.",
              file=sys.stderr)
        return 1
    files = collect(streams_dir)
    if not files:
        print(f"error: no *.jsonl / *.json files under {streams_dir}/{{claude,codex,opencode}}/",
              file=sys.stderr)
        return 1
    if args.binary is None and not args.expectations:
        parser.error("CAW_TUI_BINARY is required (or pass --expectations to only print expectations)")
    if args.binary is not None and not (os.path.isfile(args.binary) and os.access(args.binary, os.X_OK)):
        print(f"error: {args.binary} is not an executable file (build caw-tui first, e.g. "
              f"swift build -c release → .build/release/caw-tui)", file=sys.stderr)
        return 1

    failures = 0
    counts = {STREAM: 0, CLAUDE_TRANSCRIPT: 0, CODEX_ROLLOUT: 0}
    for provider, path in files:
        rel = path.relative_to(streams_dir).as_posix()
        try:
            exp = expectations_for(provider, path)
        except Exception as exc:  # a bug in this checker, not in caw-tui
            print(f"FAIL {rel}: checker could not read the file: {exc!r}")
            failures += 1
            continue
        counts[exp.kind] += 1
        if args.expectations:
            print(describe(rel, exp))
        if args.binary is None:
            continue
        ok, message = check_file(args.binary, provider, path, exp)
        print(f"{'ok  ' if ok else 'FAIL '}{rel}: {message}", flush=True)
        failures += 0 if ok else 1

    total = len(files)
    kinds = (f"{counts[STREAM]} streams, {counts[CLAUDE_TRANSCRIPT]} Claude Code transcripts, "
             f"{counts[CODEX_ROLLOUT]} Codex rollouts")
    if args.binary is None:
        print(f"\n{total} files ({kinds}); expectations only, nothing run")
        return 1 if failures else 0
    print(f"\n{total} files ({kinds}): {total - failures} ok, {failures} FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet exit when piped into head
    sys.exit(main(sys.argv[1:]))
