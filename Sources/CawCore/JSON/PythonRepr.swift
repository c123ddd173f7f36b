/// Python's `repr()` and `str()` of JSON values, for messages and values caw renders with them.
public enum PythonRepr {
  /// Python's `repr()` of a string: characters Python does not count as printable (controls, C1,
  /// format characters such as bidi overrides, separators other than the space, unassigned code
  /// points) are escaped as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, exactly as Python writes them.
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
      case _ where !isPrintable(ch): out += escape(ch.value)
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

  /// Python's `str.isprintable()` for one character: everything but the categories Cc, Cf, Cs, Co, Cn,
  /// Zl, Zp and Zs, with the space counted printable.
  private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
      .spaceSeparator:
      return false
    default:
      return true
    }
  }

  private static func escape(_ value: UInt32) -> String {
    let (prefix, width) = value < 0x100 ? ("\\x", 2) : value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
    let hex = String(value, radix: 16)
    return prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
  }
}
