/// A `/` search within a transcript or tool call, with the rows that match.
public struct Search: Hashable, Sendable {
  /// What was searched for.
  public var query: String
  /// Rows that contain it.
  public var matches: [Int]
  /// Which match the cursor is on.
  public var current: Int
  /// The transcript's turn the matches are in (nil on a tool call page).
  public var turn: Int?

  /// Creates a search.
  public init(query: String, matches: [Int], current: Int = 0, turn: Int? = nil) {
    self.query = query
    self.matches = matches
    self.current = current
    self.turn = turn
  }

  /// `match 2/5 for "x" in turn 3`, or `no match`.
  public var counter: String {
    guard !matches.isEmpty else { return "no match for \"\(query)\"" }
    return "match \(current + 1)/\(matches.count) for \"\(query)\"" + (turn.map { " in turn \($0)" } ?? "")
  }
}
