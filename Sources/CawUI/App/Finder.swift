import CawCore

/// The search of every session (`S`): the query being typed, the hits the index gave for it, and the
/// hit the cursor is on. Hits come from the search index, which the session service keeps current in
/// the background; a query is answered from what is indexed so far.
public struct Finder: Hashable, Sendable {
  /// The query as typed.
  public var text: String
  /// The query the hits are for; nil before the first answer.
  public var answered: String?
  /// The hits for ``answered``, newest session first.
  public var hits: [SearchHit] = []
  /// How many blocks match in all, when the index counted them.
  public var total: Int?
  /// Why the query could not be searched (it has nothing to find, or the index cannot be read).
  public var error: String?
  /// The cursor in ``hits``.
  public var scroll = ScrollState()

  /// A finder with `text` typed.
  public init(text: String = "") {
    self.text = text
  }

  /// Whether the hits shown are not yet those of the text typed.
  public var isSearching: Bool { !text.isEmpty && answered != text }

  /// The hit under the cursor.
  public var selected: SearchHit? { hits.indices.contains(scroll.cursor) ? hits[scroll.cursor] : nil }

  /// How many hits one search asks for.
  public static let hitLimit = 100
}
