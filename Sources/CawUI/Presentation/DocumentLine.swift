/// One row of a scrollable document (transcript, tool call, cost report), already wrapped to width.
public struct DocumentLine: Hashable, Sendable {
  /// The styled text.
  public var spans: StyledLine
  /// The output block this row belongs to, when it belongs to one (Enter opens it if it is a tool call).
  public var block: Int?

  /// Creates a row.
  public init(_ spans: StyledLine, block: Int? = nil) {
    self.spans = spans
    self.block = block
  }

  /// The row's plain text.
  public var text: String { spans.map(\.text).joined() }

  /// An empty row.
  public static let blank = DocumentLine([])
}
