/// One terminal cell: a grapheme and the role that colours it.
public struct Cell: Hashable, Sendable {
  /// The grapheme shown; `" "` when blank, `""` for the right half of a wide grapheme.
  public var text: String
  /// What the cell means, which the theme turns into colours.
  public var role: StyleRole

  /// Creates a cell.
  public init(_ text: String = " ", role: StyleRole = .normal) {
    self.text = text
    self.role = role
  }

  /// A blank cell.
  public static let blank = Cell()

  /// Whether this is the right half of a wide grapheme drawn in the cell to its left.
  public var isWideTail: Bool { text.isEmpty }
}
