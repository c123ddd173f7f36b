import Foundation

/// A trajectory as a Markdown transcript: a header with the totals, then each turn's user message,
/// thinking, text and tool calls (arguments, a file edit's diff and output in fenced blocks), with subagents
/// nested.
///
/// Session text goes through ``TextSanitizer`` on its way in, so the file itself holds no escape
/// sequence, control or bidi override: `cat transcript.md` on a terminal is as safe as the TUI.
public enum MarkdownTranscript {
  /// The transcript of `trajectory`.
  public static func render(_ trajectory: Trajectory) -> String {
    var out = ""
    render(trajectory, level: 1, into: &out)
    return out
  }

  private static func render(_ t: Trajectory, level: Int, into out: inout String) {
    let heading = String(repeating: "#", count: min(level, 6))
    out += "\(heading) \(level == 1 ? "Session" : "Subagent session") \(line(t.sessionID))\n\n"
    var facts = ["**Agent:** \(line(t.agent))"]
    if !t.model.isEmpty { facts.append("**Model:** \(line(t.model))") }
    if !t.reasoning.isEmpty { facts.append("**Reasoning:** \(line(t.reasoning))") }
    facts.append("**Turns:** \(t.turns.count)")
    facts.append("**Cost:** \(Format.cost(t.totalUsage.cost))")
    facts.append("**Duration:** \(Format.duration(milliseconds: t.durationMS))")
    if !t.createdAt.isEmpty { facts.append("**Started:** \(line(t.createdAt))") }
    if level == 1 {
      facts.append("**Status:** " + (t.usageLimited ? "usage-limited" : t.completedAt.isEmpty ? "unfinished" : "finished"))
    }
    out += facts.joined(separator: " · ") + "\n\n"
    if !t.systemPrompt.isEmpty { out += "**System prompt:**\n\n" + quoted(t.systemPrompt) + "\n" }
    let sub = String(repeating: "#", count: min(level + 1, 6))
    for (index, turn) in t.turns.enumerated() {
      let usage = turn.usage
      out += "\(sub) Turn \(index)\n\n"
      out += "_in \(usage.inputTokens) · out \(usage.outputTokens) · cache read \(usage.cacheReadTokens)"
      out += " · cache write \(usage.cacheWriteTokens) · \(Format.cost(usage.cost)) · "
      out += Format.duration(milliseconds: turn.durationMS) + "_\n\n"
      out += "**User:**\n\n" + quoted(turn.input) + "\n"
      for block in turn.output {
        switch block {
        case .text(let text): out += TextSanitizer.multiLine(text) + "\n\n"
        case .thinking(let text):
          out += "<details><summary>Thinking</summary>\n\n" + TextSanitizer.multiLine(text) + "\n\n</details>\n\n"
        case .toolUse(let call): renderTool(call, level: level, into: &out)
        }
      }
    }
  }

  private static func renderTool(_ call: ToolUse, level: Int, into out: inout String) {
    out += "**Tool call `\(line(call.name).replacingOccurrences(of: "`", with: "'"))`**"
    out += call.isError ? " — **error**\n\n" : "\n\n"
    out += fenced(PythonJSONWriter.string(call.arguments, style: .indented), language: "json")
    if let edit = FileEdit(call) {
      out += "Changes:\n\n" + fenced(edit.diffLines.map(\.text).joined(separator: "\n"), language: "diff")
    }
    if !call.output.isEmpty { out += (call.isError ? "Error output:\n\n" : "Output:\n\n") + fenced(call.output) }
    if let subagent = call.subagentTrajectory { render(subagent, level: level + 2, into: &out) }
  }

  /// One line of session text, made safe.
  private static func line(_ text: String) -> String { TextSanitizer.singleLine(text) }

  /// `text` (made safe) as a Markdown block quote.
  static func quoted(_ text: String) -> String {
    TextSanitizer.multiLine(text).split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n"
  }

  /// `text` (made safe) in a code fence longer than any run of backticks inside it.
  static func fenced(_ raw: String, language: String = "") -> String {
    let text = TextSanitizer.multiLine(raw)
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return fence + language + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n\n"
  }
}
