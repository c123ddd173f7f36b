/// A line-by-line diff of two texts (longest common subsequence), for showing an edit.
public enum LineDiff {
  /// One line of a diff.
  public enum Line: Hashable, Sendable {
    /// In both texts.
    case same(String)
    /// Only in the old text.
    case removed(String)
    /// Only in the new text.
    case added(String)
  }

  /// The lines of `old` and `new` as removed, added and unchanged lines, in order.
  ///
  /// Above `limit` lines on either side the texts are shown as all removed, then all added, so a huge
  /// edit cannot make the quadratic comparison slow.
  public static func diff(_ old: String, _ new: String, limit: Int = 2000) -> [Line] {
    let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard a.count <= limit, b.count <= limit else { return a.map(Line.removed) + b.map(Line.added) }
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var lines: [Line] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        lines.append(.same(a[i]))
        i += 1
        j += 1
      } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
        lines.append(.removed(a[i]))
        i += 1
      } else {
        lines.append(.added(b[j]))
        j += 1
      }
    }
    return lines
  }
}
