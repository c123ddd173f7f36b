import Foundation
import OrderedCollections

/// Turns a saved CLI output stream (a `turns/NNN_raw_output.jsonl`, or output captured elsewhere) into a
/// one-turn trajectory, with the same parsers a live run uses. Files that are not output streams but
/// the CLIs' own session logs are recognised and named instead of read as empty streams.
public enum StreamImport {
  /// A file format `import` recognises but does not read.
  public enum OtherFormat: Sendable, Equatable, CustomStringConvertible {
    /// Claude Code's on-disk session transcript (`~/.claude/projects/<dir>/<uuid>.jsonl`).
    case claudeTranscript
    /// Codex's rollout file (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`).
    case codexRollout

    /// What the file is and what to give `import` instead.
    public var description: String {
      switch self {
      case .claudeTranscript:
        return
          "a Claude Code on-disk session transcript (~/.claude/projects/…/<uuid>.jsonl), not the output of "
          + "`claude -p --output-format stream-json --verbose`; import reads the latter"
      case .codexRollout:
        return
          "a Codex rollout file (~/.codex/sessions/…/rollout-*.jsonl), not the output of `codex exec --json`; "
          + "import reads the latter"
      }
    }
  }

  /// The result of reading a stream.
  public struct Result: Sendable {
    /// The one-turn trajectory.
    public var trajectory: Trajectory
    /// Lines that were not JSON objects, with their line numbers.
    public var skippedLines: [Int]
  }

  /// The events of a file: one per JSONL line, or the elements of a file that is one JSON array (what
  /// older `claude --output-format json --verbose` printed). Returns the skipped line numbers too.
  static func events(_ bytes: [UInt8]) -> (events: [JSONObject], skipped: [Int]) {
    if let first = bytes.first(where: { !StreamLine.isBlank([$0]) }), first == UInt8(ascii: "["),
      let array = (try? JSONParser.parse(bytes))?.arrayValue
    {
      return (array.compactMap(\.objectValue), [])
    }
    var events: [JSONObject] = []
    var skipped: [Int] = []
    for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
      let line = Array(line)
      if let event = StreamLine.event(line) {
        events.append(event)
      } else if !StreamLine.isBlank(line) {
        skipped.append(number + 1)
      }
    }
    return (events, skipped)
  }

  /// The other format these events are written in, if they are not an output stream.
  public static func otherFormat(of events: [JSONObject]) -> OtherFormat? {
    let rolloutTypes: Set<String> = ["session_meta", "response_item", "event_msg", "turn_context", "compacted"]
    var transcriptLines = 0
    var rolloutLines = 0
    for event in events.prefix(200) {
      let type = event["type"]?.stringValue ?? ""
      if event["payload"] != nil, event["timestamp"] != nil, rolloutTypes.contains(type) { rolloutLines += 1 }
      if event["parentUuid"] != nil || event["sessionId"] != nil || event["isSidechain"] != nil
        || type == "summary" || type == "file-history-snapshot"
      {
        transcriptLines += 1
      }
    }
    if rolloutLines > 0 && rolloutLines >= transcriptLines { return .codexRollout }
    if transcriptLines > 0 { return .claudeTranscript }
    return nil
  }

  /// The provider whose stream format these events are in, when they say.
  public static func guessProvider(_ events: [JSONObject]) -> Provider? {
    for event in events.prefix(50) {
      let type = event["type"]?.stringValue ?? ""
      if ["system", "assistant", "user", "result"].contains(type) { return .claudeCode }
      if type.hasPrefix("thread.") || type.hasPrefix("turn.") || type.hasPrefix("item.") || event["msg"] != nil {
        return .codex
      }
      if ["step_start", "step_finish", "tool_use", "text", "reasoning", "error"].contains(type), event["sessionID"] != nil {
        return .opencode
      }
    }
    return nil
  }

  /// Reads `bytes` as one turn of `provider` (guessed from the content when nil).
  ///
  /// - Throws: ``CawError`` `.invalidArgument` when the file is another format, or when no provider is
  ///   given and the content does not tell.
  public static func read(
    _ bytes: [UInt8], provider: Provider?, model: String = "", input: String = "", pricing: PricingTable = .builtIn,
    now: Date = Date()
  ) throws(CawError) -> Result {
    let (events, skipped) = events(bytes)
    if let other = otherFormat(of: events) { throw CawError(.invalidArgument, "this file is \(other)") }
    guard let provider = provider ?? guessProvider(events) else {
      throw CawError(.invalidArgument, "cannot tell which CLI wrote this stream; pass --provider claude|codex|opencode")
    }
    var parser = StreamParsers.make(for: provider, model: model)
    for event in events { parser.consume(event) }
    let draft = parser.finished(pricing: pricing)
    let streamModel = provider == .claudeCode && model.isEmpty ? (draft.model ?? "") : model
    var sessionID = SessionStore.newSessionID()
    var metadata = JSONObject()
    switch provider {
    case .claudeCode:
      if let key = draft.sessionKey, (try? SessionID.validate(key)) != nil { sessionID = key }
    case .codex:
      if let key = draft.sessionKey { metadata["thread_id"] = .string(key) }
    case .opencode:
      if let key = draft.sessionKey { metadata["opencode_session_id"] = .string(key) }
    }
    if !draft.unknownTypes.isEmpty {
      metadata["unknown_stream_events"] = .object(draft.unknownTypes.mapValues { .number(.int($0)) })
    }
    if !skipped.isEmpty { metadata["skipped_stream_lines"] = .number(.int(skipped.count)) }
    if let failure = draft.failure { metadata["turn_error"] = .string(failure) }
    if draft.costUnknown { UnpricedTurns.add(0, to: &metadata) }
    let turn = draft.turn(input: input)
    var trajectory = Trajectory(
      agent: provider.rawValue, model: streamModel, sessionID: sessionID,
      createdAt: ISOTime.string(secondsSince1970: now.timeIntervalSince1970))
    trajectory.turns = [turn]
    trajectory.usage = turn.usage
    trajectory.durationMS = turn.durationMS
    trajectory.metadata = metadata
    return Result(trajectory: trajectory, skippedLines: skipped)
  }
}
