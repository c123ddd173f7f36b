import Foundation
import OrderedCollections

/// A caw session driven by caw-tui: starts or resumes an agent CLI conversation, runs its turns and
/// records them in `caw_data` with caw's files and timing (spec §3), so Python caw can read and resume it.
///
/// During a turn `trajectory.json` is replaced (atomically) after every JSON line of the CLI's stdout
/// once the turn has a block; at turn end the turn files, the `traj.jsonl` events and the snapshot are
/// written in caw's order. A turn that fails writes no turn files; turns already recorded stay.
public actor AgentSession {
  /// caw's session id (the directory name).
  public nonisolated let sessionID: String
  /// The session's directory.
  public nonisolated let directory: String
  /// The settings the next turn runs with.
  public private(set) var settings: AgentSettings
  /// The recorded trajectory (completed turns only).
  public private(set) var trajectory: Trajectory
  /// The key the CLI resumes from (claude: the session id; codex: the thread id; opencode: its session id).
  public private(set) var resumeKey: String
  /// The turn a resume found cut short by a recorder that died mid-turn, now recorded and listed in
  /// `metadata.interrupted_turns`; nil when there was none.
  public private(set) var interruptedTurn: Int?

  private var store: SessionStore
  private var continuesConversation: Bool
  private var configFile: String?
  private let environment: AgentEnvironment
  private let log: SessionLog
  private var subagents: (any SubagentTrajectories)?
  private var runningTurn: TurnRecorder?
  /// The CLI's `--version`, read before the first codex turn (its flags depend on it).
  private var cliVersion: CLIVersion?

  private init(
    settings: AgentSettings, trajectory: Trajectory, store: SessionStore, resumeKey: String,
    continuesConversation: Bool, environment: AgentEnvironment, interruptedTurn: Int? = nil
  ) {
    self.interruptedTurn = interruptedTurn
    self.sessionID = store.sessionID
    self.directory = store.sessionDirectory
    self.settings = settings
    self.trajectory = trajectory
    self.store = store
    self.resumeKey = resumeKey
    self.continuesConversation = continuesConversation
    self.environment = environment
    self.log = SessionLog(logger: environment.logger, sessionID: store.sessionID)
  }

  /// Starts a new session under `dataDirectory`: creates its directory and writes the `metadata` line,
  /// as caw's `start_session` does. `metadata` is laid over the recorded `cwd`. A caller that needs to
  /// know the id in advance (the TUI starting a detached run) passes a new one as `sessionID`.
  public static func start(
    _ settings: AgentSettings, dataDirectory: DataDirectory, sessionID: String? = nil, metadata: JSONObject = [:],
    environment: AgentEnvironment = AgentEnvironment()
  ) throws(CawError) -> AgentSession {
    let id = sessionID ?? SessionStore.newSessionID()
    if sessionID != nil, FileSystem.status(try dataDirectory.sessionPath(id)) != nil {
      throw CawError(.fileExists, "session \(id) already exists in \(dataDirectory.path)")
    }
    let store = try SessionStore(dataDirectory: dataDirectory.path, sessionID: id, create: true)
    var trajectory = Trajectory(
      agent: settings.provider.rawValue, model: settings.model, sessionID: id,
      createdAt: ISOTime.string(secondsSince1970: environment.now().timeIntervalSince1970))
    trajectory.systemPrompt = settings.systemPrompt
    trajectory.reasoning = settings.reasoning
    trajectory.mcpServers = settings.mcpServers
    trajectory.metadata = ["cwd": .string(settings.workingDirectory ?? FileManager.default.currentDirectoryPath)]
    trajectory.metadata.merge(metadata) { _, new in new }
    try store.writeMetadata(trajectory)
    return AgentSession(
      settings: settings, trajectory: trajectory, store: store,
      resumeKey: settings.provider == .claudeCode ? id : "", continuesConversation: false, environment: environment)
  }

  /// Resumes a session from a handle or a session id (spec §4): same directory, numbering continued,
  /// `created_at`, system prompt and reasoning kept, the stored model unless `model` is given, and the
  /// recorded working directory unless `workingDirectory` is given.
  ///
  /// The session's writer lock is taken before its stored state is read for good, so a second writer
  /// is refused (``CawError/Code/sessionBusy``) rather than interleaved. A last turn that a recorder
  /// killed mid-turn left in `trajectory.json` only is recorded as it stands (turn files and events) and
  /// listed in `metadata.interrupted_turns`.
  public static func resume(
    _ handleOrSessionID: String, dataDirectory: DataDirectory, provider pinned: Provider? = nil,
    model: String? = nil, workingDirectory: String? = nil, environment: AgentEnvironment = AgentEnvironment()
  ) throws(CawError) -> AgentSession {
    let unlocked = try ResumePlan.resolve(handleOrSessionID, in: dataDirectory, pinnedProvider: pinned)
    var store = try SessionStore(
      dataDirectory: dataDirectory.path, sessionID: unlocked.sessionID, resume: true,
      create: unlocked.storedTrajectory == nil)
    let plan = try ResumePlan.resolve(handleOrSessionID, in: dataDirectory, pinnedProvider: pinned)
    let stored = plan.storedTrajectory
    let recordedDirectory = stored?.metadata["cwd"]?.stringValue
    var settings = AgentSettings(
      provider: plan.provider, model: model ?? stored?.model ?? "", reasoning: stored?.reasoning ?? "",
      systemPrompt: stored?.systemPrompt ?? "",
      workingDirectory: workingDirectory ?? recordedDirectory.flatMap { FileSystem.isDirectory($0) ? $0 : nil })
    if let model, !model.isEmpty { settings.model = model }
    var trajectory =
      stored
      ?? Trajectory(
        agent: plan.provider.rawValue, model: settings.model, sessionID: plan.sessionID,
        createdAt: ISOTime.string(secondsSince1970: environment.now().timeIntervalSince1970))
    trajectory.agent = plan.provider.rawValue
    trajectory.model = settings.model
    trajectory.completedAt = ""
    trajectory.usageLimited = false
    trajectory.mcpServers = settings.mcpServers
    if let key = Self.resumeMetadataKey(plan.provider) { trajectory.metadata[key] = .string(plan.resumeKey) }
    if stored == nil {
      trajectory.metadata["cwd"] = .string(settings.workingDirectory ?? FileManager.default.currentDirectoryPath)
      try store.writeMetadata(trajectory)
    }
    let interrupted = try recordInterruptedTurn(&trajectory, store: &store)
    return AgentSession(
      settings: settings, trajectory: trajectory, store: store, resumeKey: plan.resumeKey,
      continuesConversation: true, environment: environment, interruptedTurn: interrupted)
  }

  /// Records a last turn that only `trajectory.json` holds (its recorder died mid-turn: the snapshot has
  /// one turn more than `turns/`, with no usage, and `traj.jsonl` never ended it) as it stands, marked in
  /// `metadata.interrupted_turns`; returns its index. Caw would keep it as a real turn without files.
  private static func recordInterruptedTurn(_ trajectory: inout Trajectory, store: inout SessionStore) throws(CawError)
    -> Int?
  {
    let index = store.nextTurnIndex
    guard trajectory.turns.count == index + 1, let partial = trajectory.turns.last, partial.usage == UsageStats(),
      partial.durationMS == 0
    else { return nil }
    let ended = (try? EventLogReplay.read(store.eventLogPath, skimmingContent: true).replay.parentTurnEnds) ?? 0
    guard ended <= index else { return nil }
    var interrupted = trajectory.metadata["interrupted_turns"]?.arrayValue ?? []
    interrupted.append(.number(.int(index)))
    trajectory.metadata["interrupted_turns"] = .array(interrupted)
    try store.appendTurn(partial, trajectory: trajectory, rawOutput: "")
    return index
  }

  /// The metadata key holding a provider's resume key, nil for claude (whose key is the session id).
  static func resumeMetadataKey(_ provider: Provider) -> String? {
    switch provider {
    case .claudeCode: return nil
    case .codex: return "thread_id"
    case .opencode: return "opencode_session_id"
    }
  }

  /// caw's resume handle for this session, nil until the CLI has given a resume key.
  public var resumeHandle: String? {
    guard !resumeKey.isEmpty else { return nil }
    return ResumeHandle(provider: settings.provider.rawValue, sessionID: sessionID, resumeKey: resumeKey).encoded
  }

  /// Hands the session the host of its subagent tool servers: from now on snapshots show running
  /// subagents under their tool calls and finished turns get their subagents' trajectories attached.
  public func attach(subagents: any SubagentTrajectories) {
    self.subagents = subagents
  }

  /// Rewrites the running turn's snapshot (a subagent it started has recorded more); nothing between
  /// turns.
  public func refreshSnapshot() throws(CawError) {
    guard let recorder = runningTurn, !recorder.parser.draft.blocks.isEmpty else { return }
    try saveSnapshot(recorder)
  }

  /// Appends a subagent's finished turns to this session's `traj.jsonl`, tagged with its spec name as
  /// caw tags them, each with its own turn index.
  public func recordSubagentTurns(of trajectory: Trajectory, name: String) throws(CawError) {
    for (index, turn) in trajectory.turns.enumerated() {
      try store.appendSubagentTurn(turn, index: index, subagent: name)
    }
  }

  /// The turn's events as an asynchronous sequence; it finishes after ``RunEvent/turnRecorded(index:_:costKnown:)``
  /// or throws the turn's failure. Cancelling the consuming task ends the CLI.
  public nonisolated func events(for message: String) -> AsyncThrowingStream<RunEvent, any Error> {
    AsyncThrowingStream { continuation in
      let task = Task {
        do {
          _ = try await self.send(message) { continuation.yield($0) }
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  /// Runs one turn: starts the CLI, records as caw does, and returns the recorded turn.
  ///
  /// - Throws: ``CawError`` `.agent` when the CLI is missing, exits with an error and no output, or
  ///   reports a fatal error (nothing of the turn is recorded), or when the turn ended on an API error
  ///   (it is recorded and listed in `metadata.failed_turns`); `CancellationError` when the calling
  ///   task is cancelled (the CLI's process group is terminated and the turn so far is recorded).
  @discardableResult
  public func send(_ message: String, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) async throws
    -> Turn
  {
    let locator = ExecutableLocator(environment: environment.variables)
    guard let executable = locator.locate(settings.provider) else {
      throw CawError(.agent, ExecutableLocator.installHint(settings.provider))
    }
    try writeConfigFileIfNeeded()
    // The key goes on the CLI's command line: check it has the provider's form (claude falls back to the
    // session id; opencode without a key starts a new conversation, as caw does).
    if continuesConversation, settings.provider != .opencode || !resumeKey.isEmpty {
      try ResumeKey.validate(
        settings.provider == .claudeCode && resumeKey.isEmpty ? sessionID : resumeKey, for: settings.provider)
    }
    if settings.provider == .codex, cliVersion == nil { cliVersion = try? await CLIVersion.probe(executable).get() }
    let request = TurnRequest(
      message: message, sessionID: sessionID, resumeKey: resumeKey,
      continuesConversation: continuesConversation, configFile: configFile, cliVersion: cliVersion)
    let invocation = Self.invocation(settings, request, executable: executable)
    onEvent(.launched(invocation))
    if !continuesConversation {
      log.metadata(["agent": settings.provider.rawValue, "model": settings.model, "session": sessionID])
    }
    log.user(message)

    let usageBefore = continuesConversation && settings.provider == .codex
      ? RunningTotals.codexTotals(before: trajectory) : UsageStats()
    let recorder = TurnRecorder(
      message: message, parser: StreamParsers.make(for: settings.provider, model: settings.model, usageBefore: usageBefore),
      spool: try RawOutputSpool(), log: log, onEvent: onEvent)
    runningTurn = recorder
    defer { runningTurn = nil }
    let started = environment.now()
    let exit: ProcessExit
    do {
      exit = try await environment.launcher.run(invocation) { line in
        try await self.take(line, recorder: recorder)
      }
    } catch is CancellationError {
      try recordCancelled(recorder, started: started, onEvent: onEvent)
    } catch let stop as TurnRecorder.Stop {
      try abandon(recorder)
      throw failed(stop.message)
    } catch {
      if Task.isCancelled { try recordCancelled(recorder, started: started, onEvent: onEvent) }
      try abandon(recorder)
      throw failed("\(ExecutableLocator.binaryName(settings.provider)) could not be run: \(error)")
    }
    if recorder.spool.lineCount == 0, !exit.succeeded {
      try abandon(recorder)
      throw failed(Self.exitMessage(settings.provider, exit))
    }
    let index = store.nextTurnIndex
    let turn = try record(recorder, started: started, onEvent: onEvent)
    if let error = recorder.parser.draft.turnError {
      throw failed("turn \(SessionStore.turnPrefix(index)) failed: \(error)")
    }
    return turn
  }

  /// What to tell the user when the CLI exited with an error before writing any event.
  static func exitMessage(_ provider: Provider, _ exit: ProcessExit) -> String {
    let name = ExecutableLocator.binaryName(provider)
    let status = exit.exitCode.map { "code \($0)" } ?? "signal \(exit.signal ?? 0)"
    let said = exit.stderrTail.trimmingCharacters(in: .whitespacesAndNewlines)
    if provider == .claudeCode, said.contains("root/sudo privileges") {
      return "claude refused to run as root: it does not accept --dangerously-skip-permissions (which caw-tui "
        + "needs to run it without prompts) from root unless IS_SANDBOX=1 is set. Run caw-tui as a user other "
        + "than root, or set IS_SANDBOX=1 if this is a container or VM you can throw away. "
        + "(claude exited with \(status): \(said))"
    }
    return "\(name) CLI exited with \(status): \(exit.stderrTail)"
  }

  /// Ends the session as caw's `Session.end()` does: deletes the temporary config file, sets
  /// `completed_at` and `usage_limited`, and rewrites `trajectory.json`.
  public func end() throws(CawError) {
    if let configFile { unlink(configFile) }
    configFile = nil
    trajectory.completedAt = ISOTime.string(secondsSince1970: environment.now().timeIntervalSince1970)
    trajectory.usageLimited = UsageLimit.detect(settings.provider, in: trajectory.result) != nil
    try store.saveTrajectory(trajectory)
    log.end(trajectory)
  }

  /// A failed turn's error, logged.
  private func failed(_ message: String) -> CawError {
    log.turnFailed(message)
    return CawError(.agent, message)
  }

  // MARK: - Inside a turn

  /// Takes one stdout line: spools it, parses it, reports changes and snapshots the partial turn.
  private func take(_ line: StdoutLine, recorder: TurnRecorder) throws {
    guard try recorder.take(line) else { return }
    if settings.provider == .claudeCode, settings.model.isEmpty, let model = recorder.parser.draft.model,
      !model.isEmpty
    {
      settings.model = model
      trajectory.model = model
    }
    adoptSessionKey(recorder.parser.draft.sessionKey)
    if !recorder.parser.draft.blocks.isEmpty { try saveSnapshot(recorder) }
    if let failure = recorder.parser.draft.failure { throw TurnRecorder.Stop(message: failure) }
  }

  /// Replaces `trajectory.json` with the completed turns and the running one, subagents shown live.
  private func saveSnapshot(_ recorder: TurnRecorder) throws(CawError) {
    let blocks = recorder.parser.draft.blocks
    var snapshot = trajectory
    snapshot.turns.append(Turn(input: recorder.message, output: subagents?.live(blocks) ?? blocks))
    try store.saveSnapshot(snapshot)
  }

  /// Records a provider-side session key the stream reported (codex thread, opencode session), when it
  /// has the provider's id form (anything else could turn into a CLI option on the next turn).
  private func adoptSessionKey(_ key: String?) {
    guard let key, ResumeKey.isValid(key, for: settings.provider), let metadataKey = Self.resumeMetadataKey(settings.provider)
    else { return }
    if settings.provider == .opencode && !resumeKey.isEmpty { return }
    resumeKey = key
    var metadata: JSONObject = [metadataKey: .string(key)]
    for (name, value) in trajectory.metadata where name != metadataKey { metadata[name] = value }
    trajectory.metadata = metadata
  }

  /// Records the finished turn in caw's order and reports a usage limit.
  @discardableResult
  private func record(_ recorder: TurnRecorder, started: Date, onEvent: (RunEvent) -> Void) throws(CawError)
    -> Turn
  {
    let draft = recorder.parser.finished(pricing: environment.pricing)
    let wallClock = Int(environment.now().timeIntervalSince(started) * 1000)
    var turn = draft.turn(input: recorder.message, durationMS: wallClock)
    if let subagents { turn.output = subagents.finished(draft.blocks) }
    if let totals = draft.cumulativeUsage {
      let key = RunningTotals.codexMetadataKey
      let since = trajectory.metadata[key]?["since_turn"]?.numberValue?.intValue ?? store.nextTurnIndex
      trajectory.metadata[key] = RunningTotals.codexMetadata(totals, sinceTurn: since)
    }
    if draft.turnError != nil {
      var failed = trajectory.metadata[Trajectory.failedTurnsKey]?.arrayValue ?? []
      failed.append(.number(.int(store.nextTurnIndex)))
      trajectory.metadata[Trajectory.failedTurnsKey] = .array(failed)
    }
    trajectory.turns.append(turn)
    trajectory.usage = trajectory.usage + turn.usage
    trajectory.durationMS += turn.durationMS
    noteStreamProblems(recorder)
    let index = store.nextTurnIndex
    if draft.costUnknown { UnpricedTurns.add(index, to: &trajectory.metadata) }
    try recorder.spool.flush()
    try store.appendTurn(turn, trajectory: trajectory, rawOutputFile: recorder.spool.path)
    continuesConversation = true
    log.turnEnd(turn)
    onEvent(.turnRecorded(index: index, turn, costKnown: !draft.costUnknown))
    if let limit = UsageLimit.detect(settings.provider, in: turn.result) {
      log.usageLimit(limit)
      onEvent(.usageLimited(limit))
    }
    return turn
  }

  /// A cancelled turn is recorded with what it produced so far (the CLI may already have changed
  /// files) and listed in `metadata.cancelled_turns`; then the cancellation is rethrown.
  private func recordCancelled(_ recorder: TurnRecorder, started: Date, onEvent: (RunEvent) -> Void) throws -> Never {
    if recorder.parser.draft.blocks.isEmpty {
      try abandon(recorder)
    } else {
      var cancelled = trajectory.metadata["cancelled_turns"]?.arrayValue ?? []
      cancelled.append(.number(.int(store.nextTurnIndex)))
      trajectory.metadata["cancelled_turns"] = .array(cancelled)
      try record(recorder, started: started, onEvent: onEvent)
    }
    throw CancellationError()
  }

  /// Forgets a failed turn: `trajectory.json` goes back to the completed turns (keeping any session key
  /// the stream reported, as caw keeps it).
  private func abandon(_ recorder: TurnRecorder) throws(CawError) {
    noteStreamProblems(recorder)
    if store.hasTrajectoryFile || !trajectory.turns.isEmpty || recorder.sawBlocks {
      try store.saveTrajectory(trajectory)
    }
  }

  /// Adds the turn's unknown event types and skipped lines to the session's running counts in metadata.
  private func noteStreamProblems(_ recorder: TurnRecorder) {
    let unknown = recorder.parser.draft.unknownTypes
    if !unknown.isEmpty {
      var counts = trajectory.metadata["unknown_stream_events"]?.objectValue ?? [:]
      for (type, count) in unknown {
        counts[type] = .number(.int((counts[type]?.numberValue?.intValue ?? 0) + count))
      }
      trajectory.metadata["unknown_stream_events"] = .object(counts)
    }
    if recorder.skippedLines > 0 {
      let previous = trajectory.metadata["skipped_stream_lines"]?.numberValue?.intValue ?? 0
      trajectory.metadata["skipped_stream_lines"] = .number(.int(previous + recorder.skippedLines))
    }
  }

  /// Writes the claude MCP config or opencode config file on the first turn that needs it.
  private func writeConfigFileIfNeeded() throws(CawError) {
    guard configFile == nil else { return }
    let content: JSONValue?
    let prefix: String
    switch settings.provider {
    case .claudeCode: (content, prefix) = (ClaudeCommand.configFile(settings), "caw_mcp_")
    case .opencode: (content, prefix) = (OpencodeCommand.configFile(settings), "caw_opencode_")
    case .codex: (content, prefix) = (nil, "")
    }
    guard let content else { return }
    configFile = try TemporaryFile.write(PythonJSONWriter.bytes(content, style: .singleLine), prefix: prefix)
  }

  /// The command line of one turn.
  public static func invocation(_ settings: AgentSettings, _ request: TurnRequest, executable: String) -> Invocation {
    switch settings.provider {
    case .claudeCode: return ClaudeCommand.invocation(settings, request, executable: executable)
    case .codex: return CodexCommand.invocation(settings, request, executable: executable)
    case .opencode: return OpencodeCommand.invocation(settings, request, executable: executable)
    }
  }
}
