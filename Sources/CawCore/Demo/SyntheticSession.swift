import OrderedCollections

/// One generated session of a ``SyntheticTree``: its trajectory and how its recording ended.
struct SyntheticSession {
  var trajectory: Trajectory
  /// A turn written to `trajectory.json` only, as caw leaves a turn in progress.
  var turnInProgress: Turn?

  /// Records the session as caw does: the `metadata` line, then per turn the input and raw output files,
  /// the subagents' tagged lines and the turn's lines, then `trajectory.json`.
  ///
  /// Snapshots between turns are left out and nothing is fsynced (the final bytes are the same), so a
  /// tree of thousands of sessions is written in seconds.
  func record(into dataDirectory: String) throws(CawError) {
    let store = try SessionStore(dataDirectory: dataDirectory, sessionID: trajectory.sessionID)
    var header = trajectory
    header.turns = []
    try store.writeMetadata(header)
    for (index, turn) in trajectory.turns.enumerated() {
      try store.writeTurnFiles(index, input: turn.input, rawOutput: Array("{\"type\":\"result\"}\n".utf8))
      for call in turn.toolCalls {
        for (i, subTurn) in (call.subagentTrajectory?.turns ?? []).enumerated() {
          try store.appendSubagentTurn(subTurn, index: i, subagent: "reviewer")
        }
      }
      try store.appendTurnEvents(turn, index: index)
    }
    var snapshot = trajectory
    if let turnInProgress { snapshot.turns.append(turnInProgress) }
    try store.saveSnapshot(snapshot)
  }

  // MARK: - Sessions

  /// A session of the everyday kind: a few turns, a few tool calls each, kilobytes of output.
  static func ordinary(index: Int, start: Double, shape: SyntheticShape, random: inout SplitMix64) -> SyntheticSession {
    let provider = Provider.allCases[index % 10 < 5 ? 0 : index % 10 < 8 ? 1 : 2]
    let turnCount = random.int(1...3) + (random.chance(0.3) ? random.int(0...6) : 0)
    var turns: [Turn] = []
    for _ in 0..<turnCount {
      let subagent = random.chance(0.03) ? subagentTrajectory(provider: provider, depth: 1, random: &random) : nil
      turns.append(
        turn(
          provider: provider, tools: shape.toolCount(&random), outputBytes: shape.outputBytes, subagent: subagent,
          escapeDense: shape.escapeDense, random: &random))
    }
    var t = trajectory(provider: provider, id: random.uuid(), start: start, turns: turns, random: &random)
    var inProgress: Turn?
    switch random.int(0...99) {
    case 0..<5:
      if random.chance(0.5) {
        inProgress = turn(provider: provider, tools: 2, outputBytes: 80...800, subagent: nil, random: &random)
      }
    case 5..<7:
      t.completedAt = ISOTime.string(secondsSince1970: start + Double(t.durationMS) / 1000 + 1.5)
      t.usageLimited = true
    default:
      t.completedAt = ISOTime.string(secondsSince1970: start + Double(t.durationMS) / 1000 + 1.5)
    }
    return SyntheticSession(trajectory: t, turnInProgress: inProgress)
  }

  /// A claude session of about `megabytes` MB, nested subagents in it. In the standard shape: 6–10 tool
  /// calls of 2–200 KB a turn and an output of 1–3 MB every fourth turn. In an escape-dense shape (the
  /// issue's): the shape's many small tool calls a turn, escapes everywhere, and an output of 1.5 MB
  /// every 25th turn.
  static func large(
    megabytes: Int, start: Double, shape: SyntheticShape = .standard, random: inout SplitMix64, id: String
  ) -> SyntheticSession {
    let provider = Provider.allCases[0]
    let target = megabytes << 20
    var written = 0
    var turns: [Turn] = []
    let dense = shape.escapeDense
    while written < target {
      let subagent = turns.count % 5 == 1 ? subagentTrajectory(provider: provider, depth: 2, random: &random) : nil
      var t =
        dense
        ? turn(
          provider: provider, tools: shape.toolCount(&random), outputBytes: shape.outputBytes, subagent: subagent,
          escapeDense: true, random: &random)
        : turn(
          provider: provider, tools: random.int(6...10), outputBytes: 2_000...200_000, subagent: subagent,
          random: &random)
      if dense ? turns.count % 25 == 1 : turns.count % 4 == 1 {
        let bytes = dense ? 1_500_000 : min(random.int(1_000_000...3_000_000), max(target / 4, 10_000))
        let dump = ToolUse(
          id: "call_\(random.uuid().prefix(13))", name: "Bash", arguments: .object(["command": "cat build.log"]),
          output: SyntheticText.output(bytes: bytes, random: &random))
        t.output.insert(.toolUse(dump), at: t.output.count - 1)
      }
      written += t.output.reduce(0) { $0 + approximateSize($1) }
      turns.append(t)
    }
    var t = trajectory(provider: provider, id: id, start: start, turns: turns, random: &random)
    t.completedAt = ISOTime.string(secondsSince1970: start + Double(t.durationMS) / 1000 + 1.5)
    return SyntheticSession(trajectory: t, turnInProgress: nil)
  }

  // MARK: - Parts

  private static func trajectory(
    provider: Provider, id: String, start: Double, turns: [Turn], random: inout SplitMix64
  ) -> Trajectory {
    var metadata: JSONObject = ["cwd": .string("/home/dev/\(random.pick(projects))")]
    switch provider {
    case .codex: metadata["thread_id"] = .string(random.uuid())
    case .opencode: metadata["opencode_session_id"] = .string("ses_\(random.uuid().prefix(12))")
    case .claudeCode: metadata["task"] = .string(random.pick(["triage", "refactor", "review", "docs"]))
    }
    var t = Trajectory(
      agent: provider.rawValue, model: random.pick(models[provider] ?? []), sessionID: id,
      createdAt: ISOTime.string(secondsSince1970: start),
      systemPrompt: random.chance(0.3) ? "You are a careful engineer. Keep changes minimal." : "",
      reasoning: random.pick(["", "medium", "high"]), turns: turns, metadata: metadata)
    t.usage = turns.reduce(UsageStats()) { $0 + $1.usage }
    t.durationMS = turns.reduce(0) { $0 + $1.durationMS }
    return t
  }

  private static func subagentTrajectory(provider: Provider, depth: Int, random: inout SplitMix64) -> Trajectory {
    var turns: [Turn] = []
    for _ in 0..<random.int(1...2) {
      let nested = depth > 1 ? subagentTrajectory(provider: provider, depth: depth - 1, random: &random) : nil
      turns.append(
        turn(provider: provider, tools: random.int(1...4), outputBytes: 200...20_000, subagent: nested, random: &random)
      )
    }
    var t = Trajectory(
      agent: provider.rawValue, model: models[provider]?.first ?? "", sessionID: random.uuid(), turns: turns)
    t.usage = turns.reduce(UsageStats()) { $0 + $1.usage }
    t.durationMS = turns.reduce(0) { $0 + $1.durationMS }
    return t
  }

  private static func turn(
    provider: Provider, tools: Int, outputBytes: ClosedRange<Int>, subagent: Trajectory?, escapeDense: Bool = false,
    random: inout SplitMix64
  ) -> Turn {
    var output: [ContentBlock] = []
    if provider != .opencode || random.chance(0.3) {
      output.append(
        .thinking(SyntheticText.prose(sentences: random.int(1...4), manyScripts: escapeDense, random: &random)))
    }
    for i in 0..<tools {
      let name = random.pick(toolNames[provider] ?? [])
      let arguments: JSONObject = [
        "command": .string("rg -n \"TODO\" src/ | head -\(i + 20)"), "description": "Search the code",
      ]
      let text =
        escapeDense
        ? SyntheticText.numberedListing(bytes: random.int(outputBytes), random: &random)
        : SyntheticText.output(bytes: random.int(outputBytes), random: &random)
      output.append(
        .toolUse(
          ToolUse(
            id: "call_\(random.uuid().prefix(13))", name: name, arguments: .object(arguments), output: text,
            isError: random.chance(0.08))))
    }
    if let subagent {
      output.append(
        .toolUse(
          ToolUse(
            id: "call_\(random.uuid().prefix(13))", name: "mcp__subagent__reviewer",
            arguments: .object(["task": "Review the change for correctness."]), output: subagent.result,
            subagentTrajectory: subagent)))
    }
    output.append(.text(SyntheticText.prose(sentences: random.int(1...5), manyScripts: escapeDense, random: &random)))
    let cost: JSONNumber =
      provider == .claudeCode && random.chance(0.02) ? .int(0) : .double(Double(random.int(1...90_000)) / 1_000_000)
    let usage = UsageStats(
      inputTokens: random.int(200...20_000), outputTokens: random.int(50...4_000),
      cacheReadTokens: random.int(0...60_000), cacheWriteTokens: provider == .claudeCode ? random.int(0...8_000) : 0,
      costUSD: cost)
    return Turn(
      input: SyntheticText.prompt(random: &random), output: output, usage: usage,
      durationMS: provider == .codex ? 0 : random.int(1_500...180_000))
  }

  private static func approximateSize(_ block: ContentBlock) -> Int {
    switch block {
    case .text(let s), .thinking(let s): return s.utf8.count + 40
    case .toolUse(let call):
      let sub = call.subagentTrajectory?.turns.reduce(0) { $0 + $1.output.reduce(0) { $0 + approximateSize($1) } } ?? 0
      return call.output.utf8.count + call.output.utf8.count / 12 + 200 + sub
    }
  }

  private static let projects = ["shop", "billing-api", "infra", "mobile-app", "docs-site", "ml-pipeline"]
  private static let models: [Provider: [String]] = [
    .claudeCode: ["claude-sonnet-4-5", "claude-opus-4-6", "claude-haiku-4-5-20251001"],
    .codex: ["gpt-5.3-codex", "gpt-5.1-codex-mini"],
    .opencode: ["openai/gpt-5.3-codex", "anthropic/claude-sonnet-4-5"],
  ]
  private static let toolNames: [Provider: [String]] = [
    .claudeCode: ["Read", "Bash", "Edit", "Write", "Grep", "Glob"],
    .codex: ["command_execution", "file_change", "web_search"],
    .opencode: ["read", "bash", "edit", "grep"],
  ]
}
