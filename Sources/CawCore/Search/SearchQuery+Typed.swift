/// A query typed on one line, its filters among the words: `provider:codex status:finished "naive
/// datetime"`, as the TUI's search of every session takes it.
extension SearchQuery {
  /// The filters a typed query may hold, each as `name:value` (the value quoted when it has spaces).
  public static let typedFilters = ["provider", "model", "status", "project", "since", "until"]

  /// The query `text` says: each `provider:`, `model:`, `status:`, `project:`, `since:` or `until:`
  /// word is a filter (as the CLI's options of those names), the other words are the text to find.
  ///
  /// - Throws: ``CawError`` (`.invalidArgument`) when a filter's value is unknown or malformed, or no
  ///   text to find is left.
  public init(typed text: String, order: SearchOrder = .newest) throws(CawError) {
    var words: [String] = []
    var filters: [String: String] = [:]
    for word in Self.words(text) {
      guard let colon = word.firstIndex(of: ":"),
        case let name = word[..<colon].lowercased(), Self.typedFilters.contains(name)
      else {
        words.append(word)
        continue
      }
      var value = String(word[word.index(after: colon)...])
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      guard !value.isEmpty else { throw CawError(.invalidArgument, "\(name): needs a value, as in \(name):\(Self.example(name))") }
      filters[name] = value
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
    let dates = try DateRange(since: filters["since"], until: filters["until"])
    try self.init(
      words.joined(separator: " "), provider: filters["provider"], model: filters["model"], status: status,
      project: filters["project"], dates: dates, order: order)
  }

  /// The words of `text`: split at spaces outside double quotes, quotes kept.
  private static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" { quoted.toggle() }
      if character.isWhitespace && !quoted {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  private static func example(_ name: String) -> String {
    switch name {
    case "provider": "codex"
    case "model": "opus"
    case "status": "finished"
    case "project": "shop"
    default: "2026-11-20"
    }
  }
}
