import CawCore

/// Breaks text into rows of at most a given display width.
public enum TextWrap {
  /// The sanitised rows of `text` at `width` cells: line breaks are kept, long lines are broken at
  /// spaces where possible, else between graphemes.
  public static func lines(_ text: String, width: Int) -> [String] {
    let width = max(width, 1)
    var rows: [String] = []
    for line in TextSanitizer.multiLine(text).split(separator: "\n", omittingEmptySubsequences: false) {
      rows.append(contentsOf: wrap(line.replacingTabs(), width: width))
    }
    return rows
  }

  /// The number of lines in `text` (a final line break does not start another line).
  public static func lineCount(_ text: String) -> Int {
    guard !text.isEmpty else { return 0 }
    let breaks = text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    return text.utf8.last == 10 ? breaks : breaks + 1
  }

  /// The rows of the first `count` lines of `text` at `width`, without reading past them: cheap on
  /// megabyte-sized tool outputs.
  public static func firstLines(_ text: String, _ count: Int, width: Int) -> [String] {
    guard count > 0, !text.isEmpty else { return [] }
    let head = text.split(separator: "\n", maxSplits: count, omittingEmptySubsequences: false).prefix(count)
    return lines(head.joined(separator: "\n"), width: width)
  }

  private static func wrap(_ line: String, width: Int) -> [String] {
    guard DisplayWidth.of(line) > width else { return [line] }
    var rows: [String] = []
    var current = ""
    var currentWidth = 0
    var lastSpace: String.Index?
    for character in line {
      let w = DisplayWidth.of(character)
      if currentWidth + w > width {
        if character == " " {
          rows.append(current)
          current = ""
          currentWidth = 0
          lastSpace = nil
          continue
        }
        if let space = lastSpace, space > current.startIndex {
          rows.append(String(current[..<space]))
          current = String(current[current.index(after: space)...])
        } else {
          rows.append(current)
          current = ""
        }
        currentWidth = DisplayWidth.of(current)
        lastSpace = nil
      }
      if character == " " { lastSpace = current.endIndex }
      current.append(character)
      currentWidth += w
    }
    rows.append(current)
    return rows
  }
}

extension Substring {
  fileprivate func replacingTabs() -> String {
    guard utf8.contains(UInt8(ascii: "\t")) else { return String(self) }
    return split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ")
  }
}
