import CJSONScan
import Glibc
import OrderedCollections
/// Writes JSON byte for byte as Python's `json.dumps` does with `ensure_ascii=True`.
///
/// `.indented` is `json.dumps(obj, indent=2)`: two-space indent, `", "`-free item separators, `": "`
/// between key and value, empty containers as `[]` and `{}`. `.singleLine` is plain `json.dumps(obj)`:
/// separators `", "` and `": "`. Every non-ASCII character (and DEL) is written as a lowercase `\uXXXX`
/// escape, astral characters as a surrogate pair; floats use Python's `repr`.
public enum PythonJSONWriter {
  /// The two layouts caw writes.
  public enum Style: Sendable {
    /// `json.dumps(obj, indent=2)`, used for `trajectory.json`.
    case indented
    /// `json.dumps(obj)`, used for `traj.jsonl` lines and resume handles.
    case singleLine
  }

  /// Serialises `value` in the given style (no trailing newline).
  public static func string(_ value: JSONValue, style: Style) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(value, style: style, level: 0, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Serialises `value` into UTF-8 bytes (all ASCII) in the given style (no trailing newline).
  public static func bytes(_ value: JSONValue, style: Style) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(value, style: style, level: 0, into: &out)
    return out
  }

  /// Writes `json.dumps(array, indent=2)` of `count` objects, each written by `object` from its members
  /// in order (nothing is built of it), to `sink` in pieces: each batch of objects is cut into runs
  /// written on every core, so a listing of ten thousand sessions is written in a fraction of the time
  /// and a hundred thousand never held as one text.
  public static func writeIndentedArray(
    count: Int, batch: Int = 4096, object: @Sendable (Int, inout JSONMemberWriter) -> Void, to sink: ([UInt8]) -> Void
  ) {
    guard count > 0 else { return sink(Array("[]".utf8)) }
    let runs = max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1) * 4
    for first in stride(from: 0, to: count, by: batch) {
      let end = min(first + batch, count)
      let runLength = (end - first + runs - 1) / runs
      let pieces = SessionReader.inParallel((end - first + runLength - 1) / runLength) { run -> [UInt8] in
        let indices = (first + run * runLength)..<min(first + (run + 1) * runLength, end)
        var writer = JSONMemberWriter(style: .indented, level: 1, capacity: indices.count * 1024)
        for index in indices {
          if index == 0 { writer.bytes.append(UInt8(ascii: "[")) }
          separator(first: index == 0, style: .indented, level: 1, into: &writer.bytes)
          writer.object { object(index, &$0) }
        }
        if indices.upperBound == count { close(UInt8(ascii: "]"), style: .indented, level: 0, into: &writer.bytes) }
        return writer.bytes
      }
      for piece in pieces { sink(piece) }
    }
  }

  static func write(_ value: JSONValue, style: Style, level: Int, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let n): out.append(contentsOf: n.pythonLiteral.utf8)
    case .string(let s): writeString(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        separator(first: i == 0, style: style, level: level + 1, into: &out)
        write(item, style: style, level: level + 1, into: &out)
      }
      close(UInt8(ascii: "]"), style: style, level: level, into: &out)
    case .object(let object):
      writeObject(object.elements.lazy.map { ($0.key, $0.value) }, style: style, level: level, into: &out)
    }
  }

  /// An object from its members in order.
  private static func writeObject(
    _ members: some Collection<(String, JSONValue)>, style: Style, level: Int, into out: inout [UInt8]
  ) {
    if members.isEmpty {
      out.append(contentsOf: "{}".utf8)
      return
    }
    out.append(UInt8(ascii: "{"))
    for (i, member) in members.enumerated() {
      separator(first: i == 0, style: style, level: level + 1, into: &out)
      writeString(member.0, into: &out)
      out.append(contentsOf: ": ".utf8)
      write(member.1, style: style, level: level + 1, into: &out)
    }
    close(UInt8(ascii: "}"), style: style, level: level, into: &out)
  }

  static func separator(first: Bool, style: Style, level: Int, into out: inout [UInt8]) {
    switch style {
    case .singleLine:
      if !first { out.append(contentsOf: ", ".utf8) }
    case .indented:
      if !first { out.append(UInt8(ascii: ",")) }
      newline(level: level, into: &out)
    }
  }

  static func close(_ bracket: UInt8, style: Style, level: Int, into out: inout [UInt8]) {
    if style == .indented { newline(level: level, into: &out) }
    out.append(bracket)
  }

  /// A newline and `2 * level` spaces, copied from one prepared line while it is long enough.
  private static func newline(level: Int, into out: inout [UInt8]) {
    let line: StaticString = "\n                                                                "
    guard 2 * level < line.utf8CodeUnitCount else {
      out.append(0x0A)
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
      return
    }
    out.append(contentsOf: UnsafeBufferPointer(start: line.utf8Start, count: 1 + 2 * level))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Writes a string literal with Python's `ensure_ascii` escaping.
  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    writeStringContent(s, into: &out)
    out.append(UInt8(ascii: "\""))
  }

  /// Writes the inside of a string literal (no quotes) with Python's `ensure_ascii` escaping; a string
  /// written in pieces gives the bytes it gives whole.
  static func writeStringContent(_ s: String, into out: inout [UInt8]) {
    // Printable ASCII without a quote or backslash (ids, paths, dates, models) is written as it is.
    let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard let base = bytes.baseAddress else { return true }
      let plain = caw_is_json_plain(base, bytes.count) != 0
      if plain { out.append(contentsOf: bytes) }
      return plain
    }
    if copied == true { return }
    for unit in s.utf16 {
      switch unit {
      case 0x22: out.append(contentsOf: "\\\"".utf8)
      case 0x5C: out.append(contentsOf: "\\\\".utf8)
      case 0x0A: out.append(contentsOf: "\\n".utf8)
      case 0x0D: out.append(contentsOf: "\\r".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0x08: out.append(contentsOf: "\\b".utf8)
      case 0x0C: out.append(contentsOf: "\\f".utf8)
      case 0x20...0x7E: out.append(UInt8(unit))
      default:
        out.append(contentsOf: "\\u".utf8)
        out.append(hexDigits[Int(unit >> 12)])
        out.append(hexDigits[Int((unit >> 8) & 0xF)])
        out.append(hexDigits[Int((unit >> 4) & 0xF)])
        out.append(hexDigits[Int(unit & 0xF)])
      }
    }
  }
}
