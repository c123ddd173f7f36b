import Foundation
import Logging

/// The one-line session events caw's `AgentLogger` receives, sent through swift-log so a program can
/// attach any log handler: `metadata`, `user`, `tool_call`, `tool_result` / `tool_error`, `assistant`
/// and `thinking` (debug), `turn_end`, `usage_limit`, `turn_failed`, `end`.
///
/// Messages are caw's (`tool_call Bash {"command": "ls"}`), cut to 200 characters with whitespace
/// collapsed and controls made visible, so no handler can be handed an escape sequence from a session.
/// Each carries metadata: `session`, `event`, and `tool` where there is one.
public struct SessionLog: Sendable {
  /// The logger events go to.
  public var logger: Logger
  /// The caw session id every event is tagged with.
  public var sessionID: String

  /// Creates a log for `sessionID` on `logger`.
  public init(logger: Logger, sessionID: String) {
    self.logger = logger
    self.sessionID = sessionID
  }

  /// caw's `metadata agent=… model=… session=…` (empty values left out), at a session's first send.
  public func metadata(_ pairs: KeyValuePairs<String, String>) {
    let text = pairs.filter { !$0.value.isEmpty }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    guard !text.isEmpty else { return }
    emit(.info, "metadata", "metadata " + text)
  }

  /// The user's message of a turn.
  public func user(_ message: String) {
    emit(.info, "user", "user " + Self.clip(message))
  }

  /// A block that appeared in the turn; a tool call whose result is already there is logged twice.
  public func blockAdded(_ block: ContentBlock) {
    switch block {
    case .text(let text) where !text.isEmpty:
      emit(.debug, "assistant", "assistant " + Self.clip(text))
    case .thinking(let text) where !text.isEmpty:
      emit(.debug, "thinking", "thinking " + Self.clip(text))
    case .toolUse(let call):
      let arguments = PythonJSONWriter.string(call.arguments, style: .singleLine)
      emit(.info, "tool_call", "tool_call \(call.name) " + Self.clip(arguments), tool: call.name)
      if !call.output.isEmpty || call.isError { toolResult(call) }
    default:
      break
    }
  }

  /// A tool call that got its result (or error).
  public func toolResult(_ call: ToolUse) {
    let tag = call.isError ? "tool_error" : "tool_result"
    let output = SubagentMarker.strip(call.output)
    emit(.info, tag, "\(tag) \(call.name) → " + Self.clip(output), tool: call.name)
  }

  /// A finished turn: caw's `turn_end duration=…ms tokens=…in/…out cost=$…`.
  public func turnEnd(_ turn: Turn) {
    var parts = ["duration=\(turn.durationMS)ms", "tokens=\(turn.usage.inputTokens)in/\(turn.usage.outputTokens)out"]
    let cost = turn.usage.costUSD.doubleValue
    if cost != 0 { parts.append("cost=$" + Format.fixed(cost, 4)) }
    emit(.info, "turn_end", "turn_end " + parts.joined(separator: " "))
  }

  /// The turn hit the provider's usage limit.
  public func usageLimit(_ limit: UsageLimit) {
    emit(.warning, "usage_limit", "usage_limit wait=\(limit.waitMinutes)min")
  }

  /// The turn failed and was not recorded.
  public func turnFailed(_ reason: String) {
    emit(.error, "turn_failed", "turn_failed " + Self.clip(reason))
  }

  /// The session ended.
  public func end(_ trajectory: Trajectory) {
    var text = "end turns=\(trajectory.turns.count)"
    if trajectory.usageLimited { text += " usage_limited=true" }
    let cost = trajectory.totalUsage.costUSD.doubleValue
    if cost != 0 { text += " cost=$" + Format.fixed(cost, 4) }
    emit(.info, "end", text)
  }

  private func emit(_ level: Logger.Level, _ event: String, _ message: String, tool: String? = nil) {
    var metadata: Logger.Metadata = ["session": .string(sessionID), "event": .string(event)]
    if let tool { metadata["tool"] = .string(TextSanitizer.singleLine(tool, limit: 200)) }
    logger.log(level: level, Logger.Message(stringLiteral: message), metadata: metadata)
  }

  /// caw's `_truncate`: one line, at most 200 characters; controls made visible.
  static func clip(_ text: String) -> String {
    TextSanitizer.preview(text.trimmingCharacters(in: .whitespacesAndNewlines), limit: 200)
  }
}
