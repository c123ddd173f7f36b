#!/usr/bin/env python3
"""A scripted model server for the real-CLI tests: the Anthropic Messages API and the OpenAI
Responses API, both streaming server-sent events, answering from a script instead of a model.

    scripted_model_server.py SCRIPT.json LOG.jsonl

Listens on 127.0.0.1 port 0, prints the port on stdout, and serves until stdin is closed (so it
ends with the test process that started it) or it gets SIGTERM. Every request is appended to
LOG.jsonl as one JSON object: {"seq", "method", "path", "api", "prompt", "step", "rule", "status",
"headers", "body"}. See README.md beside this file for the script format.
"""
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.dont_write_bytecode = True

# ---------------------------------------------------------------------------------------------------
# The script: rules chosen by words in the prompt, each a list of replies (one per model call).


class Script:
    def __init__(self, data):
        self.rules = data.get("rules", [])
        self.default = data.get("default", [{"text": "ok"}])
        self.model = data.get("model", "")

    def choose(self, prompt):
        """The rule whose words all appear in the prompt (case-insensitive), first match wins."""
        lowered = prompt.lower()
        for index, rule in enumerate(self.rules):
            if all(word.lower() in lowered for word in rule.get("words", [])):
                return index, rule.get("replies", [])
        return -1, self.default


def reply_for(replies, tool_outputs):
    """The reply that answers after `tool_outputs` tool results: replies are taken in order, each
    consuming as many results as it made tool calls; past the end the last reply repeats."""
    if not replies:
        return {"text": "ok"}
    index, answered = 0, 0
    while index < len(replies) - 1 and answered < tool_outputs:
        answered += sum(1 for part in replies[index].get("parts", []) if "tool" in part or "custom_tool" in part)
        index += 1
    return replies[index]


# ---------------------------------------------------------------------------------------------------
# Reading a request: the prompt (the latest user message that is not a tool result) and how many
# tool results followed it.

REMINDER = re.compile(r"^\s*<(system-reminder|environment_context|user_instructions|permissions instructions)")


def anthropic_prompt(body):
    messages = body.get("messages") or []
    for position in range(len(messages) - 1, -1, -1):
        message = messages[position]
        if message.get("role") != "user":
            continue
        content = message.get("content")
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else (content or [])
        if any(isinstance(b, dict) and b.get("type") == "tool_result" for b in blocks):
            continue
        texts = [b.get("text", "") for b in blocks if isinstance(b, dict) and b.get("type") == "text"]
        texts = [t for t in texts if not REMINDER.match(t)] or texts
        if texts:
            outputs = 0
            for later in messages[position + 1:]:
                later_content = later.get("content")
                if isinstance(later_content, list):
                    outputs += sum(1 for b in later_content if isinstance(b, dict) and b.get("type") == "tool_result")
            return "\n".join(texts), outputs
    return "", 0


def openai_prompt(body):
    items = body.get("input")
    if isinstance(items, str):
        return items, 0
    items = items or []
    for position in range(len(items) - 1, -1, -1):
        item = items[position]
        if item.get("type", "message") != "message" or item.get("role") != "user":
            continue
        content = item.get("content")
        parts = [{"type": "input_text", "text": content}] if isinstance(content, str) else (content or [])
        texts = [p.get("text", "") for p in parts if isinstance(p, dict) and p.get("type") in ("input_text", "text")]
        if not texts or all(REMINDER.match(t) for t in texts):
            continue
        outputs = sum(1 for later in items[position + 1:] if str(later.get("type", "")).endswith("_call_output"))
        return "\n".join(t for t in texts if not REMINDER.match(t)), outputs
    return "", 0


# ---------------------------------------------------------------------------------------------------
# Writing replies.


def usage_of(reply, default_in=100, default_out=20):
    usage = dict(reply.get("usage") or {})
    usage.setdefault("input", default_in)
    usage.setdefault("output", default_out)
    usage.setdefault("cache_read", 0)
    usage.setdefault("cache_write", 0)
    usage.setdefault("reasoning", 0)
    return usage


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "scripted-model-server"

    def log_message(self, *args):  # quiet; the JSONL log is the record
        pass

    # -- plumbing

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw.decode("utf-8")) if raw else {}
        except (ValueError, UnicodeDecodeError):
            return {"_undecodable": raw[:2000].decode("latin-1")}

    def record(self, body, api, prompt="", step=None, rule=None, status=200):
        self.server.record({
            "method": self.command, "path": self.path, "api": api, "prompt": prompt, "step": step, "rule": rule,
            "status": status, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
        })

    def send_json(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def start_events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def event(self, name, obj, delay):
        if delay:
            time.sleep(delay)
        self.wfile.write(f"event: {name}\ndata: {json.dumps(obj)}\n\n".encode())
        self.wfile.flush()

    def stall(self):
        """Holds the stream open until the client goes away (or a minute passes)."""
        self.server.note_stall()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            try:
                self.wfile.write(b": waiting\n\n")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    # -- routes

    def do_GET(self):
        if self.path.split("?")[0].rstrip("/").endswith("/models"):
            self.record({}, "models")
            models = self.server.script.data.get("models") or []
            self.send_json(200, {"data": models, "models": models, "has_more": False, "object": "list"})
            return
        self.record({}, "unknown", status=404)
        self.send_json(404, {"error": {"type": "not_found_error", "message": f"no route {self.path}"}})

    def do_HEAD(self):
        self.record({}, "head")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        body = self.read_body()
        path = self.path.split("?")[0]
        if path.endswith("/messages/count_tokens"):
            self.record(body, "count_tokens")
            self.send_json(200, {"input_tokens": 100})
        elif path.endswith("/messages"):
            self.anthropic(body)
        elif path.endswith("/responses"):
            self.openai(body)
        else:
            self.record(body, "unknown", status=404)
            self.send_json(404, {"error": {"type": "not_found_error", "message": f"no route {self.path}"}})

    # -- Anthropic Messages

    def anthropic(self, body):
        prompt, outputs = anthropic_prompt(body)
        rule, replies = self.server.script.choose(prompt)
        reply = reply_for(replies, outputs)
        error = reply.get("error")
        status = error.get("status", 400) if error else 200
        self.record(body, "anthropic", prompt, outputs, rule, status)
        if error:
            kinds = {400: "invalid_request_error", 401: "authentication_error", 429: "rate_limit_error",
                     500: "api_error", 529: "overloaded_error"}
            self.send_json(status, {"type": "error", "error": {
                "type": kinds.get(status, "api_error"), "message": error.get("message", "scripted error")}})
            return
        if not body.get("stream"):
            self.send_json(200, self.anthropic_message(body, reply))
            return
        delay = reply.get("delay_ms", 0) / 1000
        usage = usage_of(reply)
        message_id = self.server.next_id("msg_")
        self.start_events()
        self.event("message_start", {"type": "message_start", "message": {
            "id": message_id, "type": "message", "role": "assistant", "model": body.get("model", ""),
            "content": [], "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": usage["input"], "cache_creation_input_tokens": usage["cache_write"],
                      "cache_read_input_tokens": usage["cache_read"], "output_tokens": 1}}}, 0)
        stop_reason = "end_turn"
        for index, part in enumerate(reply.get("parts", [])):
            if "stall" in part:
                self.stall()
                return
            if "fail" in part:
                self.event("error", {"type": "error", "error": {"type": "overloaded_error", "message": part["fail"]}}, delay)
                return
            if "thinking" in part:
                self.block(index, {"type": "thinking", "thinking": "", "signature": ""},
                           [{"type": "thinking_delta", "thinking": part["thinking"]},
                            {"type": "signature_delta", "signature": "c2lnbmF0dXJl"}], delay)
            elif "text" in part:
                self.block(index, {"type": "text", "text": ""},
                           [{"type": "text_delta", "text": chunk} for chunk in halves(part["text"])], delay)
            elif "tool" in part:
                stop_reason = "tool_use"
                arguments = json.dumps(part.get("input", {}))
                self.block(index, {"type": "tool_use", "id": self.server.next_id("toolu_"), "name": part["tool"],
                                   "input": {}},
                           [{"type": "input_json_delta", "partial_json": chunk} for chunk in halves(arguments)], delay)
        self.event("message_delta", {"type": "message_delta",
                                     "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                                     "usage": {"output_tokens": usage["output"]}}, delay)
        self.event("message_stop", {"type": "message_stop"}, 0)

    def block(self, index, start, deltas, delay):
        self.event("content_block_start", {"type": "content_block_start", "index": index, "content_block": start}, delay)
        for delta in deltas:
            self.event("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}, delay)
        self.event("content_block_stop", {"type": "content_block_stop", "index": index}, 0)

    def anthropic_message(self, body, reply):
        usage = usage_of(reply)
        content, stop_reason = [], "end_turn"
        for part in reply.get("parts", []):
            if "text" in part:
                content.append({"type": "text", "text": part["text"]})
            elif "tool" in part:
                stop_reason = "tool_use"
                content.append({"type": "tool_use", "id": self.server.next_id("toolu_"), "name": part["tool"],
                                "input": part.get("input", {})})
        return {"id": self.server.next_id("msg_"), "type": "message", "role": "assistant",
                "model": body.get("model", ""), "content": content, "stop_reason": stop_reason, "stop_sequence": None,
                "usage": {"input_tokens": usage["input"], "output_tokens": usage["output"],
                          "cache_creation_input_tokens": usage["cache_write"],
                          "cache_read_input_tokens": usage["cache_read"]}}

    # -- OpenAI Responses

    def openai(self, body):
        prompt, outputs = openai_prompt(body)
        rule, replies = self.server.script.choose(prompt)
        reply = reply_for(replies, outputs)
        error = reply.get("error")
        status = error.get("status", 400) if error else 200
        self.record(body, "openai", prompt, outputs, rule, status)
        if error:
            self.send_json(status, {"error": {"type": "invalid_request_error", "code": error.get("code"),
                                              "message": error.get("message", "scripted error"), "param": None}})
            return
        delay = reply.get("delay_ms", 0) / 1000
        usage = usage_of(reply)
        response_id = self.server.next_id("resp_")
        response = {"id": response_id, "object": "response", "created_at": int(time.time()), "status": "in_progress",
                    "model": body.get("model", ""), "output": []}
        self.start_events()
        self.event("response.created", {"type": "response.created", "response": response}, 0)
        self.event("response.in_progress", {"type": "response.in_progress", "response": response}, 0)
        output = []
        for index, part in enumerate(reply.get("parts", [])):
            if "stall" in part:
                self.stall()
                return
            if "fail" in part:
                failed = dict(response, status="failed", output=output,
                              error={"code": "server_error", "message": part["fail"]})
                self.event("response.failed", {"type": "response.failed", "response": failed}, delay)
                return
            if "thinking" in part:
                item = {"id": self.server.next_id("rs_"), "type": "reasoning",
                        "summary": [{"type": "summary_text", "text": part["thinking"]}]}
                self.event("response.output_item.added", {"type": "response.output_item.added", "output_index": index,
                                                          "item": dict(item, summary=[])}, delay)
                self.event("response.reasoning_summary_part.added", {
                    "type": "response.reasoning_summary_part.added", "item_id": item["id"], "output_index": index,
                    "summary_index": 0, "part": {"type": "summary_text", "text": ""}}, 0)
                for chunk in halves(part["thinking"]):
                    self.event("response.reasoning_summary_text.delta", {
                        "type": "response.reasoning_summary_text.delta", "item_id": item["id"],
                        "output_index": index, "summary_index": 0, "delta": chunk}, delay)
            elif "text" in part:
                item = {"id": self.server.next_id("msg_"), "type": "message", "role": "assistant",
                        "status": "completed",
                        "content": [{"type": "output_text", "text": part["text"], "annotations": []}]}
                self.event("response.output_item.added", {"type": "response.output_item.added", "output_index": index,
                                                          "item": dict(item, content=[], status="in_progress")}, delay)
                for chunk in halves(part["text"]):
                    self.event("response.output_text.delta", {
                        "type": "response.output_text.delta", "item_id": item["id"], "output_index": index,
                        "content_index": 0, "delta": chunk}, delay)
            elif "tool" in part:
                item = {"id": self.server.next_id("fc_"), "type": "function_call", "status": "completed",
                        "call_id": self.server.next_id("call_"), "name": part["tool"],
                        "arguments": json.dumps(part.get("input", {}))}
                if part.get("namespace"):
                    item["namespace"] = part["namespace"]
                self.event("response.output_item.added", {"type": "response.output_item.added", "output_index": index,
                                                          "item": dict(item, arguments="", status="in_progress")},
                           delay)
            elif "custom_tool" in part:
                item = {"id": self.server.next_id("ctc_"), "type": "custom_tool_call", "status": "completed",
                        "call_id": self.server.next_id("call_"), "name": part["custom_tool"],
                        "input": part.get("input", "")}
                self.event("response.output_item.added", {"type": "response.output_item.added", "output_index": index,
                                                          "item": dict(item, input="", status="in_progress")}, delay)
            else:
                continue
            output.append(item)
            self.event("response.output_item.done", {"type": "response.output_item.done", "output_index": index,
                                                     "item": item}, delay)
        total = usage["input"] + usage["cache_read"]
        response = dict(response, status="completed", output=output, usage={
            "input_tokens": total, "input_tokens_details": {"cached_tokens": usage["cache_read"]},
            "output_tokens": usage["output"], "output_tokens_details": {"reasoning_tokens": usage["reasoning"]},
            "total_tokens": total + usage["output"]})
        self.event("response.completed", {"type": "response.completed", "response": response}, delay)


def halves(text):
    """A text in two deltas, so clients see it arrive in pieces."""
    middle = len(text) // 2
    return [piece for piece in (text[:middle], text[middle:]) if piece] or [""]


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, script_data, log_path):
        super().__init__(("127.0.0.1", 0), Handler)
        self.script = Script(script_data)
        self.script.data = script_data
        self.log_path = log_path
        self.lock = threading.Lock()
        self.sequence = 0
        self.ids = 0
        self.stopping = threading.Event()

    def record(self, entry):
        with self.lock:
            self.sequence += 1
            entry = dict({"seq": self.sequence, "time": time.time()}, **entry)
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry) + "\n")

    def note_stall(self):
        self.record({"method": "-", "path": "-", "api": "stall"})

    def next_id(self, prefix):
        with self.lock:
            self.ids += 1
            return f"{prefix}{self.ids:04d}"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        script = json.load(handle)
    server = Server(script, sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()  # until the parent closes our stdin (or dies)
    server.stopping.set()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
