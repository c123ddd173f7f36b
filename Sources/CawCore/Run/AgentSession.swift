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

  private var store: SessionStore
  private var continuesConversation: Bool
  private var configFile: String?
  private let environment: AgentEnvironment

  private init(
    settings: AgentSettings, trajectory: Trajectory, store: SessionStore, resumeKey: String,
    continuesConversation: Bool, environment: AgentEnvironment
  ) {
    self.sessionID = store.sessionID
    self.directory = store.sessionDirectory
    self.settings = settings
    self.trajectory = trajectory
    self.store = store
    self.resumeKey = resumeKey
    self.continuesConversation = continuesConversation
    self.environment = environment
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
    let store = try SessionStore(dataDirectory: dataDirectory.path, sessionID: id)
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
  public static func resume(
    _ handleOrSessionID: String, dataDirectory: DataDirectory, provider pinned: Provider? = nil,
    model: String? = nil, workingDirectory: String? = nil, environment: AgentEnvironment = AgentEnvironment()
  ) throws(CawError) -> AgentSession {
    let plan = try ResumePlan.resolve(handleOrSessionID, in: dataDirectory, pinnedProvider: pinned)
    let stored = plan.storedTrajectory
    let store = try SessionStore(dataDirectory: dataDirectory.path, sessionID: plan.sessionID, resume: true)
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
    return AgentSession(
      settings: settings, trajectory: trajectory, store: store, resumeKey: plan.resumeKey,
      continuesConversation: true, environment: environment)
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

  /// The turn's events as an asynchronous sequence; it finishes after ``RunEvent/turnRecorded(index:_:)``
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
  ///   reports a fatal error (nothing of the turn is recorded); `CancellationError` when the calling
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
    let request = TurnRequest(
      message: message, sessionID: sessionID, resumeKey: resumeKey,
      continuesConversation: continuesConversation, configFile: configFile)
    let invocation = Self.invocation(settings, request, executable: executable)
    onEvent(.launched(invocation))

    let recorder = TurnRecorder(
      message: message, parser: StreamParsers.make(for: settings.provider, model: settings.model),
      spool: try RawOutputSpool(), onEvent: onEvent)
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
      throw CawError(.agent, stop.message)
    } catch {
      if Task.isCancelled { try recordCancelled(recorder, started: started, onEvent: onEvent) }
      try abandon(recorder)
      throw CawError(.agent, "\(ExecutableLocator.binaryName(settings.provider)) could not be run: \(error)")
    }
    if recorder.spool.lineCount == 0, !exit.succeeded {
      try abandon(recorder)
      let name = ExecutableLocator.binaryName(settings.provider)
      let status = exit.exitCode.map { "code \($0)" } ?? "signal \(exit.signal ?? 0)"
      throw CawError(.agent, "\(name) CLI exited with \(status): \(exit.stderrTail)")
    }
    return try record(recorder, started: started, onEvent: onEvent)
  }

  /// Ends the session as caw's `Session.end()` does: deletes the temporary config file, sets
  /// `completed_at` and `usage_limited`, and rewrites `trajectory.json`.
  public func end() throws(CawError) {
    if let configFile { unlink(configFile) }
    configFile = nil
    trajectory.completedAt = ISOTime.string(secondsSince1970: environment.now().timeIntervalSince1970)
    trajectory.usageLimited = UsageLimit.detect(settings.provider, in: trajectory.result) != nil
    try store.saveTrajectory(trajectory)
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
    if !recorder.parser.draft.blocks.isEmpty {
      var snapshot = trajectory
      snapshot.turns.append(Turn(input: recorder.message, output: recorder.parser.draft.blocks))
      try store.saveSnapshot(snapshot)
    }
    if let failure = recorder.parser.draft.failure { throw TurnRecorder.Stop(message: failure) }
  }

  /// Records a provider-side session key the stream reported (codex thread, opencode session).
  private func adoptSessionKey(_ key: String?) {
    guard let key, !key.isEmpty, let metadataKey = Self.resumeMetadataKey(settings.provider) else { return }
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
    let turn = draft.turn(input: recorder.message, durationMS: wallClock)
    trajectory.turns.append(turn)
    trajectory.usage = trajectory.usage + turn.usage
    trajectory.durationMS += turn.durationMS
    noteStreamProblems(recorder)
    let index = store.nextTurnIndex
    try recorder.spool.flush()
    try store.appendTurn(turn, trajectory: trajectory, rawOutputFile: recorder.spool.path)
    continuesConversation = true
    onEvent(.turnRecorded(index: index, turn))
    if let limit = UsageLimit.detect(settings.provider, in: turn.result) { onEvent(.usageLimited(limit)) }
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
    if FileSystem.status(store.trajectoryPath) != nil || !trajectory.turns.isEmpty || recorder.sawBlocks {
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
