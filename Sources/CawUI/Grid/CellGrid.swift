import CawCore
import Foundation

/// An in-memory screen: rows of cells that views draw into and a `Screen` presents.
///
/// Text is placed grapheme cluster by grapheme cluster at its true display width, each cluster whole in
/// one cell (ZWJ sequences, flags, skin tones, variation selectors, combining marks): a wide cluster
/// takes two cells (the second is a tail cell), a zero-width one rides on the cell before it (a mark
/// with none is shown on `◌`), and a wide cluster that would be cut at an edge is replaced by a space. Any control character is neutralised before it is stored,
/// so no cell can hold a byte that moves the cursor or starts an escape sequence.
public struct CellGrid: Hashable, Sendable {
  /// The grid's size.
  public private(set) var size: Size
  private var cells: [Cell]

  /// A blank grid.
  public init(size: Size) {
    self.size = size
    cells = Array(repeating: .blank, count: size.width * size.height)
  }

  /// The cell at a position (blank outside the grid).
  public subscript(column: Int, row: Int) -> Cell {
    get {
      guard column >= 0, row >= 0, column < size.width, row < size.height else { return .blank }
      return cells[row * size.width + column]
    }
    set {
      guard column >= 0, row >= 0, column < size.width, row < size.height else { return }
      cells[row * size.width + column] = newValue
    }
  }

  /// Fills `area` (clipped to the grid) with blanks of `role`.
  public mutating func fill(_ area: Rect, role: StyleRole = .normal) {
    for row in max(area.y, 0)..<min(area.maxY, size.height) where area.x < size.width {
      for column in max(area.x, 0)..<min(area.maxX, size.width) {
        self[column, row] = Cell(" ", role: role)
      }
    }
  }

  /// Draws `text` on one row from `column`, never past `column + maxWidth` or the clip rectangle.
  ///
  /// Returns the number of cells used.
  @discardableResult
  public mutating func put(
    _ text: String, column: Int, row: Int, maxWidth: Int, role: StyleRole = .normal, clip: Rect? = nil
  ) -> Int {
    let area = clip ?? Rect(size)
    guard row >= area.y, row < area.maxY, row >= 0, row < size.height else { return 0 }
    let limit = min(column + maxWidth, area.maxX, size.width)
    // Printable ASCII, most of a frame: a cell per byte, with no grapheme breaking or width look-up.
    var ascii = text
    if let used = ascii.withUTF8({ putASCII($0, column: column, row: row, limit: limit, area: area, role: role) }) {
      return used
    }
    var x = column
    for var character in Self.displayable(text) {
      var width = DisplayWidth.of(character)
      if width == 0 {
        if x > column {
          if x - 1 >= max(area.x, 0) {
            var base = x - 1
            if self[base, row].isWideTail { base -= 1 }
            self[base, row].text.append(character)
          }
          continue
        }
        // A mark with nothing to carry it is shown on a dotted circle, as Unicode suggests; other
        // zero-width characters here (joiners, format controls) show nothing and are dropped.
        guard Self.isMark(character) else { continue }
        character = Character("\u{25CC}" + String(character))
        width = 1
      }
      if x + width > limit {
        if x < limit, x >= area.x { self[x, row] = Cell(" ", role: role) }
        return limit - column
      }
      if x >= area.x, x >= 0 {
        clearWideOverlap(column: x, row: row)
        self[x, row] = Cell(String(character), role: role)
        if width == 2 {
          clearWideOverlap(column: x + 1, row: row)
          self[x + 1, row] = Cell("", role: role)
        }
      }
      x += width
    }
    return x - column
  }

  /// What ``put(_:column:row:maxWidth:role:clip:)`` does for `bytes` when they are all printable ASCII
  /// (each its own one-cell grapheme, shown as it is); nil, drawing nothing, when they are not.
  private mutating func putASCII(
    _ bytes: UnsafeBufferPointer<UInt8>, column: Int, row: Int, limit: Int, area: Rect, role: StyleRole
  ) -> Int? {
    guard bytes.allSatisfy({ $0 &- 0x20 < 0x5F }) else { return nil }
    var x = column
    for byte in bytes {
      if x >= limit { return limit - column }
      if x >= area.x, x >= 0 {
        clearWideOverlap(column: x, row: row)
        self[x, row] = Cell(Self.asciiTexts[Int(byte &- 0x20)], role: role)
      }
      x += 1
    }
    return x - column
  }

  /// The printable ASCII characters, each as the text of a cell.
  private static let asciiTexts = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

  /// Draws styled spans one after another on a row, within `maxWidth`.
  @discardableResult
  public mutating func put(_ spans: [Span], column: Int, row: Int, maxWidth: Int, clip: Rect? = nil) -> Int {
    var used = 0
    for span in spans where used < maxWidth {
      used += put(span.text, column: column + used, row: row, maxWidth: maxWidth - used, role: span.role, clip: clip)
    }
    return used
  }

  /// Sets the role of every cell in `area` without changing its text.
  public mutating func restyle(_ area: Rect, role: StyleRole) {
    for row in max(area.y, 0)..<min(area.maxY, size.height) where area.x < size.width {
      for column in max(area.x, 0)..<min(area.maxX, size.width) {
        self[column, row].role = role
      }
    }
  }

  /// The text of one row, wide tails skipped.
  public func rowText(_ row: Int) -> String {
    (0..<size.width).map { self[$0, row].text }.joined()
  }

  /// Every row's text joined by newlines, trailing spaces kept: what a person sees.
  public var text: String {
    (0..<size.height).map(rowText).joined(separator: "\n")
  }

  /// Rows quoted (so trailing spaces show) followed by the style runs that are not `normal`.
  public var snapshot: String {
    var out = ""
    for row in 0..<size.height {
      out += "\"" + rowText(row) + "\"\n"
    }
    out += "styles:\n"
    for row in 0..<size.height {
      var runs: [String] = []
      var start = 0
      var role = self[0, row].role
      for column in 1...max(size.width, 1) {
        let next = column < size.width ? self[column, row].role : nil
        if next != role {
          if role != .normal { runs.append("\(start)-\(column - 1) \(role.rawValue)") }
          start = column
          if let next { role = next }
        }
      }
      if !runs.isEmpty { out += "  \(row): " + runs.joined(separator: ", ") + "\n" }
    }
    return out
  }

  /// Replaces a wide grapheme half-overwritten at `column` by blanks, so no half glyph is left.
  private mutating func clearWideOverlap(column: Int, row: Int) {
    let cell = self[column, row]
    if cell.isWideTail {
      self[column - 1, row] = Cell(" ", role: self[column - 1, row].role)
    } else if DisplayWidth.of(cell.text) == 2 {
      self[column + 1, row] = Cell(" ", role: cell.role)
    }
  }

  /// Whether a grapheme starts with a combining mark.
  private static func isMark(_ character: Character) -> Bool {
    switch character.unicodeScalars.first?.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: true
    default: false
    }
  }

  /// The text with tabs as spaces and every control neutralised: safe to put in cells.
  static func displayable(_ text: String) -> String {
    // The bytes are looked at, not the text searched: Foundation's `contains` of a string goes through
    // CFString, a tenth of a frame's time.
    let noTabs = text.utf8.contains(UInt8(ascii: "\t")) ? text.replacingOccurrences(of: "\t", with: "    ") : text
    return TextSanitizer.singleLine(noTabs)
  }
}
