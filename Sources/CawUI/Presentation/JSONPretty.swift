import CawCore
import OrderedCollections

/// JSON laid out for reading: indented, with non-ASCII text shown as itself rather than `\u` escapes.
public enum JSONPretty {
  /// `value` indented by two spaces per level.
  public static func indented(_ value: JSONValue) -> String {
    var out = ""
    write(value, level: 0, indent: true, into: &out)
    return out
  }

  /// `value` on one line.
  public static func compact(_ value: JSONValue) -> String {
    var out = ""
    write(value, level: 0, indent: false, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, level: Int, indent: Bool, into out: inout String) {
    let pad = indent ? "\n" + String(repeating: "  ", count: level + 1) : ""
    let close = indent ? "\n" + String(repeating: "  ", count: level) : ""
    switch value {
    case .object(let object):
      guard !object.isEmpty else { return out += "{}" }
      out += "{"
      for (n, (key, item)) in object.enumerated() {
        out += (n == 0 ? "" : indent ? "," : ", ") + pad + quoted(key) + ": "
        write(item, level: level + 1, indent: indent, into: &out)
      }
      out += close + "}"
    case .array(let items):
      guard !items.isEmpty else { return out += "[]" }
      out += "["
      for (n, item) in items.enumerated() {
        out += (n == 0 ? "" : indent ? "," : ", ") + pad
        write(item, level: level + 1, indent: indent, into: &out)
      }
      out += close + "]"
    case .string(let text):
      out += quoted(text)
    default:
      out += PythonJSONWriter.string(value, style: .singleLine)
    }
  }

  private static func quoted(_ text: String) -> String {
    var out = "\""
    for character in text {
      switch character {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(character)
      }
    }
    return out + "\""
  }
}
