/// How much of a session's text a full read keeps in memory: each content string (text, thinking, tool
/// output) up to `perString` bytes, and all of them together up to `total`. What is left out is marked
/// in the text itself, so a view of a huge session stays within a fixed size instead of the file's.
public struct TextBudget: Sendable, Equatable {
  /// The most kept of one string, in UTF-8 bytes.
  public var perString: Int
  /// The most kept of all strings together.
  public var total: Int

  /// Creates a budget.
  public init(perString: Int, total: Int) {
    self.perString = perString
    self.total = total
  }

  /// Everything is kept.
  public static let unlimited = TextBudget(perString: .max, total: .max)
  /// What a terminal view needs: 8 MiB of any one text, 256 MiB in all.
  public static let display = TextBudget(perString: 8 << 20, total: 256 << 20)

  /// The note that ends a text cut short.
  static func omissionNote(_ bytes: Int) -> String {
    "\n… [\(bytes) more bytes not loaded here; caw-tui export writes all of it]"
  }
}
