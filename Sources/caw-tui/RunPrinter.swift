import CawCore
import Foundation

/// Prints a turn's events as they arrive, for people: blocks, tool results, the recorded turn.
/// Session text is sanitised, so escape sequences from the agent never reach the terminal raw.
struct RunPrinter: Sendable {
  /// Whether command lines and skipped lines are printed too.
  var verbose: Bool

  /// How many lines of a tool's output are shown.
  static let outputLines = 6

  func print(_ event: RunEvent) {
    switch event {
    case .launched(let invocation):
      for warning in invocation.warnings { note("warning: \(warning)") }
      if verbose { note("$ " + TextSanitizer.singleLine(invocation.commandLine)) }
    case .blockAdded(_, let block):
      printBlock(block)
    case .blockUpdated(_, let block):
      if let call = block.toolUse { printResult(call) }
    case .skippedLine(let number, let reason):
      if verbose { note("(stdout line \(number) skipped: \(reason))") }
    case .turnRecorded(let index, let turn, let costKnown):
      let usage = turn.usage
      var parts = ["\(turn.output.count) blocks", "\(turn.toolCalls.count) tool calls"]
      parts.append("in \(Format.tokens(usage.inputTokens)) / out \(Format.tokens(usage.outputTokens))")
      if usage.cacheReadTokens + usage.cacheWriteTokens > 0 {
        parts.append("cache read \(Format.tokens(usage.cacheReadTokens)) / write \(Format.tokens(usage.cacheWriteTokens))")
      }
      parts.append(costKnown ? Format.cost(usage.cost) : "cost unknown")
      parts.append(Format.duration(milliseconds: turn.durationMS))
      note("── turn \(SessionStore.turnPrefix(index)) recorded: " + parts.joined(separator: ", "))
    case .usageLimited(let limit):
      note("usage limit reached; caw would wait \(limit.waitMinutes) min before continuing")
    }
  }

  private func printBlock(_ block: ContentBlock) {
    switch block {
    case .text(let text):
      out(TextSanitizer.multiLine(text))
    case .thinking(let text):
      out(TextSanitizer.multiLine(text).split(separator: "\n", omittingEmptySubsequences: false).map { "┊ " + $0 }
        .joined(separator: "\n"))
    case .toolUse(let call):
      let arguments = PythonJSONWriter.string(call.arguments, style: .singleLine)
      out("⚙ \(TextSanitizer.singleLine(call.name)) \(TextSanitizer.singleLine(arguments, limit: 200))")
      if !call.output.isEmpty || call.isError { printResult(call) }
    }
  }

  private func printResult(_ call: ToolUse) {
    let lines = TextSanitizer.multiLine(SubagentMarker.strip(call.output)).split(separator: "\n", omittingEmptySubsequences: false)
    let shown = lines.prefix(Self.outputLines).map { "  │ " + $0 }
    var text = (call.isError ? "  ✗ \(TextSanitizer.singleLine(call.name)) failed\n" : "") + shown.joined(separator: "\n")
    if lines.count > Self.outputLines { text += "\n  │ … \(lines.count - Self.outputLines) more lines" }
    if !text.isEmpty { out(text) }
  }

  private func out(_ text: String) {
    caw_tui.print(text)
  }

  /// A status line on stderr, so stdout stays the agent's output.
  func note(_ text: String) {
    printError(text)
  }
}
