/// A column of a table pane: a heading, a width (0 for the one column that takes the rest) and alignment.
struct TableColumn {
  /// The heading.
  var title: String
  /// Cells wide; 0 for the flexible column.
  var width: Int
  /// Whether values are right-aligned.
  var right = false

  /// Where each column starts and how wide it is, in a row of `total` cells with one space between columns.
  static func place(_ columns: [TableColumn], total: Int) -> [(x: Int, width: Int)] {
    let fixed = columns.reduce(0) { $0 + $1.width } + max(columns.count - 1, 0)
    var x = 0
    return columns.map { column in
      let width = column.width == 0 ? max(total - fixed, 0) : column.width
      defer { x += width + 1 }
      return (x, width)
    }
  }
}
