import CawCore

/// The `since:` and `until:` words of a list filter, read as `--since` and `--until` are, and the text
/// left to match.
public struct TypedDates: Hashable, Sendable {
  /// The range the words name; nil when there are none, or one is not a date (yet: it may be being typed).
  public var range: DateRange?
  /// Why a `since:` or `until:` word is not a date.
  public var problem: String?
  /// The filter's text without those words.
  public var rest: String

  /// The date words of `text`, days counted back from `now`.
  public init(_ text: String, now: Double) {
    guard text.contains(":") else {
      rest = text
      return
    }
    var bounds: [String: String] = [:]
    var kept: [Substring] = []
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      let lower = word.lowercased()
      if let name = ["since", "until"].first(where: { lower.hasPrefix($0 + ":") }) {
        bounds[name] = String(word.dropFirst(name.count + 1))
      } else {
        kept.append(word)
      }
    }
    var joined = Substring(kept.joined(separator: " "))
    while joined.first == " " { joined.removeFirst() }
    while joined.last == " " { joined.removeLast() }
    rest = String(joined)
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
