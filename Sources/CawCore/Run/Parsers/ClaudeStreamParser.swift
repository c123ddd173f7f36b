import OrderedCollections

/// Reads `claude -p --output-format stream-json --verbose` (spec §5.1), as caw does, and better where caw
/// loses data: with no `result` line, usage comes from the assistant messages (each message id counted
/// once) and the cost from the price table.
public struct ClaudeStreamParser: StreamParser {
  public private(set) var draft = TurnDraft()
  /// The configured model; the `init` line's model is recorded only when this is empty.
  let configuredModel: String
  /// Where each tool call's block sits in `draft.blocks`.
  private var toolIndex: [String: Int] = [:]
  /// The last usage seen per assistant message id, for streams without a `result` line.
  private var messageUsage: OrderedDictionary<String, UsageStats> = [:]

  static let knownTypes: Set<String> = ["system", "assistant", "user", "result", "stream_event", "rate_limit_event"]

  /// Creates a parser for a turn run with `model` (`""` if none was given).
  public init(model: String) { configuredModel = model }

  public mutating func consume(_ event: JSONObject) {
    let type = event["type"]?.stringValue ?? ""
    if let key = event["session_id"]?.stringValue, !key.isEmpty, draft.sessionKey == nil { draft.sessionKey = key }
    switch type {
    case "system":
      if event["subtype"]?.stringValue == "init", configuredModel.isEmpty, (draft.model ?? "").isEmpty {
        draft.model = event["model"]?.stringValue ?? ""
      }
    case "assistant":
      readAssistant(event["message"]?.objectValue ?? [:])
    case "user":
      readToolResults(event["message"]?.objectValue ?? [:])
    case "result":
      readResult(event)
    case _ where Self.knownTypes.contains(type):
      break
    default:
      draft.noteUnknown(type.isEmpty ? "(no type)" : type)
    }
  }

  private mutating func readAssistant(_ message: JSONObject) {
    for item in message["content"]?.arrayValue ?? [] {
      guard let item = item.objectValue else { continue }
      switch item["type"]?.stringValue {
      case "text":
        if let text = item["text"]?.stringValue, !text.isEmpty { draft.blocks.append(.text(text)) }
      case "thinking":
        if let text = item["thinking"]?.stringValue, !text.isEmpty { draft.blocks.append(.thinking(text)) }
      case "tool_use":
        let id = item["id"]?.stringValue ?? ""
        let call = ToolUse(id: id, name: item["name"]?.stringValue ?? "", arguments: item["input"] ?? .object([:]))
        toolIndex[id] = draft.blocks.count
        draft.blocks.append(.toolUse(call))
      default:
        break
      }
    }
    if let id = message["id"]?.stringValue, let usage = message["usage"]?.objectValue {
      messageUsage[id] = Self.usage(usage)
    }
  }

  private mutating func readToolResults(_ message: JSONObject) {
    for item in message["content"]?.arrayValue ?? [] {
      guard let item = item.objectValue, item["type"]?.stringValue == "tool_result",
        let id = item["tool_use_id"]?.stringValue, !id.isEmpty, let index = toolIndex[id],
        case .toolUse(var call) = draft.blocks[index]
      else { continue }
      call.output = Self.unwrapMCPResult(Self.resultText(item["content"] ?? .string("")))
      call.isError = item["is_error"]?.isTruthy ?? false
      draft.blocks[index] = .toolUse(call)
    }
  }

  private mutating func readResult(_ event: JSONObject) {
    let usage = event["usage"]?.objectValue ?? [:]
    draft.usage = Self.usage(usage)
    draft.usage.costUSD = event["total_cost_usd"]?.numberValue ?? .double(0)
    draft.durationMS = event["duration_ms"]?.numberValue?.intValue ?? 0
    draft.sawUsageReport = true
  }

  public func finished(pricing: PricingTable) -> TurnDraft {
    guard !draft.sawUsageReport, !messageUsage.isEmpty else { return draft }
    var result = draft
    result.usage = messageUsage.values.reduce(UsageStats(), +)
    let model = configuredModel.isEmpty ? (draft.model ?? "") : configuredModel
    result.usage.costUSD = .double(pricing.cost(for: .claudeCode, model: model, usage: result.usage) ?? 0)
    return result
  }

  /// Token counts of a claude `usage` object.
  static func usage(_ usage: JSONObject) -> UsageStats {
    func count(_ key: String) -> Int { usage[key]?.numberValue?.intValue ?? 0 }
    return UsageStats(
      inputTokens: count("input_tokens"), outputTokens: count("output_tokens"),
      cacheReadTokens: count("cache_read_input_tokens"), cacheWriteTokens: count("cache_creation_input_tokens"))
  }

  /// A tool result's text: the string, or the `text` parts joined by newlines (images dropped, as caw).
  static func resultText(_ content: JSONValue) -> String {
    switch content {
    case .string(let text): return text
    case .array(let parts):
      return parts.compactMap { part -> String? in
        guard let part = part.objectValue, part["type"]?.stringValue == "text" else { return nil }
        return part["text"]?.stringValue ?? ""
      }.joined(separator: "\n")
    default: return ""
    }
  }

  /// caw's HTTP-MCP unwrapping: a JSON object with a `result` key becomes Python's `str(result)`.
  static func unwrapMCPResult(_ output: String) -> String {
    guard output.contains("result"), let parsed = try? JSONParser.parse(Array(output.utf8)),
      let result = parsed.objectValue?["result"]
    else { return output }
    return PythonRepr.str(result)
  }
}
