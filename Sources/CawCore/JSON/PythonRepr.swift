/// Python's `repr()` and `str()` of JSON values, for messages and values caw renders with them.
public enum PythonRepr {
  /// Python's `repr()` of a string.
  public static func repr(_ s: String) -> String {
    let quote: Unicode.Scalar = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for ch in s.unicodeScalars {
      switch ch {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case quote: out += "\\" + String(ch)
      case _ where ch.value < 0x20 || ch.value == 0x7F: out += "\\x" + hex2(ch.value)
      default: out.unicodeScalars.append(ch)
      }
    }
    out.unicodeScalars.append(quote)
    return out
  }

  /// Python's `repr()` of the value `json.loads` makes of `value`.
  public static func repr(_ value: JSONValue) -> String {
    switch value {
    case .null: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .number(let n): return n.pythonLiteral
    case .string(let s): return repr(s)
    case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
    case .object(let object):
      return "{" + object.map { repr($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
    }
  }

  /// Python's `str()`: a string as is, anything else as its `repr()`.
  public static func str(_ value: JSONValue) -> String {
    if case .string(let s) = value { return s }
    return repr(value)
  }

  private static func hex2(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return hex.count < 2 ? "0" + hex : hex
  }
}
