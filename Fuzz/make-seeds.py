#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Fuzz/Corpus/<target>/ (run once; the output is committed).

Small hand-written inputs for every parser, and inputs larger than 64 KiB (chunk boundaries, nesting
at and past the 1000-level limit, long escaped text) so the size-dependent paths are reachable.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAYLOAD = "\x1b]0;t\x07\x1b]52;c;eA==\x07\x1b[2J\x9b31m\u202e\r"


def block_text(n):
    return "x\u00e9\U0001F600\\n" * n


def trajectory(turns, text="hi", sub=None, extra=None):
    out = []
    for i in range(turns):
        call = {"type": "tool_use", "id": f"c{i}", "name": "Bash", "arguments": {"command": "ls"}, "output": text, "is_error": i % 2 == 1}
        if sub is not None:
            call["subagent_trajectory"] = sub
        out.append({"input": f"turn {i}", "output": [{"type": "thinking", "text": text}, {"type": "text", "text": text}, call],
                    "usage": {"input_tokens": 10, "output_tokens": 5, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.01},
                    "duration_ms": 100})
    t = {"agent": "claude_code", "model": "m", "session_id": "s", "created_at": "2026-01-01T00:00:00+00:00",
         "completed_at": "", "usage_limited": False, "system_prompt": "", "reasoning": "", "mcp_servers": [],
         "turns": out, "usage": {"input_tokens": 10, "output_tokens": 5, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.01},
         "duration_ms": 100, "metadata": {"thread_id": "01a233e6-c17e-77f1-91cb-af40543964c7"}}
    if extra:
        t.update(extra)
    return t


def write(target, name, data):
    directory = os.path.join(HERE, "Corpus", target)
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def main():
    small = json.dumps(trajectory(2), indent=2) + "\n"
    nested = json.dumps(trajectory(1, sub=trajectory(1)), indent=2) + "\n"
    large = json.dumps(trajectory(3, text=block_text(450)), indent=2) + "\n"
    raw_utf8 = json.dumps(trajectory(1, text="caf\u00e9 \U0001F600"), indent=2, ensure_ascii=False) + "\n"
    hostile = json.dumps(trajectory(1, text=PAYLOAD, extra={"model": PAYLOAD, "agent": PAYLOAD}), indent=2) + "\n"
    for target in ("skim", "decoder"):
        write(target, "small.json", small)
        write(target, "subagent.json", nested)
        write(target, "large-80k.json", large)
        write(target, "raw-utf8.json", raw_utf8)
        write(target, "hostile.json", hostile)
        write(target, "torn.json", small[: len(small) // 2])
        write(target, "bad-escape.json", small.replace('"hi"', '"h\\qi"', 1))
        write(target, "invalid-utf8.json", small.encode().replace(b'"hi"', b'"h\xc3\x28i"', 1))
        write(target, "lone-surrogate.json", small.replace('"hi"', '"\\ud83d x \\ude00"', 1))
        write(target, "wrong-types.json", small.replace('"duration_ms": 100', '"duration_ms": "soon"').replace('"output": "hi"', '"output": [1, 2]'))
    write("skim", "deep-70k.json", "[" * 70000)
    write("skim", "deep-999.json", '{"turns": ' + "[" * 998 + "]" * 998 + "}")
    write("skim", "deep-1001-in-text.json", '{"turns": [{"output": [{"type": "text", "text": "' + "[" * 2000 + '"}]}]}')
    write("json", "values.json", '[1, 2.5, -0.0, 1e400, -1e400, NaN, Infinity, 123456789012345678901234567890, "a\\u00e9\\ud83d\\ude00", {"k": [null, true, false]}, {"k": 1, "k": 2}]')
    write("json", "empty.json", "{}")
    write("json", "deep-1000.json", "[" * 1000 + "]" * 1000)
    write("json", "deep-1001.json", "[" * 1001 + "]" * 1001)
    write("json", "large-string.json", json.dumps(block_text(4500)))
    write("json", "invalid-utf8.json", b'["\xff\xfe", "\xed\xa0\x80"]')
    events = [
        {"type": "metadata", "session_id": "s", "created_at": "2026-01-01T00:00:00+00:00", "agent": "codex", "model": "m", "metadata": {}},
        {"type": "user", "message": "do it", "turn_index": 0},
        {"type": "thinking", "text": "hmm", "turn_index": 0},
        {"type": "tool_call", "id": "c1", "name": "Bash", "arguments": {"command": "ls"}, "turn_index": 0},
        {"type": "tool_result", "id": "c1", "name": "Bash", "output": "a\nb", "is_error": False, "turn_index": 0},
        {"type": "text", "text": "done", "turn_index": 0},
        {"type": "turn_end", "usage": {"input_tokens": 1, "output_tokens": 2, "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd": 0.0}, "duration_ms": 5, "turn_index": 0},
        {"type": "text", "text": "sub", "turn_index": 0, "subagent": "reviewer"},
    ]
    log = "\n".join(json.dumps(e) for e in events) + "\n"
    write("eventlog", "session.jsonl", log)
    write("eventlog", "garbage.jsonl", "not json\n[1,2]\n{\"type\": \"mystery\"}\n\n{\"type\": \"text\", \"text\": 5}\n{\"type\": \"user\"")
    write("eventlog", "large-80k.jsonl", log + json.dumps({"type": "text", "text": block_text(4500), "turn_index": 1}) + "\n")
    write("eventlog", "hostile.jsonl", json.dumps({"type": "unknown" + PAYLOAD}) + "\n" + json.dumps({"type": "text", "text": PAYLOAD}) + "\n")
    claude = [
        {"type": "system", "subtype": "init", "session_id": "0b6c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d", "model": "claude-sonnet-4-5"},
        {"type": "assistant", "message": {"id": "m1", "content": [{"type": "thinking", "thinking": "plan"}, {"type": "tool_use", "id": "t1", "name": "Bash", "input": {"command": "ls"}}]}},
        {"type": "user", "message": {"content": [{"type": "tool_result", "tool_use_id": "t1", "content": [{"type": "text", "text": "a.py"}], "is_error": False}]}},
        {"type": "assistant", "message": {"id": "m2", "content": [{"type": "text", "text": "Done."}]}},
        {"type": "result", "subtype": "success", "is_error": False, "result": "Done.", "total_cost_usd": 0.01, "usage": {"input_tokens": 3, "output_tokens": 4, "cache_read_input_tokens": 5, "cache_creation_input_tokens": 6}},
    ]
    codex = [
        {"type": "thread.started", "thread_id": "01a233e6-c17e-77f1-91cb-af40543964c7"},
        {"type": "turn.started"},
        {"type": "item.started", "item": {"id": "i1", "type": "command_execution", "command": "ls", "aggregated_output": "", "exit_code": None, "status": "in_progress"}},
        {"type": "item.completed", "item": {"id": "i1", "type": "command_execution", "command": "ls", "aggregated_output": "a\n", "exit_code": 0, "status": "completed"}},
        {"type": "item.completed", "item": {"id": "i2", "type": "file_change", "changes": [{"path": "a.py", "kind": "update"}], "status": "completed"}},
        {"type": "item.completed", "item": {"id": "i3", "type": "agent_message", "text": "ok"}},
        {"type": "turn.completed", "usage": {"input_tokens": 10, "cached_input_tokens": 4, "output_tokens": 2}},
    ]
    opencode = [
        {"type": "step_start", "sessionID": "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a", "part": {"type": "step-start"}},
        {"type": "text", "sessionID": "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a", "part": {"type": "text", "text": "hello"}},
        {"type": "tool_use", "sessionID": "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a", "part": {"type": "tool", "tool": "bash", "callID": "k1", "state": {"status": "completed", "input": {"command": "ls"}, "output": "a\n"}}},
        {"type": "step_finish", "sessionID": "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a", "part": {"type": "step-finish", "cost": 0.001, "tokens": {"input": 5, "output": 6, "reasoning": 0, "cache": {"read": 1, "write": 2}}}},
        {"type": "error", "sessionID": "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a", "error": {"name": "APIError", "data": {"message": "boom"}}},
    ]
    for target in ("streams", "import"):
        for name, lines in (("claude.jsonl", claude), ("codex.jsonl", codex), ("opencode.jsonl", opencode)):
            write(target, name, "\n".join(json.dumps(line) for line in lines))
        big = dict(codex[3])
        big["item"] = dict(big["item"], aggregated_output=block_text(4500))
        write(target, "codex-large-80k.jsonl", "\n".join(json.dumps(line) for line in codex[:3] + [big] + codex[4:]))
        write(target, "mixed.jsonl", "not json\n" + json.dumps(claude[0]) + "\n" + json.dumps(codex[0]) + "\n" + json.dumps({"type": "result", "result": PAYLOAD}))
    handles = {
        "claude.json": {"version": 1, "provider": "claude_code", "session_id": "s1", "resume_key": "0b6c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d"},
        "codex.json": {"version": 1, "provider": "codex", "session_id": "h4", "resume_key": "01a233e6-c17e-77f1-91cb-af40543964c7"},
        "opencode.json": {"version": 1, "provider": "opencode", "session_id": "o1", "resume_key": "ses_3a5b7c9d1e2f4a6b8c0d2e4f6a"},
        "codex-option.json": {"version": 1, "provider": "codex", "session_id": "h4", "resume_key": "--config=model_provider=evil"},
        "claude-option.json": {"version": 1, "provider": "claude", "session_id": "h4", "resume_key": "--model=evil"},
        "traversal.json": {"version": 1, "provider": "codex", "session_id": "../x", "resume_key": "01a233e6-c17e-77f1-91cb-af40543964c7"},
        "wrong-types.json": {"version": "1", "provider": 5, "session_id": None, "resume_key": ["k"]},
    }
    for name, handle in handles.items():
        write("handles", name, json.dumps(handle))
    write("handles", "bare-id.txt", "  5f0c2a9e-aaaa  ")
    write("handles", "large-80k.json", json.dumps({"version": 1, "provider": "codex", "session_id": "h", "resume_key": "k" * 81920}))
    write("sanitizer", "payload.txt", PAYLOAD)
    write("sanitizer", "mixed.txt", "plain \t tab\nnew line \u00e9 \U0001F600 \u200f\u2066\u061c\x7f\x00")
    write("sanitizer", "invalid-utf8.txt", b"\xc2\x9b31m \xff\xfe \xe2\x80\xae")
    write("sanitizer", "large-80k.txt", (PAYLOAD + "text \u00e9 ") * 2000)


if __name__ == "__main__":
    sys.exit(main())
