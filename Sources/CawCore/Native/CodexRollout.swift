import OrderedCollections
/// Reads a Codex rollout (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<thread>.jsonl`) into a trajectory.
///
/// Records are `{timestamp, type, payload}`: `session_meta` (thread id, cwd, version), `turn_context`
/// (model, effort), `response_item` (the conversation as the model saw it: messages, reasoning, function
/// and custom tool calls and their outputs) and `event_msg` (what the UI saw: user messages that start
/// turns, token counts, task start and end, command outputs, aborts). A turn starts at each user message;
/// command outputs come from `exec_command_end`'s `aggregated_output` when the rollout has it (the whole
/// output, where caw's `codex exec --json` reader records none). Usage is the growth of
/// `total_token_usage` over the turn, priced from the table. Unknown record and item types are counted.
struct CodexRollout {
  /// Top-level record types of the rollouts of Codex 0.40–0.146.
  static let knownTypes: Set<String> = [
    "session_meta", "turn_context", "response_item", "event_msg", "compacted", "world_state",
    "inter_agent_communication_metadata", "token_usage_record",
  ]
  /// `response_item` payload types that carry nothing a trajectory shows.
  static let ignoredItems: Set<String> = [
    "ghost_snapshot", "compaction", "compaction_summary", "image_generation_call", "agent_message", "other",
  ]

  /// Reads the rollout in `path`; never throws (an unreadable file is a broken session).
  static func load(path: String, pricing: PricingTable, skimmingContent: Bool) -> LoadedSession {
    let fileID = NativeStores.codexThreadID(fileName: FileSystem.baseName(of: path))
    var session = LoadedSession(native: .codex, id: fileID, path: path, source: .codexRollout)
    var builder = Builder(skimmingContent: skimmingContent)
    var skipped = 0
    let outcome: NativeLog.Outcome
    do {
      outcome = try NativeLog.forEachRecord(in: path, skipped: &skipped) { record, _ in builder.add(record) }
    } catch {
      session.brokenReason = error.message
      session.nativeRecord = NativeRecord(origin: .codex, path: path, resumeKey: fileID)
      return session
    }
    let (trajectory, record, problems) = builder.finish(path: path, fileID: fileID, pricing: pricing)
    session.problems = outcome.problems + problems
    session.nativeRecord = record
    guard trajectory.turns.count > 0 || !trajectory.createdAt.isEmpty else {
      session.brokenReason = "the rollout holds no session"
      return session
    }
    session.trajectory = trajectory
    session.status = SessionStatus(trajectory)
    return session
  }

  /// The per-record state of one rollout.
  struct Builder {
    var assembler: TurnAssembler
    var threadID = ""
    var parentThreadID = ""
    var cwd = ""
    var version = ""
    var originator = ""
    var model = ""
    var effort = ""
    var tally = RecordTally()
    var cancelledTurns: [Int] = []
    var errors = 0
    /// A user message seen as a `response_item` before its `event_msg` (or in rollouts without those).
    var pendingPrompt: String?
    var sawUserEvents = false
    var lastTotal: UsageStats?
    var taskOpen = false
    var openCalls = Set<String>()
    var threadName = ""

    init(skimmingContent: Bool) {
      assembler = TurnAssembler(skimmingContent: skimmingContent)
    }

    mutating func add(_ record: JSONObject) {
      let type = record["type"]?.stringValue ?? ""
      guard let time = tally.admit(record, type: type, known: CodexRollout.knownTypes) else { return }
      let payload = record["payload"]?.objectValue ?? [:]
      switch type {
      case "session_meta": sessionMeta(payload)
      case "turn_context":
        if let value = payload["model"]?.stringValue, !value.isEmpty { model = value }
        if let value = payload["effort"]?.stringValue { effort = value }
        if cwd.isEmpty, let value = payload["cwd"]?.stringValue { cwd = value }
      case "response_item": item(payload, time: time)
      case "event_msg": event(payload, time: time)
      default: break
      }
    }

    private mutating func sessionMeta(_ payload: JSONObject) {
      guard threadID.isEmpty else { return }  // later ones describe forks and spawned agents
      threadID = payload["id"]?.stringValue ?? payload["session_id"]?.stringValue ?? ""
      cwd = payload["cwd"]?.stringValue ?? cwd
      version = payload["cli_version"]?.stringValue ?? ""
      originator = payload["originator"]?.stringValue ?? ""
      if let spawn = payload["source"]?["subagent"]?["thread_spawn"] {
        parentThreadID = spawn["parent_thread_id"]?.stringValue ?? ""
      }
      if parentThreadID.isEmpty { parentThreadID = payload["parent_thread_id"]?.stringValue ?? "" }
    }

    private mutating func startPendingTurn(at time: Double?) {
      if let prompt = pendingPrompt {
        assembler.startTurn(prompt, at: time)
        pendingPrompt = nil
      }
    }

    private mutating func item(_ payload: JSONObject, time: Double?) {
      let kind = payload["type"]?.stringValue ?? ""
      switch kind {
      case "message":
        let role = payload["role"]?.stringValue ?? ""
        let text = Self.text(payload["content"])
        if role == "user" {
          if !sawUserEvents && !Self.isContext(text) {
            startPendingTurn(at: time)
            pendingPrompt = text
          }
        } else if role == "assistant" {
          startPendingTurn(at: time)
          assembler.text(text, at: time)
        }
      case "reasoning":
        startPendingTurn(at: time)
        let summary = (payload["summary"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        let content = (payload["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        assembler.thinking((summary.isEmpty ? content : summary).joined(separator: "\n\n"), at: time)
      case "function_call", "custom_tool_call", "local_shell_call", "tool_search_call", "web_search_call":
        startPendingTurn(at: time)
        let call = Self.call(kind, payload)
        assembler.toolCall(call, at: time)
        if !call.id.isEmpty && kind != "web_search_call" { openCalls.insert(call.id) }
      case "function_call_output", "custom_tool_call_output", "local_shell_call_output", "tool_search_output":
        let id = payload["call_id"]?.stringValue ?? ""
        openCalls.remove(id)
        let (output, failed) = Self.output(payload["output"] ?? payload["tools"].map { _ in .string("(tool list)") })
        // A command's whole output may already be there from `exec_command_end`: keep the longer one.
        if let known = assembler.call(id), known.output.count > output.count { return }
        assembler.toolResult(id, output: output, isError: failed, at: time)
      default:
        if !CodexRollout.ignoredItems.contains(kind) { tally.count("response_item \(kind)") }
      }
    }

    private mutating func event(_ payload: JSONObject, time: Double?) {
      switch payload["type"]?.stringValue ?? "" {
      case "user_message":
        sawUserEvents = true
        pendingPrompt = nil
        assembler.startTurn(payload["message"]?.stringValue ?? "", at: time)
      case "task_started", "turn_started":
        taskOpen = true
      case "task_complete", "turn_complete":
        taskOpen = false
        if let ms = payload["duration_ms"]?.numberValue?.intValue, ms > 0 { assembler.duration(ms) }
        assembler.touch(time)
      case "turn_aborted":
        taskOpen = false
        if !assembler.isEmpty { cancelledTurns.append(assembler.drafts.count - 1) }
        openCalls.removeAll()
      case "token_count":
        guard let totals = payload["info"]?["total_token_usage"]?.objectValue else { return }
        let total = Self.usage(totals)
        let previous = lastTotal ?? UsageStats()
        let grew = total.inputTokens >= previous.inputTokens && total.outputTokens >= previous.outputTokens
          && total.cacheReadTokens >= previous.cacheReadTokens
        let delta =
          grew
          ? UsageStats(
            inputTokens: total.inputTokens - previous.inputTokens, outputTokens: total.outputTokens - previous.outputTokens,
            cacheReadTokens: total.cacheReadTokens - previous.cacheReadTokens,
            cacheWriteTokens: total.cacheWriteTokens - previous.cacheWriteTokens)
          : Self.usage(payload["info"]?["last_token_usage"]?.objectValue ?? [:])
        lastTotal = total
        if delta != UsageStats() {
          assembler.ensureTurn(at: time)
          assembler.addUsage(delta, model: model)
        }
      case "exec_command_end":
        let id = payload["call_id"]?.stringValue ?? ""
        let output = payload["aggregated_output"]?.stringValue ?? payload["formatted_output"]?.stringValue ?? ""
        let exitCode = payload["exit_code"]?.numberValue?.intValue
        if let known = assembler.call(id), known.output.count >= output.count { return }
        assembler.toolResult(id, output: output, isError: (exitCode ?? 0) != 0, at: time)
      case "patch_apply_end":
        let id = payload["call_id"]?.stringValue ?? ""
        if payload["success"]?.flag == false, let call = assembler.call(id) {
          assembler.toolResult(id, output: call.output, isError: true, at: time)
        }
      case "error", "stream_error":
        errors += 1
      case "thread_name_updated":
        threadName = payload["thread_name"]?.stringValue ?? payload["name"]?.stringValue ?? threadName
      default:
        break  // UI events that repeat what the response items hold
      }
    }

    func finish(path: String, fileID: String, pricing: PricingTable) -> (Trajectory, NativeRecord, [ReadProblem]) {
      var builder = self
      builder.startPendingTurn(at: tally.lastTime)
      let turns = builder.assembler.turns(provider: .codex, pricing: pricing)
      let id = threadID.isEmpty ? fileID : threadID
      let inProgress = taskOpen || !openCalls.isEmpty
      var metadata: JSONObject = ["thread_id": .string(id)]
      if !cwd.isEmpty { metadata["cwd"] = .string(cwd) }
      var native: JSONObject = ["origin": "codex", "path": .string(path)]
      if !version.isEmpty { native["cli_version"] = .string(version) }
      if !originator.isEmpty { native["originator"] = .string(originator) }
      if !parentThreadID.isEmpty { native["parent_thread_id"] = .string(parentThreadID) }
      if !threadName.isEmpty { native["title"] = .string(threadName) }
      if errors > 0 { native["errors"] = .number(.int(errors)) }
      native["unknown_record_types"] = tally.unknownJSON
      metadata["native"] = .object(native)
      if !cancelledTurns.isEmpty { metadata["cancelled_turns"] = .array(cancelledTurns.map { .number(.int($0)) }) }
      let trajectory = Trajectory(
        agent: Provider.codex.rawValue, model: model, sessionID: id,
        createdAt: tally.firstTime.map { ISOTime.string(secondsSince1970: $0) } ?? "",
        completedAt: inProgress ? "" : tally.lastTime.map { ISOTime.string(secondsSince1970: $0) } ?? "",
        reasoning: effort, turns: turns, usage: turns.reduce(UsageStats()) { $0 + $1.usage },
        durationMS: turns.reduce(0) { $0 + $1.durationMS }, metadata: metadata)
      let name = FileSystem.baseName(of: path)
      var problems = tally.problems(at: name)
      if builder.assembler.orphanResults > 0 {
        problems.append(ReadProblem(location: name, message: "\(builder.assembler.orphanResults) tool output(s) for calls not in the rollout"))
      }
      let record = NativeRecord(
        origin: .codex, path: path, resumeKey: id, workingDirectory: cwd, cliVersion: version, title: threadName,
        unknownRecordTypes: tally.unknown, turnInProgress: inProgress)
      return (trajectory, record, problems)
    }

    // MARK: - Item shapes

    /// Whether a user message is context Codex adds (environment, AGENTS.md), not something the user typed.
    static func isContext(_ text: String) -> Bool {
      let head = text.drop { $0 == " " || $0 == "\n" }
      return head.hasPrefix("<environment_context>") || head.hasPrefix("<user_instructions>")
        || head.hasPrefix("# AGENTS.md") || head.hasPrefix("<permissions") || head.hasPrefix("<turn_aborted>")
    }

    /// The text parts of a message's content.
    static func text(_ content: JSONValue?) -> String {
      if let text = content?.stringValue { return text }
      return (content?.arrayValue ?? []).compactMap { part -> String? in
        switch part["type"]?.stringValue {
        case "input_text", "output_text", "text": return part["text"]?.stringValue
        case "input_image": return "[image]"
        default: return nil
        }
      }.joined(separator: "\n")
    }

    /// A tool call in caw's shape: `apply_patch` patches as `{"input": patch}` (so they show as diffs).
    static func call(_ kind: String, _ payload: JSONObject) -> ToolUse {
      let id = payload["call_id"]?.stringValue ?? payload["id"]?.stringValue ?? ""
      var name = payload["name"]?.stringValue ?? ""
      var arguments: JSONValue
      switch kind {
      case "custom_tool_call":
        arguments = .object(["input": payload["input"] ?? ""])
      case "local_shell_call":
        name = "shell"
        arguments = payload["action"] ?? .object([:])
      case "web_search_call":
        name = "web_search"
        arguments = payload["action"] ?? .object([:])
      case "tool_search_call":
        name = "tool_search"
        arguments = payload["arguments"] ?? .object([:])
      default:
        let raw = payload["arguments"]
        arguments = raw?.stringValue.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? raw ?? .object([:])
        if arguments == .null { arguments = .object([:]) }
      }
      // Older versions ran patches through the shell tool: `["apply_patch", "*** Begin Patch…"]`.
      if let command = arguments["command"]?.arrayValue, command.count == 2, command[0].stringValue == "apply_patch",
        let patch = command[1].stringValue
      {
        name = "apply_patch"
        arguments = .object(["input": .string(patch)])
      }
      return ToolUse(id: id, name: name, arguments: arguments)
    }

    /// A tool output's text and whether it failed: a JSON string `{"output", "metadata": {"exit_code"}}`
    /// (0.4x), `Exit code: N` text (later), or content parts.
    static func output(_ value: JSONValue?) -> (String, Bool) {
      guard let value else { return ("", false) }
      if let text = value.stringValue {
        if text.hasPrefix("{"), let parsed = try? JSONParser.parse(Array(text.utf8)), let output = parsed["output"]?.stringValue {
          let code = parsed["metadata"]?["exit_code"]?.numberValue?.intValue ?? 0
          return (output, code != 0)
        }
        if text.hasPrefix("Exit code: ") {
          let code = Int(text.dropFirst("Exit code: ".count).prefix { $0.isNumber || $0 == "-" }) ?? 0
          return (text, code != 0)
        }
        return (text, false)
      }
      if let parts = value.arrayValue { return (text(.array(parts)), false) }
      if value["type"] != nil { return (text(.array([value])), false) }
      return (value["output"]?.stringValue ?? "", false)
    }

    /// Codex token counts as caw counts them: input without the cached part, which is the cache read.
    static func usage(_ totals: JSONObject) -> UsageStats {
      func count(_ key: String) -> Int { totals[key]?.numberValue?.intValue ?? 0 }
      let cached = count("cached_input_tokens")
      return UsageStats(
        inputTokens: max(0, count("input_tokens") - cached), outputTokens: count("output_tokens"), cacheReadTokens: cached,
        cacheWriteTokens: count("cache_write_input_tokens"))
    }
  }
}
