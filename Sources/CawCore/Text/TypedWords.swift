/// A line typed with filters among its words (`since:7d shop`, `provider:codex "naive datetime"`): the
/// `name:value` words of the names asked for, and the other words, as the list's `/` filter and the
/// search of every session read them.
public struct TypedWords: Hashable, Sendable {
  /// Each named filter's value (double quotes around it taken off; empty when only `name:` was typed).
  public var filters: [String: String] = [:]
  /// The other words, in order, double-quoted phrases kept whole with their quotes.
  public var rest: [String] = []

  /// The words of `text`, split at white space outside double quotes; `name:value` words whose name
  /// (in any case) is one of `names` are filters.
  public init(_ text: String, names: [String]) {
    var current = ""
    var quoted = false
    func end() {
      defer { current = "" }
      guard !current.isEmpty else { return }
      guard let colon = current.firstIndex(of: ":"), case let name = current[..<colon].lowercased(), names.contains(name)
      else { return rest.append(current) }
      var value = String(current[current.index(after: colon)...])
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      filters[name] = value
    }
    for character in text {
      if character == "\"" { quoted.toggle() }
      if character.isWhitespace && !quoted { end() } else { current.append(character) }
    }
    end()
  }
}
