import OrderedCollections
import ArgumentParser
import CawCore

/// `caw-tui show SESSION`: a `caw traj`-style summary and a per-turn table.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "Summarise one session: totals, tools, and tokens, cost and duration per turn.")

  @OptionGroup var data: DataOptions

  @Argument(help: "Session id or unique id prefix.")
  var session: String

  @Flag(name: .long, help: "Print JSON instead of text.")
  var json = false

  func run() throws {
    let (loaded, t) = try data.loadReadableSession(session, skimmingContent: true)
    let handle = try? ResumeHandle.forTrajectory(t)
    if json {
      var o = SummaryJSON.value(SessionSummary(loaded)).objectValue ?? [:]
      o["system_prompt"] = .string(t.systemPrompt)
      o["reasoning"] = .string(t.reasoning)
      o["resume_handle"] = handle.map { .string($0.encoded) } ?? .null
      o["tool_usage"] = .object(JSONObject(uniqueKeysWithValues: ToolTally(t).counts.map { ($0.name, .number(.int($0.count))) }))
      o["turn_list"] = .array(t.turns.enumerated().map { SummaryJSON.turn($1, index: $0) })
      print(PythonJSONWriter.string(.object(o), style: .indented))
      return
    }
    print(text(loaded, t, handle), terminator: "")
  }

  private func text(_ loaded: LoadedSession, _ t: Trajectory, _ handle: ResumeHandle?) -> String {
    let total = t.totalUsage
    var parts: [String] = []
    if !t.agent.isEmpty { parts.append("Agent: \(line(t.agent))") }
    if !t.model.isEmpty { parts.append("Model: \(line(t.model))") }
    if !t.turns.isEmpty { parts.append("Turns: \(t.turns.count)") }
    if total.inputTokens != 0 { parts.append("In: \(Format.tokens(total.inputTokens))") }
    if total.outputTokens != 0 { parts.append("Out: \(Format.tokens(total.outputTokens))") }
    parts.append("Duration: \(Format.duration(milliseconds: t.durationMS))")
    parts.append("Cost: \(Format.cost(total.cost))")
    if t.recursiveToolErrorCount > 0 { parts.append("Tool errors: \(t.recursiveToolErrorCount)") }
    let tally = ToolTally(t).counts
    var out = "Session: \(loaded.id)\n"
    out += "Path: \(line(loaded.path))\n"
    out += parts.joined(separator: " | ") + "\n"
    out += "Tool usage: " + (tally.isEmpty ? "none" : tally.map { "\(line($0.name))=\($0.count)" }.joined(separator: ", ")) + "\n"
    var status = "Status: \(loaded.status.rawValue)"
    if loaded.hasTurnInProgress { status += " (turn \(t.turns.count - 1) in progress)" }
    status += " | Created: \(line(t.createdAt))"
    if !t.completedAt.isEmpty { status += " | Completed: \(line(t.completedAt))" }
    out += status + "\n"
    if total.cacheReadTokens != 0 || total.cacheWriteTokens != 0 {
      out += "Cache: read \(Format.tokens(total.cacheReadTokens)), written \(Format.tokens(total.cacheWriteTokens))\n"
    }
    if total != t.usage { out += "Subagents: \(Format.cost(total.cost - t.usage.cost)) of the cost\n" }
    out += handle.map { "Resume handle: \($0.encoded)\n" } ?? "Resume handle: none (no resume key was recorded)\n"
    if loaded.source == .eventLog { out += "Read from traj.jsonl (trajectory.json is missing or unreadable)\n" }
    if let stream = StreamProblems(t.metadata).summary { out += "Stream: \(line(stream))\n" }
    let cancelled = (t.metadata["cancelled_turns"]?.arrayValue ?? []).compactMap { $0.numberValue?.intValue }
    if !cancelled.isEmpty {
      out += "Cancelled: turn " + cancelled.map(SessionStore.turnPrefix).joined(separator: ", ") + " (interrupted; recorded as far as it got)\n"
    }
    for problem in loaded.problems { out += "Problem: \(line(problem.description))\n" }
    out += "\n"
    var table = TextTable(columns: [
      .init("TURN", right: true), .init("IN", right: true), .init("OUT", right: true), .init("CACHE R", right: true),
      .init("CACHE W", right: true), .init("COST", right: true), .init("DURATION", right: true),
      .init("TOOLS", right: true), .init("ERRORS", right: true), .init("INPUT"),
    ])
    for (i, turn) in t.turns.enumerated() {
      let inProgress = loaded.hasTurnInProgress && i == t.turns.count - 1
      table.add([
        String(i), String(turn.usage.inputTokens), String(turn.usage.outputTokens), String(turn.usage.cacheReadTokens),
        String(turn.usage.cacheWriteTokens), Format.preciseCost(turn.usage.cost),
        inProgress ? "running" : Format.duration(milliseconds: turn.durationMS),
        String(turn.toolCalls.count), String(turn.toolCalls.filter(\.isError).count),
        TextSanitizer.preview(turn.input, limit: 60),
      ])
    }
    table.add([
      "all", String(t.usage.inputTokens), String(t.usage.outputTokens), String(t.usage.cacheReadTokens),
      String(t.usage.cacheWriteTokens), Format.preciseCost(t.usage.cost), Format.duration(milliseconds: t.durationMS),
      String(t.toolCallCount), String(t.turns.reduce(0) { $0 + $1.toolCalls.filter(\.isError).count }), "",
    ])
    return out + table.render()
  }

  private func line(_ s: String) -> String { TextSanitizer.singleLine(s, limit: 200) }
}
