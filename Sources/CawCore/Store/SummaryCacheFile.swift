/// The bytes of a ``SummaryCache`` file: a magic line, then per session its stamps and summary in a
/// little-endian binary layout. Anything that does not decode cleanly makes the whole file be ignored.
enum SummaryCacheFile {
  /// Changes whenever the layout or what a summary holds changes.
  static let magic = Array("caw-tui summaries 1\n".utf8)

  static func encode(_ entries: [SummaryIndex.Entry]) -> [UInt8] {
    var out = ByteWriter()
    out.bytes += magic
    out.int(entries.count)
    for entry in entries {
      let stamps = entry.stamps?.values ?? []
      out.int(stamps.count)
      for value in stamps { out.int(Int(value)) }
      let s = entry.summary
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
      out.int(s.problems.count)
      for problem in s.problems {
        out.string(problem.location)
        out.string(problem.message)
      }
    }
    return out.bytes
  }

  /// The entries by session id, or nil when the bytes are not a complete cache file of this layout.
  static func decode(_ bytes: [UInt8]) -> [String: SummaryIndex.Entry]? {
    guard bytes.starts(with: magic) else { return nil }
    var input = ByteReader(bytes, from: magic.count)
    guard let count = input.int(), count >= 0 else { return nil }
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
    guard let id = input.string(), let agent = input.string(), let model = input.string(),
      let createdAt = input.string(), let completedAt = input.string(),
      let status = input.string().flatMap(SessionStatus.init(rawValue:)), let firstMessage = input.string(),
      let brokenReason = input.optionalString(),
      let turns = input.int(), let tools = input.int(), let errors = input.int(), let duration = input.int(),
      let inputTokens = input.int(), let outputTokens = input.int(), let cacheRead = input.int(),
      let cacheWrite = input.int(), let cost = input.number(), let lastModified = input.double(),
      let inProgress = input.int(), let source = input.optionalString(), let problemCount = input.int(),
      problemCount >= 0
    else { return nil }
    var problems: [ReadProblem] = []
    for _ in 0..<problemCount {
      guard let location = input.string(), let message = input.string() else { return nil }
      problems.append(ReadProblem(location: location, message: message))
    }
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
    if let source {
      guard let known = LoadedSession.Source(rawValue: source) else { return nil }
      summary.source = known
    }
    return SummaryIndex.Entry(stamps: SessionStamps(values: values), summary: summary)
  }
}
