import OrderedCollections
import Foundation

/// Reads `opencode run --format json` (spec §5.3) as caw does. Usage is summed over the turn's
/// `step_finish` events, so a stream that ends without a final one still counts the steps it had. An
/// `error` event's message keeps opencode's `data.message` after the error name (caw keeps the name only).
public struct OpencodeStreamParser: StreamParser {
  public private(set) var draft = TurnDraft()
  /// The configured model, used for the price when the CLI reports a zero cost.
  let model: String
  /// Where each tool call's block sits in `draft.blocks`.
  private var toolIndex: [String: Int] = [:]
  /// The summed cost, kept apart so the zero-cost fallback applies per step as in caw.
  private var stepUsages: [UsageStats] = []

  static let knownTypes: Set<String> = ["step_start", "text", "reasoning", "tool_use", "step_finish", "error"]

  /// Creates a parser for a turn run with `model` (`""` if none was given).
  public init(model: String) { self.model = model }

  public mutating func consume(_ event: JSONObject) {
    guard draft.failure == nil else { return }
    if draft.sessionKey == nil, let id = event["sessionID"]?.stringValue, !id.isEmpty { draft.sessionKey = id }
    let type = event["type"]?.stringValue ?? ""
    let part = event["part"]?.objectValue ?? [:]
    switch type {
    case "text":
      if let text = part["text"]?.stringValue, !text.isEmpty { draft.blocks.append(.text(text)) }
    case "reasoning":
      var text = part["text"]?.stringValue ?? ""
      if text.isEmpty, let metadata = part["metadata"]?.objectValue,
        metadata.values.contains(where: { $0.objectValue?["reasoningEncryptedContent"] != nil })
      {
        text = "[encrypted reasoning]"
      }
      if !text.isEmpty { draft.blocks.append(.thinking(text)) }
    case "tool_use":
      readTool(part)
    case "step_finish":
      readStepFinish(part)
    case "error":
      readError(event["error"])
    case "step_start":
      break
    default:
      draft.noteUnknown(type.isEmpty ? "(no type)" : type)
    }
  }

  private mutating func readTool(_ part: JSONObject) {
    guard part["type"]?.stringValue == "tool" else { return }
    let id = [part["callID"], part["id"]].compactMap { $0?.stringValue }.first { !$0.isEmpty }
      ?? UUID().uuidString.lowercased()
    let state = part["state"]?.objectValue ?? [:]
    let index: Int
    if let known = toolIndex[id] {
      index = known
    } else {
      let input = state["input"].flatMap { $0.isTruthy ? $0 : nil } ?? .object([:])
      index = draft.blocks.count
      toolIndex[id] = index
      draft.blocks.append(.toolUse(ToolUse(id: id, name: part["tool"]?.stringValue ?? "tool", arguments: input)))
    }
    guard case .toolUse(var call) = draft.blocks[index] else { return }
    var output = state["output"] ?? ""
    let isError = state["status"]?.stringValue == "error"
    if isError {
      let error = state["error"]
      if let object = error?.objectValue {
        output = object["message"] ?? .string(PythonJSONWriter.string(.object(object), style: .singleLine))
      } else if let error, error.isTruthy {
        output = .string(PythonRepr.str(error))
      } else if !output.isTruthy {
        output = "tool call failed"
      }
    }
    call.output = output.stringValue ?? PythonJSONWriter.string(output, style: .singleLine)
    call.isError = isError
    draft.blocks[index] = .toolUse(call)
  }

  private mutating func readStepFinish(_ part: JSONObject) {
    let tokens = part["tokens"]?.objectValue ?? [:]
    let cache = tokens["cache"]?.objectValue ?? [:]
    func count(_ value: JSONValue?) -> Int { value?.numberValue?.intValue ?? 0 }
    var usage = UsageStats(
      inputTokens: count(tokens["input"]), outputTokens: count(tokens["output"]) + count(tokens["reasoning"]),
      cacheReadTokens: count(cache["read"]), cacheWriteTokens: count(cache["write"]))
    usage.costUSD = .double(part["cost"]?.numberValue?.doubleValue ?? 0)
    stepUsages.append(usage)
    draft.usage = draft.usage + usage
    draft.sawUsageReport = true
  }

  private mutating func readError(_ error: JSONValue?) {
    var message: String
    if let object = error?.objectValue {
      message = [object["message"], object["name"]].compactMap { $0 }.first(where: \.isTruthy).map(PythonRepr.str)
        ?? PythonJSONWriter.string(.object(object), style: .singleLine)
      // caw keeps only the name; the detail opencode puts in `data.message` is what tells a user why.
      if object["message"] == nil, let detail = object["data"]?["message"]?.stringValue, !detail.isEmpty {
        message += ": " + detail
      }
    } else if let error, error.isTruthy {
      message = PythonRepr.str(error)
    } else {
      message = "opencode error"
    }
    if UsageLimit.detect(.opencode, in: message) != nil {
      draft.blocks.append(.text(message))
    } else {
      draft.failure = "opencode error: \(message)"
    }
  }

  public func finished(pricing: PricingTable) -> TurnDraft {
    guard !model.isEmpty else { return draft }
    var result = draft
    result.usage = stepUsages.reduce(UsageStats()) { total, step in
      var step = step
      if step.cost == 0 { step.costUSD = .double(pricing.cost(for: .opencode, model: model, usage: step) ?? 0) }
      return total + step
    }
    return result
  }
}
