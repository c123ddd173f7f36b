import OrderedCollections
import ArgumentParser
import CawCore
import Foundation

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
    let adds = try additions(loaded)
    if json {
      var o = SummaryJSON.value(SessionSummary(loaded)).objectValue ?? [:]
      o["system_prompt"] = .string(t.systemPrompt)
      o["reasoning"] = .string(t.reasoning)
      o["resume_handle"] = handle.map { .string($0.encoded) } ?? .null
      if let native = loaded.nativeRecord {
        var record: JSONObject = ["origin": .string(native.origin.rawValue), "path": .string(native.path), "resume_key": .string(native.resumeKey)]
        if !native.extraFiles.isEmpty { record["subagent_files"] = .array(native.extraFiles.map { .string($0) }) }
        if !native.workingDirectory.isEmpty { record["cwd"] = .string(native.workingDirectory) }
        if !native.cliVersion.isEmpty { record["cli_version"] = .string(native.cliVersion) }
        if let adds {
          record["adds"] = .object(["outputs": .number(.int(adds.outputs.count)), "subagents": .number(.int(adds.subagents.count))])
        }
        if !native.unknownRecordTypes.isEmpty {
          record["unknown_record_types"] = .object(
            JSONObject(uniqueKeysWithValues: native.unknownRecordTypes.sorted { $0.key < $1.key }.map { ($0.key, .number(.int($0.value))) }))
        }
        o["native_record"] = .object(record)
      } else {
        o["native_record"] = .null
      }
      o["tool_usage"] = .object(JSONObject(uniqueKeysWithValues: ToolTally(t).counts.map { ($0.name, .number(.int($0.count))) }))
      let cancelled = Set(t.cancelledTurns)
      let unpriced = Set(UnpricedTurns.indices(t))
      o["cancelled_turns"] = .array(cancelled.sorted().map { .number(.int($0)) })
      o["unpriced_turns"] = .array(unpriced.sorted().map { .number(.int($0)) })
      o["turn_list"] = .array(
        t.turns.enumerated().map {
          SummaryJSON.turn($1, index: $0, cancelled: cancelled.contains($0), costKnown: !unpriced.contains($0))
        })
      o["failed_turns"] = .array(t.failedTurns.map { .number(.int($0)) })
      o["usage_running_totals"] = RunningTotals.find(in: t).map { .string($0.note) } ?? .null
      print(PythonJSONWriter.string(.object(o), style: .indented))
    } else {
      print(text(loaded, t, handle, adds: adds), terminator: "")
    }
    // The process ends here, without freeing the session's tool calls one by one (20 ms of the dense
    // large session's `show`, 25,000 calls).
    Foundation.exit(0)
  }

  /// What the native record of a caw session adds to it (outputs caw recorded empty, subagents it did not
  /// record); the session is read whole for it, since the skimmed read leaves outputs out.
  private func additions(_ loaded: LoadedSession) throws -> NativeAdditions? {
    guard loaded.origin == .caw, loaded.nativeRecord != nil else { return nil }
    return try data.withCatalog { catalog in
      try catalog.additions(for: catalog.load(loaded.id))
    }
  }

  private func text(_ loaded: LoadedSession, _ t: Trajectory, _ handle: ResumeHandle?, adds: NativeAdditions?) -> String {
    let total = t.totalUsage
    var parts: [String] = []
    if !t.agent.isEmpty { parts.append("Agent: \(line(t.agent))") }
    if !t.model.isEmpty { parts.append("Model: \(line(t.model))") }
    if !t.turns.isEmpty { parts.append("Turns: \(t.turns.count)") }
    if total.inputTokens != 0 { parts.append("In: \(Format.tokens(total.inputTokens))") }
    if total.outputTokens != 0 { parts.append("Out: \(Format.tokens(total.outputTokens))") }
    parts.append("Duration: \(Format.duration(milliseconds: t.durationMS))")
    parts.append("Cost: \(Format.cost(total.cost, unpricedTurns: UnpricedTurns.indices(t).count, turns: t.turns.count))")
    let toolErrors = t.recursiveToolErrorCount
    if toolErrors > 0 { parts.append("Tool errors: \(toolErrors)") }
    let tally = ToolTally(t).counts
    var out = "Session: \(line(loaded.id))\n"
    out += "Path: \(line(loaded.path))\n"
    if loaded.origin != .caw {
      out += "Origin: \(loaded.origin.rawValue) (the agent's own record; read-only)\n"
    } else if let native = loaded.nativeRecord {
      out += "Native record: \(line(native.path))"
      if let adds, !adds.isEmpty {
        var parts: [String] = []
        if !adds.outputs.isEmpty { parts.append("\(adds.outputs.count) tool output\(adds.outputs.count == 1 ? "" : "s") caw recorded empty") }
        if !adds.subagents.isEmpty { parts.append("\(adds.subagents.count) subagent\(adds.subagents.count == 1 ? "" : "s") caw did not record") }
        out += " (adds " + parts.joined(separator: ", ") + "; the TUI shows them)"
      }
      out += "\n"
    }
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
    let cancelled = t.cancelledTurns
    if !cancelled.isEmpty {
      out += "Cancelled: turn " + cancelled.map(SessionStore.turnPrefix).joined(separator: ", ") + " (interrupted; recorded as far as it got)\n"
    }
    let interrupted = (t.metadata["interrupted_turns"]?.arrayValue ?? []).compactMap { $0.numberValue?.intValue }
    if !interrupted.isEmpty {
      out += "Interrupted: turn " + interrupted.map(SessionStore.turnPrefix).joined(separator: ", ")
        + " (its recorder died mid-turn; recorded as far as it got)\n"
    }
    let failed = t.failedTurns.filter { $0 < t.turns.count }
    if !failed.isEmpty {
      out += "Failed: turn " + failed.map(SessionStore.turnPrefix).joined(separator: ", ")
        + " (ended on an error; its text says which)\n"
    }
    if let finding = RunningTotals.find(in: t) { out += "Usage: \(finding.note)\n" }
    for problem in loaded.problems { out += "Problem: \(line(problem.description))\n" }
    out += "\n"
    var table = TextTable(columns: [
      .init("TURN", right: true), .init("IN", right: true), .init("OUT", right: true), .init("CACHE R", right: true),
      .init("CACHE W", right: true), .init("COST", right: true), .init("DURATION", right: true),
      .init("TOOLS", right: true), .init("ERRORS", right: true), .init("INPUT"),
    ])
    let unpriced = Set(UnpricedTurns.indices(t))
    for (i, turn) in t.turns.enumerated() {
      let inProgress = loaded.hasTurnInProgress && i == t.turns.count - 1
      table.add([
        failed.contains(i) ? "\(i) failed" : String(i), String(turn.usage.inputTokens), String(turn.usage.outputTokens),
        String(turn.usage.cacheReadTokens), String(turn.usage.cacheWriteTokens),
        unpriced.contains(i) ? "unknown" : Format.preciseCost(turn.usage.cost),
        inProgress ? "running" : Format.duration(milliseconds: turn.durationMS),
        String(turn.toolCallTally.calls), String(turn.toolCallTally.errors),
        TextSanitizer.preview(turn.input, limit: 60),
      ])
    }
    table.add([
      "all", String(t.usage.inputTokens), String(t.usage.outputTokens), String(t.usage.cacheReadTokens),
      String(t.usage.cacheWriteTokens),
      unpriced.count == t.turns.count && !unpriced.isEmpty ? "unknown" : (unpriced.isEmpty ? "" : "≥") + Format.preciseCost(t.usage.cost),
      Format.duration(milliseconds: t.durationMS),
      String(t.toolCallCount), String(t.turns.reduce(0) { $0 + $1.toolCallTally.errors }), "",
    ])
    return out + table.render()
  }

  private func line(_ s: String) -> String { TextSanitizer.singleLine(s, limit: 200) }
}
