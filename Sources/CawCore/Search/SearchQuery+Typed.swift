/// A query typed on one line, its filters among the words: `provider:codex status:finished "naive
/// datetime"`, as the TUI's search of every session takes it.
extension SearchQuery {
  /// The filters a typed query may hold, each as `name:value` (the value quoted when it has spaces).
  public static let typedFilters = ["provider", "model", "status", "project", "since", "until", "source"]

  /// The query `text` says: each `provider:`, `model:`, `status:`, `project:`, `since:`, `until:` or
  /// `source:` word is a filter (as the CLI's options of those names), the other words are the text to find.
  ///
  /// - Throws: ``CawError`` (`.invalidArgument`) when a filter's value is unknown or malformed, or no
  ///   text to find is left.
  public init(typed text: String, order: SearchOrder = .newest) throws(CawError) {
    let typed = TypedWords(text, names: Self.typedFilters)
    let filters = typed.filters
    if let name = filters.first(where: { $0.value.isEmpty })?.key {
      throw CawError(.invalidArgument, "\(name): needs a value, as in \(name):\(Self.example(name))")
    }
    var status: SessionStatus?
    if let named = filters["status"] {
      guard let known = SessionStatus(rawValue: named.lowercased()) else {
        throw CawError(
          .invalidArgument,
          "status: expected one of \(SessionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      status = known
    }
    var origins: Set<SessionOrigin>?
    if let named = filters["source"] {
      guard let origin = SessionOrigin(rawValue: named.lowercased()) else {
        throw CawError(
          .invalidArgument, "source: expected one of \(SessionOrigin.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      origins = [origin]
    }
    let dates = try DateRange(since: filters["since"], until: filters["until"])
    try self.init(
      typed.rest.joined(separator: " "), provider: filters["provider"], model: filters["model"], status: status,
      project: filters["project"], dates: dates, origins: origins, order: order)
  }

  private static func example(_ name: String) -> String {
    switch name {
    case "provider": "codex"
    case "model": "opus"
    case "status": "finished"
    case "project": "shop"
    case "source": "claude"
    default: "2026-11-20"
    }
  }
}
