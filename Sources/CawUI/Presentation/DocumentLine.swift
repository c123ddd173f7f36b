/// One row of a scrollable document (transcript, tool call, cost report), already wrapped to width.
public struct DocumentLine: Hashable, Sendable {
  /// The styled text.
  public var spans: StyledLine
  /// The output block this row belongs to, when it belongs to one (Enter opens it if it is a tool call).
  public var block: Int?
  /// What this row heads, when it is the first row of a message or a tool call (`[`/`]`, `{`/`}` stop here).
  public var heading: Heading?

  /// What a heading row starts.
  public enum Heading: Hashable, Sendable {
    /// The user's prompt, or an assistant text or thinking block.
    case message
    /// A tool call.
    case toolCall
  }

  /// Creates a row.
  public init(_ spans: StyledLine, block: Int? = nil, heading: Heading? = nil) {
    self.spans = spans
    self.block = block
    self.heading = heading
  }

  /// The row's plain text.
  public var text: String { spans.map(\.text).joined() }

  /// An empty row.
  public static let blank = DocumentLine([])
}
