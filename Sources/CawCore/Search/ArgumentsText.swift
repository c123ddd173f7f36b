import OrderedCollections

/// A tool call's arguments as the search index reads and shows them: one `key: value` line per value,
/// nested keys joined with dots (`edits[0].old_string: …`), strings as they are (not JSON-escaped).
enum ArgumentsText {
  /// The text of `arguments`.
  static func render(_ arguments: JSONValue) -> String {
    var lines: [String] = []
    add(arguments, path: "", to: &lines)
    return lines.joined(separator: "\n")
  }

  private static func add(_ value: JSONValue, path: String, to lines: inout [String]) {
    switch value {
    case .object(let object):
      for (key, member) in object { add(member, path: path.isEmpty ? key : path + "." + key, to: &lines) }
    case .array(let items):
      for (index, item) in items.enumerated() { add(item, path: path + "[\(index)]", to: &lines) }
    default:
      let text: String
      switch value {
      case .string(let string): text = string
      case .number(let number): text = number.pythonLiteral
      case .bool(let flag): text = flag ? "true" : "false"
      default: text = "null"
      }
      lines.append(path.isEmpty ? text : path + ": " + text)
    }
  }
}
