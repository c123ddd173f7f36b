/// Collects document rows, wrapping text to the document's width.
struct DocumentBuilder {
  /// The width rows are wrapped to.
  let width: Int
  /// The rows so far.
  private(set) var lines: [DocumentLine] = []

  init(width: Int) {
    self.width = max(width, 1)
  }

  /// One row of spans as given (the pane cuts it at its edge).
  mutating func row(_ spans: StyledLine, block: Int? = nil, heading: DocumentLine.Heading? = nil) {
    lines.append(DocumentLine(spans, block: block, heading: heading))
  }

  /// Text wrapped to the width after `indent` spaces, every row in `role`.
  mutating func text(_ text: String, role: StyleRole = .normal, indent: Int = 2, block: Int? = nil) {
    let pad = String(repeating: " ", count: indent)
    for row in TextWrap.lines(text, width: width - indent) {
      lines.append(DocumentLine([Span(pad + row, role)], block: block))
    }
  }

  /// An empty row.
  mutating func blank() {
    lines.append(.blank)
  }
}
