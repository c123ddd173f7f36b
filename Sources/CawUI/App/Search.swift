/// A `/` search within a transcript or tool call, with the rows that match.
public struct Search: Hashable, Sendable {
  /// What was searched for.
  public var query: String
  /// Rows that contain it.
  public var matches: [Int]
  /// Which match the cursor is on.
  public var current: Int

  /// Creates a search.
  public init(query: String, matches: [Int], current: Int = 0) {
    self.query = query
    self.matches = matches
    self.current = current
  }

  /// `match 2/5`, or `no match`.
  public var counter: String {
    matches.isEmpty ? "no match for \"\(query)\"" : "match \(current + 1)/\(matches.count) for \"\(query)\""
  }
}
