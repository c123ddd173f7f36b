import Foundation
import OrderedCollections
/// Reads a Claude Code transcript (`<projects>/<project>/<session>.jsonl`) into a trajectory.
///
/// One turn per prompt the user typed; assistant records (one per content block, several per model
/// message) become text, thinking and tool-call blocks; `tool_result` parts fill in the calls' outputs.
/// Usage is counted once per model message and priced with that message's model. Subagents come from
/// `isSidechain` records in the same file (versions 1.x) and from `<session>/subagents/agent-*.jsonl`
/// (2.x), linked to the `Task`/`Agent` call that started them through `agent-*.meta.json`'s `toolUseId`,
/// the result's `agentId`, or the prompt. Records of a type not listed here are counted, never fatal.
struct ClaudeTranscript {
  /// Record types Claude Code writes that carry nothing for the trajectory beyond what is read here.
  static let knownTypes: Set<String> = [
    "user", "assistant", "system", "summary", "file-history-snapshot", "attachment", "last-prompt", "mode",
    "permission-mode", "ai-title", "custom-title", "agent-name", "queue-operation", "progress", "worktree-state",
    "pr-link", "frame-link", "relocated", "bridge-session", "atis-latch", "tag",
    // 2.1.3xx: the API requests made, the tools used, and the CLI's running cost.
    "api-request", "api-request-blob", "api-request-shape", "tools-used", "cost-state",
  ]
  /// Lines skipped unparsed: file snapshots can be megabytes and hold nothing a trajectory shows.
  static let skipPrefixes: [[UInt8]] = [
    Array(#"{"type":"file-history-snapshot""#.utf8), Array(#"{"type":"api-request-blob""#.utf8),
    Array(#"{"type":"api-request-shape""#.utf8),
  ]

  /// What one transcript file held.
  struct Parsed {
    var trajectory: Trajectory
    var record: NativeRecord
    var problems: [ReadProblem]
    /// Tool call id → subagent id, from results that name the agent they ran.
    var agentForCall: [String: String]
    /// The sidechains found inline (1.x), each with the prompt it started from.
    var sidechains: [(prompt: String, trajectory: Trajectory)]
  }

  /// Reads the session in `path`, its subagents included; never throws (an unreadable file is a broken session).
  static func load(path: String, pricing: PricingTable, skimmingContent: Bool) -> LoadedSession {
    let id = String(FileSystem.baseName(of: path).dropLast(".jsonl".count))
    var session = LoadedSession(native: .claude, id: id, path: path, source: .claudeTranscript)
    let parsed: Parsed
    do {
      parsed = try parse(path, pricing: pricing, skimmingContent: skimmingContent, isSubagent: false)
    } catch {
      session.brokenReason = error.message
      session.nativeRecord = NativeRecord(origin: .claude, path: path, resumeKey: id)
      return session
    }
    var trajectory = parsed.trajectory
    var record = parsed.record
    var problems = parsed.problems
    let subagentDirectory = FileSystem.parent(of: path) + "/" + id + "/subagents"
    let agents = readSubagents(in: subagentDirectory, pricing: pricing, skimmingContent: skimmingContent, problems: &problems)
    record.extraFiles = agents.map(\.path)
    for (name, count) in agents.flatMap({ $0.parsed.record.unknownRecordTypes }) {
      record.unknownRecordTypes[name, default: 0] += count
    }
    var used = Set<String>()
    trajectory = attach(
      agents: agents, to: trajectory, agentForCall: parsed.agentForCall, sidechains: parsed.sidechains, used: &used,
      depth: 0)
    let unlinked = agents.filter { !used.contains($0.agentID) }
    if !unlinked.isEmpty {
      problems.append(
        ReadProblem(
          location: "subagents", message: "\(unlinked.count) subagent transcript(s) not linked to a tool call: "
            + unlinked.prefix(3).map(\.agentID).joined(separator: ", ")))
    }
    if trajectory.turns.isEmpty && trajectory.createdAt.isEmpty {
      session.brokenReason = "the transcript holds no conversation"
      session.problems = problems
      session.nativeRecord = record
      return session
    }
    session.trajectory = trajectory
    session.status = SessionStatus(trajectory)
    session.problems = problems
    session.nativeRecord = record
    return session
  }

  /// A subagent transcript read from `subagents/`.
  struct Agent {
    var agentID: String
    var path: String
    var toolUseID: String
    var parsed: Parsed
  }

  private static func readSubagents(
    in directory: String, pricing: PricingTable, skimmingContent: Bool, problems: inout [ReadProblem]
  ) -> [Agent] {
    guard FileSystem.isDirectory(directory), let names = try? FileSystem.list(directory) else { return [] }
    var agents: [Agent] = []
    for name in names.sorted() where name.hasPrefix("agent-") && name.hasSuffix(".jsonl") {
      let agentID = String(name.dropFirst("agent-".count).dropLast(".jsonl".count))
      let path = directory + "/" + name
      var toolUseID = ""
      if let meta = NativeLog.readSmallFile(directory + "/agent-" + agentID + ".meta.json"),
        let value = try? JSONParser.parse(meta)
      {
        toolUseID = value["toolUseId"]?.stringValue ?? value["toolUseID"]?.stringValue ?? ""
      }
      do {
        var parsed = try parse(path, pricing: pricing, skimmingContent: skimmingContent, isSubagent: true)
        problems += parsed.problems.map { ReadProblem(location: "subagents/" + $0.location, message: $0.message) }
        parsed.problems = []
        agents.append(Agent(agentID: agentID, path: path, toolUseID: toolUseID, parsed: parsed))
      } catch {
        problems.append(ReadProblem(location: "subagents/\(name)", message: error.message))
      }
    }
    return agents
  }

  /// `trajectory` with every subagent attached to the call that started it, recursively.
  private static func attach(
    agents: [Agent], to trajectory: Trajectory, agentForCall: [String: String],
    sidechains: [(prompt: String, trajectory: Trajectory)], used: inout Set<String>, depth: Int
  ) -> Trajectory {
    guard depth < 32 else { return trajectory }
    var result = trajectory
    var remainingSidechains = sidechains
    for t in result.turns.indices {
      for b in result.turns[t].output.indices {
        guard case .toolUse(var call) = result.turns[t].output[b], call.subagentTrajectory == nil else { continue }
        let agent =
          agents.first { !used.contains($0.agentID) && !$0.toolUseID.isEmpty && $0.toolUseID == call.id }
          ?? agentForCall[call.id].flatMap { id in agents.first { $0.agentID == id && !used.contains(id) } }
        if let agent {
          used.insert(agent.agentID)
          call.subagentTrajectory = attach(
            agents: agents, to: agent.parsed.trajectory, agentForCall: agent.parsed.agentForCall,
            sidechains: agent.parsed.sidechains, used: &used, depth: depth + 1)
        } else if isAgentTool(call.name), !remainingSidechains.isEmpty {
          let prompt = call.arguments["prompt"]?.stringValue ?? ""
          let index = remainingSidechains.firstIndex { $0.prompt == prompt } ?? 0
          call.subagentTrajectory = remainingSidechains.remove(at: index).trajectory
        } else {
          continue
        }
        result.turns[t].output[b] = .toolUse(call)
      }
    }
    return result
  }

  /// Whether a tool starts a subagent (`Task` before 2.1, `Agent` after).
  static func isAgentTool(_ name: String) -> Bool { name == "Task" || name == "Agent" }

  // MARK: - One file

  /// Reads one transcript file (the session's, or a subagent's).
  static func parse(_ path: String, pricing: PricingTable, skimmingContent: Bool, isSubagent: Bool) throws(CawError) -> Parsed {
    var builder = Builder(skimmingContent: skimmingContent, isSubagent: isSubagent)
    var skipped = 0
    let outcome = try NativeLog.forEachRecord(in: path, skipPrefixes: skipPrefixes, skipped: &skipped) { record, line in
      builder.add(record, line: line)
    }
    var problems = outcome.problems
    if builder.assembler.orphanResults > 0 {
      problems.append(
        ReadProblem(location: FileSystem.baseName(of: path), message: "\(builder.assembler.orphanResults) tool result(s) for calls not in the transcript"))
    }
    let id = String(FileSystem.baseName(of: path).dropLast(".jsonl".count))
    return builder.finish(path: path, fileID: id, pricing: pricing, problems: problems)
  }

  /// The per-record state of one file.
  struct Builder {
    var assembler: TurnAssembler
    let isSubagent: Bool
    var sessionID = ""
    var model = ""
    var tally = RecordTally()
    var cwd = ""
    var version = ""
    var gitBranch = ""
    var aiTitle = ""
    var customTitle = ""
    var summary = ""
    var cancelledTurns: [Int] = []
    var hookRuns = 0
    var apiErrors = 0
    var agentForCall: [String: String] = [:]
    /// Sidechain records of a 1.x file, by the uuid of the chain's first record.
    var sidechainRecords: [(root: String, records: [JSONObject])] = []
    var sidechainRootOf: [String: Int] = [:]
    /// Whether the last model message ended wanting tool results.
    var awaitingTools = false
    var lastWasPrompt = false

    init(skimmingContent: Bool, isSubagent: Bool) {
      assembler = TurnAssembler(skimmingContent: skimmingContent)
      self.isSubagent = isSubagent
    }

    mutating func add(_ record: JSONObject, line: Int) {
      let type = record["type"]?.stringValue ?? ""
      guard let time = tally.admit(record, type: type, known: ClaudeTranscript.knownTypes) else { return }
      if sessionID.isEmpty, let id = record["sessionId"]?.stringValue { sessionID = id }
      if cwd.isEmpty, let value = record["cwd"]?.stringValue { cwd = value }
      if let value = record["version"]?.stringValue { version = value }
      if gitBranch.isEmpty, let value = record["gitBranch"]?.stringValue { gitBranch = value }
      // 1.x kept subagents in the same file, marked as sidechains.
      if !isSubagent, record["isSidechain"]?.flag == true, type == "user" || type == "assistant" {
        addSidechain(record)
        return
      }
      switch type {
      case "user": user(record, time: time)
      case "assistant": assistant(record, time: time)
      case "system":
        switch record["subtype"]?.stringValue {
        case "turn_duration": if let ms = record["durationMs"]?.numberValue?.intValue { assembler.duration(ms) }
        case "api_error", "error": apiErrors += 1
        case "stop_hook_summary": hookRuns += record["hookCount"]?.numberValue?.intValue ?? 1
        default: break
        }
      case "attachment":
        if let kind = record["attachment"]?["type"]?.stringValue, kind.hasPrefix("hook_") { hookRuns += 1 }
      case "ai-title": aiTitle = record["aiTitle"]?.stringValue ?? aiTitle
      case "custom-title": customTitle = record["customTitle"]?.stringValue ?? customTitle
      case "summary": if summary.isEmpty { summary = record["summary"]?.stringValue ?? "" }
      default: break
      }
    }

    private mutating func user(_ record: JSONObject, time: Double?) {
      let content = record["message"]?["content"]
      if let text = content?.stringValue {
        prompt(text, record: record, time: time)
        return
      }
      guard let parts = content?.arrayValue else { return }
      var texts: [String] = []
      for part in parts {
        switch part["type"]?.stringValue {
        case "tool_result":
          let id = part["tool_use_id"]?.stringValue ?? ""
          let output = Self.resultText(part["content"])
          assembler.toolResult(id, output: output, isError: part["is_error"]?.flag ?? false, at: time)
          if let agent = record["toolUseResult"]?["agentId"]?.stringValue ?? Self.agentTrailer(output) {
            agentForCall[id] = agent
          }
        case "text": texts.append(part["text"]?.stringValue ?? "")
        case "image": texts.append("[image]")
        default: break
        }
      }
      awaitingTools = false
      if !texts.isEmpty { prompt(texts.joined(separator: "\n"), record: record, time: time) }
    }

    /// A user message that is not a tool result: a new turn, unless it is bookkeeping or an interruption.
    private mutating func prompt(_ text: String, record: JSONObject, time: Double?) {
      if text.hasPrefix("[Request interrupted by user") {
        if !assembler.isEmpty && !cancelledTurns.contains(assembler.drafts.count - 1) {
          cancelledTurns.append(assembler.drafts.count - 1)
        }
        assembler.touch(time)
        awaitingTools = false
        lastWasPrompt = false
        return
      }
      if record["isMeta"]?.flag == true || record["isCompactSummary"]?.flag == true
        || text.hasPrefix("<local-command-stdout>") || text.hasPrefix("<local-command-stderr>")
      {
        assembler.touch(time)
        return
      }
      assembler.startTurn(text, at: time)
      lastWasPrompt = true
    }

    private mutating func assistant(_ record: JSONObject, time: Double?) {
      guard let message = record["message"]?.objectValue else { return }
      let messageModel = message["model"]?.stringValue ?? ""
      if !messageModel.isEmpty && messageModel != "<synthetic>" { model = messageModel }
      assembler.ensureTurn(at: time)
      for part in message["content"]?.arrayValue ?? [] {
        switch part["type"]?.stringValue {
        case "text": assembler.text(part["text"]?.stringValue ?? "", at: time)
        case "thinking": assembler.thinking(part["thinking"]?.stringValue ?? "", at: time)
        case "redacted_thinking": assembler.thinking("[redacted thinking]", at: time)
        case "tool_use", "server_tool_use":
          assembler.toolCall(
            ToolUse(
              id: part["id"]?.stringValue ?? "", name: part["name"]?.stringValue ?? "",
              arguments: part["input"] ?? .object([:])), at: time)
        case let other?:
          if !other.hasSuffix("_tool_result") { tally.count("assistant content \(other)") }
          if other.hasSuffix("_tool_result"), let id = part["tool_use_id"]?.stringValue {
            assembler.toolResult(id, output: Self.resultText(part["content"]), isError: false, at: time)
          }
        case nil: tally.count("assistant content (no type)")
        }
      }
      if let usage = message["usage"]?.objectValue, messageModel != "<synthetic>" {
        let id = message["id"]?.stringValue.map { $0 + ":" + (record["requestId"]?.stringValue ?? "") }
        assembler.usage(
          UsageStats(
            inputTokens: usage["input_tokens"]?.numberValue?.intValue ?? 0,
            outputTokens: usage["output_tokens"]?.numberValue?.intValue ?? 0,
            cacheReadTokens: usage["cache_read_input_tokens"]?.numberValue?.intValue ?? 0,
            cacheWriteTokens: usage["cache_creation_input_tokens"]?.numberValue?.intValue ?? 0),
          model: messageModel, message: id)
      }
      let stop = message["stop_reason"]?.stringValue
      awaitingTools = stop == "tool_use" || (stop == nil && message["content"]?.arrayValue?.last?["type"]?.stringValue == "tool_use")
      lastWasPrompt = false
    }

    private mutating func addSidechain(_ record: JSONObject) {
      let uuid = record["uuid"]?.stringValue ?? ""
      let parent = record["parentUuid"]?.stringValue ?? ""
      if let chain = sidechainRootOf[parent] {
        sidechainRecords[chain].records.append(record)
        sidechainRootOf[uuid] = chain
      } else {
        sidechainRecords.append((uuid, [record]))
        sidechainRootOf[uuid] = sidechainRecords.count - 1
      }
    }

    /// A tool result's text: a string, or the text parts of a list (images named, not dropped silently).
    static func resultText(_ content: JSONValue?) -> String {
      if let text = content?.stringValue { return text }
      guard let parts = content?.arrayValue else { return "" }
      return parts.compactMap { part -> String? in
        switch part["type"]?.stringValue {
        case "text": return part["text"]?.stringValue
        case "image": return "[image]"
        default: return nil
        }
      }.joined(separator: "\n")
    }

    /// The `agentId: …` line Claude Code appends to a subagent's result.
    static func agentTrailer(_ output: String) -> String? {
      guard let range = output.range(of: "agentId: ", options: .backwards) else { return nil }
      let id = output[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
      return id.isEmpty ? nil : String(id)
    }

    func finish(path: String, fileID: String, pricing: PricingTable, problems: [ReadProblem]) -> Parsed {
      let turns = assembler.turns(provider: .claudeCode, pricing: pricing)
      let inProgress = awaitingTools || lastWasPrompt
      var metadata: JSONObject = [:]
      if !cwd.isEmpty { metadata["cwd"] = .string(cwd) }
      var native: JSONObject = ["origin": "claude", "path": .string(path)]
      if !version.isEmpty { native["cli_version"] = .string(version) }
      if !gitBranch.isEmpty { native["git_branch"] = .string(gitBranch) }
      let title = !customTitle.isEmpty ? customTitle : !aiTitle.isEmpty ? aiTitle : summary
      if !title.isEmpty { native["title"] = .string(title) }
      if hookRuns > 0 { native["hook_runs"] = .number(.int(hookRuns)) }
      if apiErrors > 0 { native["api_errors"] = .number(.int(apiErrors)) }
      native["unknown_record_types"] = tally.unknownJSON
      metadata["native"] = .object(native)
      if !cancelledTurns.isEmpty { metadata["cancelled_turns"] = .array(cancelledTurns.map { .number(.int($0)) }) }
      let usage = turns.reduce(UsageStats()) { $0 + $1.usage }
      // `claude --resume` finds a session by its file's name; the records' `sessionId` can differ (a
      // continued session keeps the records of the one it continued).
      let id = fileID
      if !isSubagent && !sessionID.isEmpty && sessionID != fileID { native["records_session_id"] = .string(sessionID) }
      metadata["native"] = .object(native)
      let trajectory = Trajectory(
        agent: Provider.claudeCode.rawValue, model: model, sessionID: id,
        createdAt: tally.firstTime.map { ISOTime.string(secondsSince1970: $0) } ?? "",
        completedAt: inProgress || isSubagent ? "" : tally.lastTime.map { ISOTime.string(secondsSince1970: $0) } ?? "",
        turns: turns, usage: usage, durationMS: turns.reduce(0) { $0 + $1.durationMS }, metadata: metadata)
      let allProblems = problems + tally.problems(at: FileSystem.baseName(of: path))
      let sidechains = sidechainRecords.map { chain -> (prompt: String, trajectory: Trajectory) in
        var sub = Builder(skimmingContent: assembler.skimmingContent, isSubagent: true)
        for (n, record) in chain.records.enumerated() { sub.add(record, line: n + 1) }
        let parsed = sub.finish(path: path, fileID: chain.root, pricing: pricing, problems: [])
        return (parsed.trajectory.turns.first?.input ?? "", parsed.trajectory)
      }
      let record = NativeRecord(
        origin: .claude, path: path, resumeKey: id, workingDirectory: cwd, cliVersion: version, title: title,
        unknownRecordTypes: tally.unknown, turnInProgress: inProgress)
      return Parsed(
        trajectory: trajectory, record: record, problems: allProblems, agentForCall: agentForCall, sidechains: sidechains)
    }
  }
}
