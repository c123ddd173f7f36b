import CawCore

/// A plain-text table whose columns are as wide as their widest cell.
struct TextTable {
  /// A column heading and its alignment.
  struct Column {
    var title: String
    var alignRight: Bool
    init(_ title: String, right: Bool = false) {
      self.title = title
      self.alignRight = right
    }
  }

  var columns: [Column]
  private var rows: [[String]] = []

  init(columns: [Column]) {
    self.columns = columns
  }

  /// Adds a row; each cell is made one safe line (controls and escape sequences shown, not sent).
  mutating func add(_ row: [String]) {
    rows.append(row.map { TextSanitizer.singleLine($0) })
  }

  /// The table with a heading row, two spaces between columns, no trailing spaces.
  func render() -> String {
    let all = [columns.map(\.title)] + rows
    let widths = columns.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
    var out = ""
    for row in all {
      var line = ""
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
        let isLast = i == row.count - 1
        line += columns[i].alignRight ? pad + cell : (isLast ? cell : cell + pad)
        if !isLast { line += "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}
