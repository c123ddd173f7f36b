import CawCore
import Foundation
import OrderedCollections

/// The benchmark's sessions once more, as the agents store them: each Claude Code session of the caw tree
/// as a transcript under `home/.claude/projects/`, each Codex one as a rollout under `home/.codex/sessions/`
/// (one record per block, usage on the model's messages), so listing them is timed on the same content.
struct NativeBenchTree {
  /// The `HOME` holding both stores.
  var home: String
  /// Transcripts plus rollouts written.
  var files: Int

  /// Writes the native tree for `caw` under `root` unless a finished one is there.
  static func prepare(at root: String, from caw: BenchTree) throws -> NativeBenchTree {
    let home = root + "/native-home"
    let marker = root + "/.native-complete"
    let configuration = "sessions=\(caw.sessions) native=1\n"
    let reader = SessionReader(DataDirectory(caw.dataDirectory))
    let ids = try reader.sessionIDs().filter { caw.largeSession?.hasSuffix("/" + $0) != true }
    if (try? String(contentsOfFile: marker, encoding: .utf8)) != configuration {
      try? FileManager.default.removeItem(atPath: home)
      print("writing \(ids.count) sessions as Claude Code transcripts and Codex rollouts in \(home) …")
      let start = Date()
      for (n, id) in ids.enumerated() {
        guard let t = reader.loadDirectory(named: id).trajectory else { continue }
        let project = "-work-project-\(n % 40)"
        if t.agent == "codex" {
          let day = String(t.createdAt.prefix(10)).replacingOccurrences(of: "-", with: "/")
          let stamp = String(t.createdAt.prefix(19)).replacingOccurrences(of: ":", with: "-")
          try write(codexLines(t), to: "\(home)/.codex/sessions/\(day)/rollout-\(stamp)-\(id).jsonl")
        } else {
          try write(claudeLines(t, project: project), to: "\(home)/.claude/projects/\(project)/\(id).jsonl")
        }
      }
      try configuration.write(toFile: marker, atomically: true, encoding: .utf8)
      print(String(format: "written in %.1f s", Date().timeIntervalSince(start)))
    }
    return NativeBenchTree(home: home, files: ids.count)
  }

  private static func write(_ lines: [JSONObject], to path: String) throws {
    try FileManager.default.createDirectory(
      atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    let text = lines.map { PythonJSONWriter.string(.object($0), style: .singleLine) }.joined(separator: "\n") + "\n"
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  private static func time(_ t: Trajectory, _ offset: Int) -> String {
    ISOTime.string(secondsSince1970: (Timestamp.parse(t.createdAt) ?? 0) + Double(offset))
  }

  /// A Claude Code 2.x transcript: one record per content block, each repeating its message's usage.
  static func claudeLines(_ t: Trajectory, project: String) -> [JSONObject] {
    var lines: [JSONObject] = []
    var clock = 0
    let envelope: JSONObject = [
      "isSidechain": false, "userType": "external", "cwd": .string("/work/\(project)"), "sessionId": .string(t.sessionID),
      "version": "2.1.175", "gitBranch": "main",
    ]
    func record(_ type: String, _ message: JSONObject, _ extra: JSONObject = [:]) {
      clock += 1
      var line = envelope
      line["type"] = .string(type)
      line["message"] = .object(message)
      line["uuid"] = .string("\(t.sessionID.prefix(8))-\(clock)")
      line["timestamp"] = .string(time(t, clock))
      for (key, value) in extra { line[key] = value }
      lines.append(line)
    }
    for (turnIndex, turn) in t.turns.enumerated() {
      record("user", ["role": "user", "content": .string(turn.input)])
      let usage: JSONValue = .object([
        "input_tokens": .number(.int(turn.usage.inputTokens)), "output_tokens": .number(.int(turn.usage.outputTokens)),
        "cache_read_input_tokens": .number(.int(turn.usage.cacheReadTokens)),
        "cache_creation_input_tokens": .number(.int(turn.usage.cacheWriteTokens)),
      ])
      let messageID: JSONValue = .string("msg_\(t.sessionID.prefix(8))_\(turnIndex)")
      for block in turn.output {
        let content: JSONValue
        switch block {
        case .text(let text): content = .object(["type": "text", "text": .string(text)])
        case .thinking(let text): content = .object(["type": "thinking", "thinking": .string(text), "signature": "sig"])
        case .toolUse(let call):
          content = .object(["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": call.arguments])
        }
        record(
          "assistant",
          ["model": .string(t.model), "id": messageID, "type": "message", "role": "assistant", "content": .array([content]), "usage": usage],
          ["requestId": .string("req_\(turnIndex)")])
        if let call = block.toolUse {
          record(
            "user",
            [
              "role": "user",
              "content": .array([
                .object(["tool_use_id": .string(call.id), "type": "tool_result", "content": .string(call.output), "is_error": .bool(call.isError)])
              ]),
            ])
        }
      }
    }
    return lines
  }

  /// A Codex rollout: session meta, then per turn the user message, items and a token count.
  static func codexLines(_ t: Trajectory) -> [JSONObject] {
    var lines: [JSONObject] = []
    var clock = 0
    func record(_ type: String, _ payload: JSONObject) {
      clock += 1
      lines.append(["timestamp": .string(time(t, clock)), "type": .string(type), "payload": .object(payload)])
    }
    let thread = t.metadata["thread_id"]?.stringValue ?? t.sessionID
    record("session_meta", ["id": .string(thread), "cwd": "/work/app", "originator": "codex_exec", "cli_version": "0.146.0"])
    var total = UsageStats()
    for turn in t.turns {
      record("turn_context", ["cwd": "/work/app", "model": .string(t.model), "effort": "medium"])
      record("event_msg", ["type": "task_started"])
      record("event_msg", ["type": "user_message", "message": .string(turn.input)])
      for block in turn.output {
        switch block {
        case .text(let text):
          record("response_item", ["type": "message", "role": "assistant", "content": .array([.object(["type": "output_text", "text": .string(text)])])])
        case .thinking(let text):
          record("response_item", ["type": "reasoning", "summary": .array([.object(["type": "summary_text", "text": .string(text)])])])
        case .toolUse(let call):
          record(
            "response_item",
            ["type": "function_call", "name": "exec_command", "arguments": .string(PythonJSONWriter.string(call.arguments, style: .singleLine)), "call_id": .string(call.id)])
          record("response_item", ["type": "function_call_output", "call_id": .string(call.id), "output": .string("Exit code: \(call.isError ? 1 : 0)\nOutput:\n" + call.output)])
        }
      }
      total = total + turn.usage
      record(
        "event_msg",
        [
          "type": "token_count",
          "info": .object([
            "total_token_usage": .object([
              "input_tokens": .number(.int(total.inputTokens + total.cacheReadTokens)), "cached_input_tokens": .number(.int(total.cacheReadTokens)),
              "output_tokens": .number(.int(total.outputTokens)),
            ])
          ]),
        ])
      record("event_msg", ["type": "task_complete", "duration_ms": .number(.int(turn.durationMS))])
    }
    return lines
  }
}
