import OrderedCollections
/// Builds a trajectory from opencode's messages and parts (the same shapes in `opencode.db` and in the
/// `storage/` files): a turn per user message, the assistant messages' text, reasoning and tool parts as
/// blocks, usage and cost from each assistant message (priced from the table when opencode recorded 0).
struct OpencodeSession {
  /// Part types that carry nothing a trajectory shows.
  static let ignoredParts: Set<String> = [
    "step-start", "step-finish", "snapshot", "patch", "file", "agent", "subtask", "compaction", "retry",
  ]

  var assembler: TurnAssembler
  var model = ""
  var tally = RecordTally()
  /// Tool call id → the session a `task` call ran.
  var childSessions: [String: String] = [:]
  var inProgress = false

  init(skimmingContent: Bool) {
    assembler = TurnAssembler(skimmingContent: skimmingContent)
  }

  mutating func add(_ message: JSONObject, parts: [JSONObject]) {
    let created = (message["time"]?["created"]?.numberValue?.doubleValue).map { $0 / 1000 }
    let completed = (message["time"]?["completed"]?.numberValue?.doubleValue).map { $0 / 1000 }
    for time in [created, completed].compactMap({ $0 }) { tally.note(time) }
    switch message["role"]?.stringValue {
    case "user":
      let text = parts.filter { $0["type"]?.stringValue == "text" && $0["synthetic"]?.flag != true }
        .compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
      assembler.startTurn(text, at: created)
      inProgress = true
    case "assistant":
      assistant(message, parts: parts, created: created, completed: completed)
    default:
      tally.count("message role \(message["role"]?.stringValue ?? "(none)")")
    }
  }

  private mutating func assistant(_ message: JSONObject, parts: [JSONObject], created: Double?, completed: Double?) {
    let provider = message["providerID"]?.stringValue ?? message["model"]?["providerID"]?.stringValue ?? ""
    let modelID = message["modelID"]?.stringValue ?? message["model"]?["modelID"]?.stringValue ?? ""
    let messageModel = provider.isEmpty ? modelID : modelID.isEmpty ? "" : provider + "/" + modelID
    if !messageModel.isEmpty { model = messageModel }
    assembler.ensureTurn(at: created)
    var running = false
    for part in parts {
      let type = part["type"]?.stringValue ?? ""
      switch type {
      case "text":
        if part["synthetic"]?.flag != true { assembler.text(part["text"]?.stringValue ?? "", at: created) }
      case "reasoning":
        var text = part["text"]?.stringValue ?? ""
        if text.isEmpty, let meta = part["metadata"]?.objectValue,
          meta.values.contains(where: { $0["reasoningEncryptedContent"] != nil })
        {
          text = "[encrypted reasoning]"
        }
        assembler.thinking(text, at: created)
      case "tool":
        let id = part["callID"]?.stringValue ?? part["id"]?.stringValue ?? ""
        let state = part["state"]?.objectValue ?? [:]
        var call = ToolUse(id: id, name: part["tool"]?.stringValue ?? "tool", arguments: state["input"] ?? .object([:]))
        let status = state["status"]?.stringValue ?? ""
        if let output = state["output"] {
          call.output = output.stringValue ?? PythonJSONWriter.string(output, style: .singleLine)
        }
        if status == "error" {
          call.isError = true
          if let error = state["error"] {
            call.output = error.stringValue ?? error["message"]?.stringValue ?? PythonJSONWriter.string(error, style: .singleLine)
          }
          if call.output.isEmpty { call.output = "tool call failed" }
        }
        if status == "pending" || status == "running" { running = true }
        if let child = state["metadata"]?["sessionId"]?.stringValue ?? state["metadata"]?["sessionID"]?.stringValue {
          childSessions[id] = child
        }
        assembler.toolCall(call, at: created)
        if !call.output.isEmpty || call.isError {
          assembler.toolResult(id, output: call.output, isError: call.isError, at: completed ?? created)
        }
      default:
        if !Self.ignoredParts.contains(type) { tally.count("part \(type.isEmpty ? "(no type)" : type)") }
      }
    }
    if let tokens = message["tokens"]?.objectValue {
      func count(_ value: JSONValue?) -> Int { value?.numberValue?.intValue ?? 0 }
      let usage = UsageStats(
        inputTokens: count(tokens["input"]), outputTokens: count(tokens["output"]) + count(tokens["reasoning"]),
        cacheReadTokens: count(tokens["cache"]?["read"]), cacheWriteTokens: count(tokens["cache"]?["write"]),
        costUSD: message["cost"]?.numberValue ?? .double(0))
      assembler.usage(usage, model: messageModel, message: message["id"]?.stringValue)
    }
    assembler.touch(completed)
    inProgress = (completed == nil && message["error"] == nil) || running
  }

  /// The trajectory of session `info` (opencode's `Session.Info`).
  func trajectory(info: JSONObject, path: String, pricing: PricingTable) -> Trajectory {
    let turns = assembler.turns(provider: .opencode, pricing: pricing)
    let id = info["id"]?.stringValue ?? ""
    let created = (info["time"]?["created"]?.numberValue?.doubleValue).map { $0 / 1000 } ?? tally.firstTime
    let updated = info["time"]?["updated"]?.numberValue?.intValue
    var metadata: JSONObject = ["opencode_session_id": .string(id)]
    if let directory = info["directory"]?.stringValue, !directory.isEmpty { metadata["cwd"] = .string(directory) }
    var native: JSONObject = ["origin": "opencode", "path": .string(path)]
    if let version = info["version"]?.stringValue { native["cli_version"] = .string(version) }
    if let title = info["title"]?.stringValue, !title.isEmpty { native["title"] = .string(title) }
    if let updated { native["updated_ms"] = .number(.int(updated)) }
    native["unknown_record_types"] = tally.unknownJSON
    metadata["native"] = .object(native)
    return Trajectory(
      agent: Provider.opencode.rawValue, model: model, sessionID: id,
      createdAt: created.map { ISOTime.string(secondsSince1970: $0) } ?? "",
      completedAt: inProgress ? "" : (tally.lastTime ?? created).map { ISOTime.string(secondsSince1970: $0) } ?? "",
      turns: turns, usage: turns.reduce(UsageStats()) { $0 + $1.usage }, durationMS: turns.reduce(0) { $0 + $1.durationMS },
      metadata: metadata)
  }
}
