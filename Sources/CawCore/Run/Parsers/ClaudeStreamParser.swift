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
  /// The session's running token totals when the `result` cost is a running total with no per-turn
  /// figure beside it.
  private var runningCost: UsageStats?

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

  /// The `result` line. Its `usage` is this process's; after `--resume` its `total_cost_usd` (like
  /// `modelUsage`) is the session's running total, so the turn's own cost comes from
  /// `model_usage_since_last_result` when the CLI gives it, else (when the totals show more tokens than
  /// the turn used) from the price table, else from the running cost in proportion to the turn's share of
  /// the price-weighted tokens. An `is_error` result (an API error) fails the turn.
  private mutating func readResult(_ event: JSONObject) {
    let usage = event["usage"]?.objectValue ?? [:]
    draft.usage = Self.usage(usage)
    draft.usage.costUSD = event["total_cost_usd"]?.numberValue ?? .double(0)
    runningCost = nil
    if let own = event["model_usage_since_last_result"]?.objectValue {
      // Empty when the turn used nothing (an API error before any answer).
      draft.usage.costUSD = .double(own.values.reduce(0) { $0 + ($1["costUSD"]?.numberValue?.doubleValue ?? 0) })
    } else if let totals = event["modelUsage"]?.objectValue {
      func count(_ key: String) -> Int { totals.values.reduce(0) { $0 + ($1[key]?.numberValue?.intValue ?? 0) } }
      let all = UsageStats(
        inputTokens: count("inputTokens"), outputTokens: count("outputTokens"),
        cacheReadTokens: count("cacheReadInputTokens"), cacheWriteTokens: count("cacheCreationInputTokens"))
      // A model whose counts are exactly the turn's means the figures are this turn's own (the other
      // models' are the CLI's side calls, such as titles, which total_cost_usd rightly includes).
      let turn = draft.usage
      let ownFigures = totals.values.contains {
        $0["inputTokens"]?.numberValue?.intValue == turn.inputTokens && $0["outputTokens"]?.numberValue?.intValue == turn.outputTokens
          && $0["cacheReadInputTokens"]?.numberValue?.intValue == turn.cacheReadTokens
          && $0["cacheCreationInputTokens"]?.numberValue?.intValue == turn.cacheWriteTokens
      }
      if !ownFigures && all.totalTokens > draft.usage.totalTokens { runningCost = all }
    }
    draft.durationMS = event["duration_ms"]?.numberValue?.intValue ?? 0
    draft.sawUsageReport = true
    if event["is_error"]?.isTruthy == true {
      let text = event["result"]?.stringValue ?? ""
      let status = event["api_error_status"]?.numberValue.map { "API Error: \($0.pythonLiteral)" }
      draft.turnError = text.isEmpty ? (status ?? "claude reported an error (\(event["subtype"]?.stringValue ?? "no subtype"))") : text
    }
  }

  public func finished(pricing: PricingTable) -> TurnDraft {
    if let totals = runningCost {
      var result = draft
      let model = configuredModel.isEmpty ? (draft.model ?? "") : configuredModel
      result.usage.costUSD = .double(
        pricing.cost(for: .claudeCode, model: model, usage: draft.usage)
          ?? draft.usage.cost * Self.priceWeight(draft.usage) / max(Self.priceWeight(totals), 1))
      return result
    }
    guard !draft.sawUsageReport, !messageUsage.isEmpty else { return draft }
    var result = draft
    result.usage = messageUsage.values.reduce(UsageStats(), +)
    let model = configuredModel.isEmpty ? (draft.model ?? "") : configuredModel
    result.usage.costUSD = .double(pricing.cost(for: .claudeCode, model: model, usage: result.usage) ?? 0)
    return result
  }

  /// Tokens weighted by Anthropic's relative prices (output 5x input, cache reads 0.1x, cache writes
  /// 1.25x; the same for every Claude model), to split a running cost by the turn's share of its tokens.
  static func priceWeight(_ usage: UsageStats) -> Double {
    Double(usage.inputTokens) + 5 * Double(usage.outputTokens) + 0.1 * Double(usage.cacheReadTokens)
      + 1.25 * Double(usage.cacheWriteTokens)
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
