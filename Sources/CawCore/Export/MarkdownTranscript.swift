import Foundation

/// A trajectory as a Markdown transcript: a header with the totals, then each turn's user message,
/// thinking, text and tool calls (arguments and output in fenced blocks), with subagents nested.
public enum MarkdownTranscript {
  /// The transcript of `trajectory`.
  public static func render(_ trajectory: Trajectory) -> String {
    var out = ""
    render(trajectory, level: 1, into: &out)
    return out
  }

  private static func render(_ t: Trajectory, level: Int, into out: inout String) {
    let heading = String(repeating: "#", count: min(level, 6))
    out += "\(heading) \(level == 1 ? "Session" : "Subagent session") \(t.sessionID)\n\n"
    var facts = ["**Agent:** \(t.agent)"]
    if !t.model.isEmpty { facts.append("**Model:** \(t.model)") }
    if !t.reasoning.isEmpty { facts.append("**Reasoning:** \(t.reasoning)") }
    facts.append("**Turns:** \(t.turns.count)")
    facts.append("**Cost:** \(Format.cost(t.totalUsage.cost))")
    facts.append("**Duration:** \(Format.duration(milliseconds: t.durationMS))")
    if !t.createdAt.isEmpty { facts.append("**Started:** \(t.createdAt)") }
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
        case .text(let text): out += text + "\n\n"
        case .thinking(let text): out += "<details><summary>Thinking</summary>\n\n" + text + "\n\n</details>\n\n"
        case .toolUse(let call): renderTool(call, level: level, into: &out)
        }
      }
    }
  }

  private static func renderTool(_ call: ToolUse, level: Int, into out: inout String) {
    out += "**Tool call `\(call.name.replacingOccurrences(of: "`", with: "'"))`**"
    out += call.isError ? " — **error**\n\n" : "\n\n"
    out += fenced(PythonJSONWriter.string(call.arguments, style: .indented), language: "json")
    if !call.output.isEmpty { out += (call.isError ? "Error output:\n\n" : "Output:\n\n") + fenced(call.output) }
    if let subagent = call.subagentTrajectory { render(subagent, level: level + 2, into: &out) }
  }

  /// `text` as a Markdown block quote.
  static func quoted(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n") + "\n"
  }

  /// `text` in a code fence longer than any run of backticks inside it.
  static func fenced(_ text: String, language: String = "") -> String {
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
