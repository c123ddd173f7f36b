import OrderedCollections
import Foundation

/// Reads `codex exec --json` (spec §5.2) as caw does, and better where caw loses data: command output
/// from `aggregated_output`, `file_change` items seen only at `item.completed` (with their `changes`, and
/// an error when their `status` is `failed`), and a running command's `exit_code: null` not taken for an
/// error. Also reads the transitional shape
/// of codex 0.41–0.43 (`session.created`, items tagged `item_type`, `assistant_message`) and the legacy
/// `{"id", "msg"}` event stream of earlier versions.
public struct CodexStreamParser: StreamParser {
  public private(set) var draft = TurnDraft()
  /// The configured model, used for the price; codex streams do not name it.
  let model: String
  /// Where each tool call's block sits in `draft.blocks`.
  private var toolIndex: [String: Int] = [:]
  /// The legacy stream's reader, once a legacy line was seen.
  private var legacy = false
  /// The thread's running totals before this turn (`codex exec resume` reports totals, not the turn's).
  let usageBefore: UsageStats
  /// Whether `turn.started` was seen (error items before it are warnings about the setup).
  private var turnStarted = false
  /// The message of an error item in the turn with nothing after it yet.
  private var trailingError: String?

  static let knownEvents: Set<String> = [
    "thread.started", "session.created", "turn.started", "turn.completed", "turn.failed", "error",
    "item.started", "item.updated", "item.completed",
  ]
  static let knownItems: Set<String> = [
    "command_execution", "mcp_tool_call", "file_change", "reasoning", "agent_message", "todo_list", "error",
    "web_search", "plan",
  ]

  /// Creates a parser for a turn run with `model` (`""` if none was given), after a conversation whose
  /// running totals were `usageBefore`.
  public init(model: String, usageBefore: UsageStats = UsageStats()) {
    self.model = model
    self.usageBefore = usageBefore
  }

  public mutating func consume(_ event: JSONObject) {
    guard draft.failure == nil else { return }
    if let message = event["msg"]?.objectValue, event["id"] != nil {
      legacy = true
      readLegacy(message)
      return
    }
    guard let type = event["type"]?.stringValue else {
      // The legacy stream opens with a config object and a `{"prompt": ...}` line.
      if !legacy && (event["prompt"] != nil || event["model"] != nil) { return }
      draft.noteUnknown("(no type)")
      return
    }
    switch type {
    case "thread.started":
      if let id = event["thread_id"]?.stringValue { draft.sessionKey = id }
    case "session.created":
      if let id = event["session_id"]?.stringValue { draft.sessionKey = id }
    case "item.started", "item.updated", "item.completed":
      readItem(event["item"]?.objectValue ?? [:], completed: type == "item.completed")
    case "turn.completed":
      readUsage(event["usage"]?.objectValue ?? [:])
      if let trailingError { draft.turnError = "Codex turn failed: \(trailingError)" }
    case "turn.failed", "error":
      readError(type: type, event)
    case "turn.started":
      turnStarted = true
    default:
      draft.noteUnknown(type)
    }
  }

  private mutating func readItem(_ item: JSONObject, completed: Bool) {
    var type = item["type"]?.stringValue ?? item["item_type"]?.stringValue ?? ""
    if type == "assistant_message" { type = "agent_message" }
    let id = item["id"]?.stringValue ?? UUID().uuidString.lowercased()
    if completed && turnStarted {
      trailingError = type == "error" ? (item["message"]?.stringValue ?? "error") : nil
    }
    switch type {
    case "command_execution", "mcp_tool_call", "file_change":
      let index = toolIndex[id] ?? addTool(id: id, type: type, item)
      guard case .toolUse(var call) = draft.blocks[index] else { return }
      Self.update(&call, type: type, item)
      draft.blocks[index] = .toolUse(call)
    case "reasoning":
      if completed, let text = item["text"]?.stringValue, !text.isEmpty { draft.blocks.append(.thinking(text)) }
    case "agent_message":
      if completed, let text = item["text"]?.stringValue, !text.isEmpty { draft.blocks.append(.text(text)) }
    case _ where Self.knownItems.contains(type):
      break
    default:
      draft.noteUnknown("item:" + (type.isEmpty ? "(no type)" : type))
    }
  }

  /// Adds the tool-call block an item starts, with caw's name and arguments.
  private mutating func addTool(id: String, type: String, _ item: JSONObject) -> Int {
    var call = ToolUse(id: id, name: type, arguments: .object([:]))
    switch type {
    case "command_execution":
      call.arguments = .object(["command": item["command"] ?? ""])
    case "mcp_tool_call":
      let server = item["server"]?.stringValue ?? ""
      let tool = item["tool"]?.stringValue ?? ""
      call.name = server.isEmpty ? tool : "\(server).\(tool)"
      let arguments = item["arguments"] ?? .object([:])
      call.arguments = arguments.objectValue != nil ? arguments : .object(["input": arguments])
    default:
      var arguments = JSONObject()
      if let changes = item["changes"] { arguments["changes"] = changes }
      if item["file"] != nil || item["action"] != nil || item["changes"] == nil {
        arguments["file"] = item["file"] ?? ""
        arguments["action"] = item["action"] ?? ""
      }
      call.arguments = .object(arguments)
    }
    toolIndex[id] = draft.blocks.count
    draft.blocks.append(.toolUse(call))
    return draft.blocks.count - 1
  }

  /// Applies an item's latest output and status to its call.
  static func update(_ call: inout ToolUse, type: String, _ item: JSONObject) {
    let failed = item["status"]?.stringValue == "failed"
    switch type {
    case "command_execution":
      call.output = item["aggregated_output"]?.stringValue ?? item["output"]?.stringValue ?? call.output
      let exitCode = item["exit_code"]?.numberValue
      call.isError = (exitCode.map { !$0.isZero } ?? false) || failed
    case "mcp_tool_call":
      if let result = item["result"], result.isTruthy {
        let content = result["content"]?.arrayValue ?? []
        call.output = content.compactMap { part -> String? in
          if let text = part.stringValue { return text }
          guard part["type"]?.stringValue == "text" else { return nil }
          return part["text"]?.stringValue ?? ""
        }.joined(separator: "\n")
      }
      if let error = item["error"], error.isTruthy {
        call.isError = true
        call.output = error["message"]?.stringValue ?? PythonRepr.str(error)
      } else if failed {
        call.isError = true
      }
    default:
      if let patch = item["patch"]?.stringValue ?? item["content"]?.stringValue {
        call.output = patch
      } else if let changes = item["changes"]?.arrayValue {
        call.output = changes.map { change in
          "\(change["kind"]?.stringValue ?? "change") \(change["path"]?.stringValue ?? "")"
        }.joined(separator: "\n")
      }
      call.isError = failed
    }
  }

  private mutating func readUsage(_ usage: JSONObject) {
    func count(_ key: String) -> Int { usage[key]?.numberValue?.intValue ?? 0 }
    let cached = count("cached_input_tokens")
    let reported = UsageStats(
      inputTokens: count("input_tokens") - cached, outputTokens: count("output_tokens"), cacheReadTokens: cached,
      cacheWriteTokens: 0)
    draft.cumulativeUsage = reported
    draft.usage = RunningTotals.own(reported, after: usageBefore)
    draft.sawUsageReport = true
  }

  private mutating func readError(type: String, _ event: JSONObject) {
    let raw = event["message"] ?? event["error"] ?? "Unknown error"
    let message: String
    if let object = raw.objectValue {
      message = (object["message"] ?? object["error"]).map(PythonRepr.str) ?? PythonRepr.str(raw)
    } else {
      message = PythonRepr.str(raw)
    }
    if UsageLimit.detect(.codex, in: message) != nil {
      draft.blocks.append(.text(message))
    } else if type == "error", message.range(of: #"^Reconnecting\.{3}\s+\d+/\d+"#, options: .regularExpression) != nil {
      return
    } else {
      draft.failure = "Codex turn failed: \(message)"
    }
  }

  // MARK: - The legacy `{"id", "msg"}` stream

  private mutating func readLegacy(_ message: JSONObject) {
    let type = message["type"]?.stringValue ?? ""
    let callID = message["call_id"]?.stringValue ?? UUID().uuidString.lowercased()
    switch type {
    case "session_configured":
      if let id = message["session_id"]?.stringValue { draft.sessionKey = id }
    case "agent_message":
      if let text = message["message"]?.stringValue, !text.isEmpty { draft.blocks.append(.text(text)) }
    case "agent_reasoning":
      if let text = message["text"]?.stringValue, !text.isEmpty { draft.blocks.append(.thinking(text)) }
    case "exec_command_begin":
      let command = message["command"]?.arrayValue.map { parts in
        JSONValue.string(parts.compactMap(\.stringValue).joined(separator: " "))
      } ?? message["command"] ?? ""
      addLegacyTool(callID, ToolUse(id: callID, name: "command_execution", arguments: .object(["command": command])))
    case "exec_command_end":
      updateLegacyTool(callID) { call in
        let stdout = message["stdout"]?.stringValue ?? ""
        let stderr = message["stderr"]?.stringValue ?? ""
        call.output = message["aggregated_output"]?.stringValue ?? (stdout + stderr)
        call.isError = !(message["exit_code"]?.numberValue?.isZero ?? true)
      }
    case "patch_apply_begin":
      let changes = message["changes"] ?? .object([:])
      addLegacyTool(callID, ToolUse(id: callID, name: "file_change", arguments: .object(["changes": changes])))
    case "patch_apply_end":
      updateLegacyTool(callID) { call in
        call.output = (message["stdout"]?.stringValue ?? "") + (message["stderr"]?.stringValue ?? "")
        call.isError = !(message["success"]?.isTruthy ?? true)
      }
    case "mcp_tool_call_begin":
      let invocation = message["invocation"]?.objectValue ?? [:]
      let server = invocation["server"]?.stringValue ?? ""
      let tool = invocation["tool"]?.stringValue ?? ""
      let arguments = invocation["arguments"] ?? .object([:])
      addLegacyTool(
        callID,
        ToolUse(
          id: callID, name: server.isEmpty ? tool : "\(server).\(tool)",
          arguments: arguments.objectValue != nil ? arguments : .object(["input": arguments])))
    case "mcp_tool_call_end":
      updateLegacyTool(callID) { call in
        let result = message["result"]?.objectValue ?? [:]
        if let error = result["Err"] {
          call.isError = true
          call.output = PythonRepr.str(error)
        } else if let ok = result["Ok"] {
          call.isError = ok["isError"]?.isTruthy ?? false
          call.output = (ok["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        }
      }
    case "token_count":
      let totals = message["info"]?["total_token_usage"]?.objectValue ?? message
      readUsage(totals)
    case "error":
      readError(type: "error", message)
    case "task_started", "task_complete", "agent_message_delta", "agent_reasoning_delta", "exec_command_output_delta",
      "background_event", "turn_diff", "user_message", "agent_reasoning_section_break":
      break
    default:
      draft.noteUnknown("msg:" + (type.isEmpty ? "(no type)" : type))
    }
  }

  private mutating func addLegacyTool(_ id: String, _ call: ToolUse) {
    toolIndex[id] = draft.blocks.count
    draft.blocks.append(.toolUse(call))
  }

  private mutating func updateLegacyTool(_ id: String, _ change: (inout ToolUse) -> Void) {
    guard let index = toolIndex[id], case .toolUse(var call) = draft.blocks[index] else { return }
    change(&call)
    draft.blocks[index] = .toolUse(call)
  }

  public func finished(pricing: PricingTable) -> TurnDraft {
    var result = draft
    let cost = pricing.cost(for: .codex, model: model, usage: draft.usage)
    result.usage.costUSD = .double(cost ?? 0)
    result.costUnknown = cost == nil && draft.usage.inputTokens + draft.usage.outputTokens > 0
    return result
  }
}
