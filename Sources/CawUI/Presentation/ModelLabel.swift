import CawCore

/// A model's name in a narrow column: the parts every name of its kind shares go first, so what tells
/// models apart (family and version) stays.
enum ModelLabel {
  /// `name` in at most `width` cells: without a `provider/` prefix, then without `claude-`, then without a
  /// release date, and only then cut in the middle, keeping the start and the version at the end.
  static func fit(_ name: String, width: Int) -> String {
    var label = name
    for shorten in [dropProvider, dropClaude, dropDate] where DisplayWidth.of(label) > width {
      label = shorten(label)
    }
    guard DisplayWidth.of(label) > width else { return label }
    return cutMiddle(label, width)
  }

  /// `openai/gpt-5.3-codex` → `gpt-5.3-codex` (the provider column names the provider).
  private static func dropProvider(_ name: String) -> String {
    guard let slash = name.lastIndex(of: "/"), name.index(after: slash) < name.endIndex else { return name }
    return String(name[name.index(after: slash)...])
  }

  /// `claude-sonnet-4-5` → `sonnet-4-5`: every Claude model starts so.
  private static func dropClaude(_ name: String) -> String {
    name.hasPrefix("claude-") && name.count > 7 ? String(name.dropFirst(7)) : name
  }

  /// `haiku-4-5-20251001` → `haiku-4-5`: a snapshot's date, where the version already tells it apart.
  private static func dropDate(_ name: String) -> String {
    let parts = name.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count > 1, let last = parts.last, last.count == 8, last.allSatisfy(\.isASCII),
      last.allSatisfy(\.isNumber)
    else { return name }
    return parts.dropLast().joined(separator: "-")
  }

  /// The start and the end of `name` around a `…`, in `width` cells.
  private static func cutMiddle(_ name: String, _ width: Int) -> String {
    guard width > 1 else { return width == 1 ? "…" : "" }
    let characters = Array(name)
    let headWidth = (width - 1) / 2
    var head = ""
    var used = 0
    for character in characters {
      let w = DisplayWidth.of(character)
      if used + w > headWidth { break }
      head.append(character)
      used += w
    }
    var tail = ""
    var tailUsed = 0
    for character in characters.reversed() {
      let w = DisplayWidth.of(character)
      if used + 1 + tailUsed + w > width { break }
      tail.insert(character, at: tail.startIndex)
      tailUsed += w
    }
    return head + "…" + tail
  }
}
