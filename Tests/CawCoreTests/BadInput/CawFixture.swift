import Foundation

/// A JSON value with its keys in written order, serialised byte for byte as Python's `json.dumps` does.
///
/// Written independently of CawCore's writer so a writer bug cannot hide a reader bug. Floats are kept
/// as the literal text Python's `repr` would print (`0.0123`, `NaN`).
indirect enum PyJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  case null
  case bool(Bool)
  case int(Int)
  case float(String)
  case string(String)
  case list([PyJSON])
  case dict([(String, PyJSON)])

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .int(value) }
  init(floatLiteral value: Double) { self = .float("\(value)") }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(arrayLiteral elements: PyJSON...) { self = .list(elements) }
  init(dictionaryLiteral elements: (String, PyJSON)...) { self = .dict(elements) }
  init(nilLiteral: ()) { self = .null }

  /// `json.dumps(value)`: one line, `", "` and `": "` separators, `ensure_ascii` (a `traj.jsonl` line).
  var line: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let text): return text
    case .string(let s): return Self.quote(s)
    case .list(let items): return "[" + items.map(\.line).joined(separator: ", ") + "]"
    case .dict(let pairs): return "{" + pairs.map { Self.quote($0.0) + ": " + $0.1.line }.joined(separator: ", ") + "}"
    }
  }

  /// `json.dumps(value, indent=2) + "\n"`: the bytes caw's store writes to `trajectory.json`.
  var trajectoryFile: String { Self.indent(line) + "\n" }

  /// Python's `ensure_ascii` string literal.
  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case " "..."~": out.unicodeScalars.append(scalar)
      default: String(scalar).utf16.forEach { out += "\\u" + hex4($0) }
      }
    }
    return out + "\""
  }

  /// Re-indents single-line `json.dumps` text as `indent=2` output, iteratively (any depth).
  static func indent(_ line: String) -> String {
    let bytes = Array(line.utf8)
    var out: [UInt8] = []
    var depth = 0
    var inString = false
    var escaped = false
    var i = 0
    func newline() { out.append(0x0A); out += repeatElement(0x20, count: 2 * depth) }
    while i < bytes.count {
      let c = bytes[i]
      if inString {
        if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
        out.append(c)
      } else if c == 0x7B || c == 0x5B {  // { [
        out.append(c)
        if i + 1 < bytes.count, bytes[i + 1] == c + 2 {  // empty: {} []
          out.append(c + 2)
          i += 1
        } else {
          depth += 1
          newline()
        }
      } else if c == 0x7D || c == 0x5D {  // } ]
        depth -= 1
        newline()
        out.append(c)
      } else if c == 0x2C {  // ", " → ",\n<indent>"
        out.append(c)
        newline()
        i += 1
      } else {
        if c == 0x22 { inString = true }
        out.append(c)
      }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Four lowercase hex digits, as Python writes `\\uXXXX`.
  private static func hex4(_ unit: UInt16) -> String {
    let digits = String(unit, radix: 16)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }
}

/// Sessions in caw's real formats (spec §2.1, §2.3), as small as a test needs.
enum CawFixture {
  /// The `created_at` every fixture uses.
  static let createdAt = "2026-11-22T04:21:05.550325+00:00"
  /// The `completed_at` of an ended fixture.
  static let completedAt = "2026-11-22T04:30:00+00:00"

  /// Turn `i`'s usage: input `10*(i+1)`, output 50, cache 1000/500, cost 0.0123.
  static func usage(_ i: Int) -> PyJSON {
    [
      "input_tokens": .int(10 * (i + 1)), "output_tokens": 50, "cache_read_tokens": 1000, "cache_write_tokens": 500,
      "cost_usd": 0.0123,
    ]
  }

  /// Turn `i`'s blocks: thinking, a Bash call with its output, then text.
  static func blocks(_ i: Int) -> [PyJSON] {
    [
      ["type": "thinking", "text": "I should list the files."],
      toolUse(id: "toolu_\(i)", output: "a.py\nb.py"),
      ["type": "text", "text": "There are 2 files."],
    ]
  }

  /// A Bash tool_use block as trajectory.json holds it.
  static func toolUse(id: String, output: String) -> PyJSON {
    ["type": "tool_use", "id": .string(id), "name": "Bash", "arguments": ["command": "ls"], "output": .string(output)]
  }

  /// Turn `i` of trajectory.json.
  static func turn(_ i: Int, input: String? = nil, output: [PyJSON]? = nil) -> PyJSON {
    [
      "input": .string(input ?? "Turn \(i)"), "output": .list(output ?? blocks(i)), "usage": usage(i),
      "duration_ms": 5123,
    ]
  }

  /// The sum of turns `0..<count`'s usage, with Python's float sum for the cost.
  static func totalUsage(_ count: Int) -> PyJSON {
    let cost = (0..<count).reduce(0.0) { sum, _ in sum + 0.0123 }
    return [
      "input_tokens": .int((0..<count).reduce(0) { $0 + 10 * ($1 + 1) }), "output_tokens": .int(50 * count),
      "cache_read_tokens": .int(1000 * count), "cache_write_tokens": .int(500 * count), "cost_usd": .float("\(cost)"),
    ]
  }

  /// A whole trajectory with every key in caw's order; `turns` are built by ``turn(_:input:output:)``.
  static func trajectory(_ id: String, turns: [PyJSON], count: Int, completedAt: String = "", model: String = "opus")
    -> PyJSON
  {
    [
      "agent": "claude_code", "model": .string(model), "session_id": .string(id), "created_at": .string(createdAt),
      "completed_at": .string(completedAt), "usage_limited": false, "system_prompt": "You are terse.",
      "reasoning": "high", "mcp_servers": [], "turns": .list(turns), "usage": totalUsage(count),
      "total_usage": totalUsage(count), "duration_ms": .int(5123 * count), "metadata": ["task": "demo"],
    ]
  }

  /// trajectory.json text of a session with `count` standard turns.
  static func trajectoryFile(_ id: String, turns count: Int, completedAt: String = "") -> String {
    trajectory(id, turns: (0..<count).map { turn($0) }, count: count, completedAt: completedAt).trajectoryFile
  }

  /// The `metadata` line written when the session starts.
  static func metadataEvent(_ id: String, model: String = "opus") -> PyJSON {
    [
      "type": "metadata", "session_id": .string(id), "created_at": .string(createdAt), "agent": "claude_code",
      "model": .string(model), "system_prompt": "You are terse.", "reasoning": "high", "mcp_servers": [],
      "metadata": ["task": "demo"],
    ]
  }

  /// The events of finished turn `i` (user … turn_end), built from the same blocks as trajectory.json.
  static func turnEvents(_ i: Int, input: String? = nil, output: [PyJSON]? = nil) -> [PyJSON] {
    let index = PyJSON.int(i)
    var events: [PyJSON] = [["type": "user", "message": .string(input ?? "Turn \(i)"), "turn_index": index]]
    for case .dict(let block) in output ?? blocks(i) {
      let field = { (key: String) in block.first { $0.0 == key }?.1 ?? "" }
      guard case .string("tool_use") = field("type") else {
        events.append(["type": field("type"), "text": field("text"), "turn_index": index])
        continue
      }
      events.append([
        "type": "tool_call", "id": field("id"), "name": field("name"), "arguments": field("arguments"),
        "turn_index": index,
      ])
      events.append([
        "type": "tool_result", "id": field("id"), "name": field("name"), "output": field("output"), "is_error": false,
        "turn_index": index,
      ])
    }
    events.append(["type": "turn_end", "turn_index": index, "usage": usage(i), "duration_ms": 5123])
    return events
  }

  /// traj.jsonl text: the metadata line then `count` finished standard turns.
  static func eventLog(_ id: String, turns count: Int) -> String {
    jsonl([metadataEvent(id)] + (0..<count).flatMap { turnEvents($0) })
  }

  /// Lines of `json.dumps(event) + "\n"`.
  static func jsonl(_ events: [PyJSON]) -> String {
    events.map { $0.line + "\n" }.joined()
  }

  /// The UTF-8 bytes of `text` with every `marker` replaced by `bytes` (for raw, non-UTF-8 or huge content).
  static func splice(_ text: String, _ marker: String, with bytes: [UInt8]) -> [UInt8] {
    let parts = text.components(separatedBy: marker)
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + bytes.count * (parts.count - 1))
    for (i, part) in parts.enumerated() {
      if i > 0 { out += bytes }
      out += part.utf8
    }
    return out
  }
}
