/// How much of a session's text a full read keeps in memory: each content string (text, thinking, tool
/// output) up to `perString` bytes, and all of them together up to `total`. What is left out is marked
/// in the text itself, so a view of a huge session stays within a fixed size instead of the file's.
public struct TextBudget: Sendable, Equatable {
  /// The most kept of one string, in UTF-8 bytes.
  public var perString: Int
  /// The most kept of all strings together.
  public var total: Int
  /// A tool output at least this long in a large `trajectory.json` (escaped bytes in the file) is left
  /// there: the call keeps its first ``deferredHead`` bytes and a ``DeferredText`` to read the rest by.
  public var deferredFrom: Int
  /// How much of a deferred tool output is kept: its collapsed view and more.
  public var deferredHead: Int

  /// Creates a budget; tool outputs are left in the file from `deferredFrom` escaped bytes.
  public init(perString: Int, total: Int, deferredFrom: Int = .max, deferredHead: Int = 16 << 10) {
    self.perString = perString
    self.total = total
    self.deferredFrom = deferredFrom
    self.deferredHead = deferredHead
  }

  /// Everything is kept.
  public static let unlimited = TextBudget(perString: .max, total: .max)
  /// What a terminal view needs: 8 MiB of any one text, 256 MiB in all, tool outputs from 32 KiB read
  /// when they are shown (their first 16 KiB kept).
  public static let display = TextBudget(perString: 8 << 20, total: 256 << 20, deferredFrom: 32 << 10)

  /// The note that ends a text cut short.
  static func omissionNote(_ bytes: Int) -> String {
    "\n… [\(bytes) more bytes not loaded here; caw-tui export writes all of it]"
  }
}
