/// What to search for and in which sessions: a full-text expression and filters on the session.
public struct SearchQuery: Hashable, Sendable {
  /// The words and phrases to find, all in one block.
  public var expression: SearchExpression
  /// Only sessions of this provider (its canonical name: `claude_code`, `codex`, `opencode`).
  public var provider: String?
  /// Only sessions whose model contains this text (any case).
  public var model: String?
  /// Only sessions with this status.
  public var status: SessionStatus?
  /// Only sessions recorded in this project: an absolute path (the directory or one below it) or a
  /// directory name (the last part of the recorded working directory).
  public var project: String?
  /// Only sessions started in this range.
  public var dates: DateRange
  /// Only sessions of these stores (nil: any the index holds).
  public var origins: Set<SessionOrigin>?
  /// The order of the hits.
  public var order: SearchOrder

  /// A query for `text` (see ``SearchExpression``) with the given filters.
  ///
  /// - Throws: ``CawError`` (`.invalidArgument`) when `text` has nothing to find or `provider` is unknown.
  public init(
    _ text: String, provider: String? = nil, model: String? = nil, status: SessionStatus? = nil,
    project: String? = nil, dates: DateRange = DateRange(), origins: Set<SessionOrigin>? = nil,
    order: SearchOrder = .newest
  ) throws(CawError) {
    expression = try SearchExpression(parsing: text)
    if let provider {
      guard let known = Provider(name: provider) else {
        throw CawError(
          .invalidArgument,
          "unknown provider \(TextSanitizer.singleLine(provider, limit: 40).debugDescription) (expected one of \(Provider.registeredNames.joined(separator: ", ")))")
      }
      self.provider = known.rawValue
    }
    self.model = model.flatMap { $0.isEmpty ? nil : $0 }
    self.status = status
    self.project = project.flatMap { $0.isEmpty ? nil : Self.normalisedProject($0) }
    self.dates = dates
    self.origins = origins
    self.order = order
  }

  /// Whether a session with these facts passes the filters (the text aside).
  public func admits(_ facts: IndexedSession) -> Bool {
    if let origins, !origins.contains(facts.origin) { return false }
    if let provider, facts.agent != provider { return false }
    if let model, !facts.model.lowercased().contains(model.lowercased()) { return false }
    if let status, facts.status != status { return false }
    if let project {
      guard let cwd = facts.workingDirectory else { return false }
      if project.hasPrefix("/") {
        guard cwd == project || cwd.hasPrefix(project == "/" ? "/" : project + "/") else { return false }
      } else if IndexedSession.projectName(of: cwd) != project {
        return false
      }
    }
    return dates.contains(facts.time)
  }

  private static func normalisedProject(_ text: String) -> String {
    var path = text
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }
}

/// How hits are ordered.
public enum SearchOrder: String, Hashable, Sendable, CaseIterable {
  /// Sessions newest first, each session's blocks in their order (within one page of hits).
  case newest
  /// Best match first (BM25: tool names weigh most, then arguments, then text).
  case relevance
}
