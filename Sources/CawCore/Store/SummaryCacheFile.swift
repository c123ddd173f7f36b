/// The bytes of a ``SummaryCache`` file: a magic line, the real path of the data directory it indexes,
/// then per session its stamps and summary in a little-endian binary layout. Anything that does not
/// decode cleanly, or names another directory, makes the whole file be ignored.
enum SummaryCacheFile {
  /// Changes whenever the layout or what a summary holds changes.
  static let magic = Array("caw-tui summaries 5\n".utf8)

  /// The file for the data directory whose real path is `directory`.
  static func encode(_ entries: [SummaryIndex.Entry], directory: String) -> [UInt8] {
    var out = ByteWriter()
    out.bytes += magic
    out.string(directory)
    out.int(entries.count)
    for entry in entries {
      let stamps = entry.stamps?.values ?? []
      out.int(stamps.count)
      for value in stamps { out.int(Int(value)) }
      encodeSummary(entry.summary, into: &out)
    }
    return out.bytes
  }

  /// The data directory a file (or the first bytes of one) indexes, nil when it is not of this layout.
  static func directory(in bytes: [UInt8]) -> String? {
    guard bytes.starts(with: magic) else { return nil }
    var input = ByteReader(bytes, from: magic.count)
    return input.string()
  }

  /// The entries by session id, or nil when the bytes are not a complete cache file of this layout for
  /// the data directory whose real path is `directory`.
  static func decode(_ bytes: [UInt8], directory: String) -> [String: SummaryIndex.Entry]? {
    guard bytes.starts(with: magic) else { return nil }
    var input = ByteReader(bytes, from: magic.count)
    guard input.string() == directory, let count = input.int(), count >= 0 else { return nil }
    var entries: [String: SummaryIndex.Entry] = [:]
    entries.reserveCapacity(count)
    for _ in 0..<count {
      guard let entry = decodeEntry(&input) else { return nil }
      entries[entry.summary.id] = entry
    }
    return input.isAtEnd ? entries : nil
  }

  private static func decodeEntry(_ input: inout ByteReader) -> SummaryIndex.Entry? {
    guard let stampCount = input.int(), (0...64).contains(stampCount) else { return nil }
    var values: [Int64] = []
    for _ in 0..<stampCount {
      guard let value = input.int() else { return nil }
      values.append(Int64(value))
    }
    guard let summary = decodeSummary(&input) else { return nil }
    return SummaryIndex.Entry(stamps: SessionStamps(values: values), summary: summary)
  }

  /// Appends one summary (without its id's session path) to `out`.
  static func encodeSummary(_ s: SessionSummary, into out: inout ByteWriter) {
    for text in [s.id, s.agent, s.model, s.createdAt, s.completedAt, s.status.rawValue, s.firstUserMessage] {
      out.string(text)
    }
    out.optionalString(s.brokenReason)
    for number in [s.turnCount, s.toolCallCount, s.toolErrorCount, s.durationMS] { out.int(number) }
    let u = s.totalUsage
    for number in [u.inputTokens, u.outputTokens, u.cacheReadTokens, u.cacheWriteTokens] { out.int(number) }
    out.number(u.costUSD)
    out.double(s.lastModified)
    out.int(s.hasTurnInProgress ? 1 : 0)
    out.optionalString(s.source?.rawValue)
    out.int(s.unpricedTurnCount)
    out.int(s.lastTurnCancelled ? 1 : 0)
    out.int(s.problems.count)
    for problem in s.problems {
      out.string(problem.location)
      out.string(problem.message)
    }
    out.string(s.resumeKey)
    out.string(s.workingDirectory)
  }

  /// Reads one summary written by ``encodeSummary(_:into:)``; nil when the bytes do not decode.
  static func decodeSummary(_ input: inout ByteReader) -> SessionSummary? {
    guard let id = input.string(), let agent = input.string(), let model = input.string(),
      let createdAt = input.string(), let completedAt = input.string(),
      let status = input.string().flatMap(SessionStatus.init(rawValue:)), let firstMessage = input.string(),
      let brokenReason = input.optionalString(),
      let turns = input.int(), let tools = input.int(), let errors = input.int(), let duration = input.int(),
      let inputTokens = input.int(), let outputTokens = input.int(), let cacheRead = input.int(),
      let cacheWrite = input.int(), let cost = input.number(), let lastModified = input.double(),
      let inProgress = input.int(), let source = input.optionalString(), let unpriced = input.int(),
      let cancelled = input.int(), let problemCount = input.int(), problemCount >= 0
    else { return nil }
    var problems: [ReadProblem] = []
    for _ in 0..<problemCount {
      guard let location = input.string(), let message = input.string() else { return nil }
      problems.append(ReadProblem(location: location, message: message))
    }
    guard let resumeKey = input.string(), let workingDirectory = input.string() else { return nil }
    var summary = SessionSummary(
      LoadedSession(
        id: id, path: "", trajectory: nil, source: nil, status: status, brokenReason: brokenReason, problems: problems,
        eventLog: nil, lastModified: lastModified))
    summary.agent = agent
    summary.model = model
    summary.createdAt = createdAt
    summary.completedAt = completedAt
    summary.firstUserMessage = firstMessage
    summary.turnCount = turns
    summary.toolCallCount = tools
    summary.toolErrorCount = errors
    summary.durationMS = duration
    summary.totalUsage = UsageStats(
      inputTokens: inputTokens, outputTokens: outputTokens, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
      costUSD: cost)
    summary.hasTurnInProgress = inProgress != 0
    summary.unpricedTurnCount = unpriced
    summary.lastTurnCancelled = cancelled != 0
    summary.resumeKey = resumeKey
    summary.workingDirectory = workingDirectory
    if let source {
      guard let known = LoadedSession.Source(rawValue: source) else { return nil }
      summary.source = known
    }
    return summary
  }
}
