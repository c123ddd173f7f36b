import CawCore

/// The `since:`, `until:` and `source:` words of a list filter (`since:` and `until:` read as `--since`
/// and `--until` are, `source:` as `--source`), and the words left to match.
public struct FilterWords: Hashable, Sendable {
  /// The range the words name; nil when there are none, or one is not a date (yet: it may be being typed).
  public var range: DateRange?
  /// Only sessions of this origin (`source:claude`), when one is named.
  public var origin: SessionOrigin?
  /// Why a `since:`, `until:` or `source:` word is not what it should be (it may be being typed).
  public var problem: String?
  /// What a row must contain, each in any order: the other words, a double-quoted phrase whole (its
  /// quotes taken off, also while the closing one is still being typed).
  public var terms: [String]

  /// The filter words of `text`, days counted back from `now`.
  public init(_ text: String, now: Double) {
    let typed = TypedWords(text, names: ["since", "until", "source"])
    terms = typed.rest.map { word in
      var term = Substring(word)
      if term.hasPrefix("\"") { term = term.dropFirst() }
      if term.hasSuffix("\"") { term = term.dropLast() }
      return String(term)
    }.filter { !$0.isEmpty }
    var bounds = typed.filters
    if let source = bounds.removeValue(forKey: "source")?.lowercased() {
      origin = SessionOrigin(rawValue: source) ?? (source == "claude_code" ? .claude : nil)
      if origin == nil { problem = "source: is caw, claude, codex or opencode" }
    }
    guard !bounds.isEmpty else { return }
    do throws(CawError) {
      range = try DateRange(
        since: bounds["since"].flatMap { $0.isEmpty ? nil : $0 }, until: bounds["until"].flatMap { $0.isEmpty ? nil : $0 },
        now: now)
    } catch {
      problem = error.message
    }
  }
}
