#!/usr/bin/env python3
"""A stdio MCP server for the real-CLI tests, with no dependencies: one tool, `lookup`, which answers
`value of KEY is <reversed KEY>` and appends each call to LOG as a JSON line.

    stdio_mcp_server.py LOG

Speaks MCP's JSON-RPC over newline-delimited stdin/stdout: initialize, tools/list, tools/call, ping.
"""
import json
import sys

sys.dont_write_bytecode = True

TOOL = {
    "name": "lookup",
    "description": "Look up the value stored under a key.",
    "inputSchema": {"type": "object", "properties": {"key": {"type": "string"}}, "required": ["key"]},
}


def answer(request, log_path):
    method = request.get("method")
    params = request.get("params") or {}
    if method == "initialize":
        return {"protocolVersion": params.get("protocolVersion", "2025-06-18"),
                "capabilities": {"tools": {"listChanged": False}},
                "serverInfo": {"name": "lookup-server", "version": "1.0.0"}}
    if method == "tools/list":
        return {"tools": [TOOL]}
    if method == "tools/call":
        key = str((params.get("arguments") or {}).get("key", ""))
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"tool": params.get("name"), "arguments": params.get("arguments")}) + "\n")
        return {"content": [{"type": "text", "text": f"value of {key} is {key[::-1]}"}], "isError": False}
    if method == "ping":
        return {}
    return None


def main():
    log_path = sys.argv[1] if len(sys.argv) > 1 else "/dev/null"
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError:
            continue
        if "id" not in request:
            continue  # a notification
        result = answer(request, log_path)
        if result is None:
            reply = {"jsonrpc": "2.0", "id": request["id"],
                     "error": {"code": -32601, "message": f"unknown method {request.get('method')}"}}
        else:
            reply = {"jsonrpc": "2.0", "id": request["id"], "result": result}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
