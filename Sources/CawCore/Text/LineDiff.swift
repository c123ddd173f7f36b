/// A line-by-line diff of two texts, for showing an edit.
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

  /// The lines of `old` and `new` as removed, added and unchanged lines, in order, removals before the
  /// additions that replace them.
  ///
  /// The lines both texts begin and end with are matched first; the standard library's
  /// `CollectionDifference` (Myers' algorithm) compares the rest. Its memory grows with the square of
  /// the differing lines, so when more than `limit` lines differ they are shown as all removed, then all
  /// added.
  public static func diff(_ old: String, _ new: String, limit: Int = 2000) -> [Line] {
    let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false)
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
      suffix += 1
    }
    let oldMiddle = a[prefix..<(a.count - suffix)]
    let newMiddle = b[prefix..<(b.count - suffix)]
    var lines = a[..<prefix].map { Line.same(String($0)) }
    if oldMiddle.count + newMiddle.count > limit {
      lines += oldMiddle.map { .removed(String($0)) } + newMiddle.map { .added(String($0)) }
    } else {
      lines += middle(Array(oldMiddle), Array(newMiddle))
    }
    return lines + a[(a.count - suffix)...].map { .same(String($0)) }
  }

  /// The diff of two runs of lines, from their `CollectionDifference`.
  private static func middle(_ a: [Substring], _ b: [Substring]) -> [Line] {
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in b.difference(from: a) {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    var lines: [Line] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, removed.contains(i) {
        lines.append(.removed(String(a[i])))
        i += 1
      } else if j < b.count, inserted.contains(j) {
        lines.append(.added(String(b[j])))
        j += 1
      } else {
        lines.append(.same(String(a[i])))
        i += 1
        j += 1
      }
    }
    return lines
  }
}
