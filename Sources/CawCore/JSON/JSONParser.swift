import CJSONScan
import OrderedCollections

/// A JSON reader that accepts what Python's `json.loads` accepts and keeps what `json.dumps` needs.
///
/// Objects keep key order (a repeated key keeps its first position and its last value, as a Python dict
/// does); numbers keep int vs float; `NaN`, `Infinity` and `-Infinity` are read. Invalid UTF-8 inside a
/// string is replaced by U+FFFD and reported through ``sawInvalidUTF8``, not fatal. Nesting deeper than
/// ``maxDepth`` is an error, so hostile input cannot exhaust the stack.
///
/// With `skimmingContent`, the bulky text of caw's files is checked but not kept: string values of the
/// keys `text` and `output` in a trajectory or `traj.jsonl` event (the top-level object, or a
/// `subagent_trajectory`) and in a block (`turns[i].output[j]`) are read as `""`. Errors and invalid UTF-8
/// are found exactly as when they are kept, so a skimmed read reports the same problems as a full one.
public struct JSONParser {
  /// Nesting depth past which parsing stops with an error (Python's own limit is about 1000).
  public static let defaultMaxDepth = 1000
  static let endOfInput = "unexpected end of input"

  /// The reason given for nesting deeper than `maxDepth` levels.
  static func depthReason(_ maxDepth: Int) -> String { "nesting deeper than \(maxDepth) levels" }

  /// Whether any string held bytes that are not valid UTF-8.
  public private(set) var sawInvalidUTF8 = false

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  private var depth = 0
  private let maxDepth: Int
  private let skimsContent: Bool

  private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, skimsContent: Bool) {
    self.bytes = bytes
    self.maxDepth = maxDepth
    self.skimsContent = skimsContent
  }

  /// Parses one complete JSON document (surrounding whitespace allowed).
  public static func parse(
    _ data: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth
  ) throws(JSONParseError) -> JSONValue {
    try parseReportingUTF8(data, maxDepth: maxDepth).value
  }

  /// Parses one complete JSON document and tells whether invalid UTF-8 had to be replaced.
  public static func parseReportingUTF8(
    _ data: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth, skimmingContent: Bool = false
  ) throws(JSONParseError) -> (value: JSONValue, sawInvalidUTF8: Bool) {
    let result: Result<(JSONValue, Bool), JSONParseError> =
      data.withContiguousStorageIfAvailable { run($0, maxDepth: maxDepth, skimsContent: skimmingContent) }
      ?? Array(data).withUnsafeBufferPointer { run($0, maxDepth: maxDepth, skimsContent: skimmingContent) }
    return try result.get()
  }

  /// The value of `key` when `bytes` start a JSON object whose members up to `key`'s parse cleanly; nil
  /// when the key is not among them or the bytes end first. Reads a file's head without the rest.
  public static func leadingMember(_ key: String, in bytes: some Collection<UInt8>) -> JSONValue? {
    let find = { (buffer: UnsafeBufferPointer<UInt8>) -> JSONValue? in
      var parser = JSONParser(bytes: buffer, maxDepth: defaultMaxDepth, skimsContent: false)
      return try? parser.findLeadingMember(key)
    }
    return bytes.withContiguousStorageIfAvailable(find) ?? Array(bytes).withUnsafeBufferPointer(find)
  }

  private mutating func findLeadingMember(_ wanted: String) throws(JSONParseError) -> JSONValue? {
    skipWhitespace()
    guard try peek() == UInt8(ascii: "{") else { return nil }
    position += 1
    while true {
      skipWhitespace()
      guard try peek() == UInt8(ascii: "\"") else { return nil }
      let key = try parseString()
      skipWhitespace()
      guard try peek() == UInt8(ascii: ":") else { return nil }
      position += 1
      skipWhitespace()
      let value = try parseValue()
      if key == wanted { return value }
      skipWhitespace()
      guard try peek() == UInt8(ascii: ",") else { return nil }
      position += 1
    }
  }

  /// Parses, skimming content, one complete JSON value that stands in a trajectory's `turns`: a turn
  /// read on its own, as it would be read in its document.
  static func parseSkimmedTurn(
    _ data: ArraySlice<UInt8>, maxDepth: Int
  ) throws(JSONParseError) -> (value: JSONValue, sawInvalidUTF8: Bool) {
    let result = data.withUnsafeBufferPointer { run($0, maxDepth: maxDepth, skimsContent: true, role: .turn) }
    return try result.get()
  }

  private static func run(
    _ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, skimsContent: Bool, role: SkimRole = .document
  ) -> Result<(JSONValue, Bool), JSONParseError> {
    var parser = JSONParser(bytes: buffer, maxDepth: maxDepth, skimsContent: skimsContent)
    do throws(JSONParseError) {
      parser.skipWhitespace()
      let value = try parser.parseValue(role: role)
      parser.skipWhitespace()
      if parser.position < buffer.count { throw parser.error("extra data after the JSON value") }
      return .success((value, parser.sawInvalidUTF8))
    } catch {
      return .failure(error)
    }
  }

  // MARK: - Values

  private mutating func parseValue(role: SkimRole = .other) throws(JSONParseError) -> JSONValue {
    guard position < bytes.count else { throw error(Self.endOfInput) }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject(role: role)
    case UInt8(ascii: "["): return try parseArray(elementRole: role.element)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "N"): try expectLiteral("NaN"); return .number(.double(.nan))
    case UInt8(ascii: "I"): try expectLiteral("Infinity"); return .number(.double(.infinity))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error("expected a value")
    }
  }

  private mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > maxDepth { throw error(Self.depthReason(maxDepth)) }
  }

  private mutating func parseObject(role: SkimRole) throws(JSONParseError) -> JSONValue {
    try enter()
    position += 1
    var object = JSONObject()
    skipWhitespace()
    if try peek() == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(object)
    }
    while true {
      skipWhitespace()
      guard try peek() == UInt8(ascii: "\"") else { throw error("expected a property name in double quotes") }
      let key = try parseString()
      skipWhitespace()
      guard try peek() == UInt8(ascii: ":") else { throw error("expected ':' after a property name") }
      position += 1
      skipWhitespace()
      if skimsContent, role.skims(key), position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
        try skipString()
        object[key] = .string("")
      } else {
        object[key] = try parseValue(role: role.child(key))
      }
      skipWhitespace()
      let next = try peek()
      position += 1
      if next == UInt8(ascii: "}") { break }
      if next != UInt8(ascii: ",") {
        position -= 1
        throw error("expected ',' or '}' in an object")
      }
    }
    depth -= 1
    return .object(object)
  }

  private mutating func parseArray(elementRole: SkimRole) throws(JSONParseError) -> JSONValue {
    try enter()
    position += 1
    var array: [JSONValue] = []
    skipWhitespace()
    if try peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(array)
    }
    while true {
      skipWhitespace()
      array.append(try parseValue(role: elementRole))
      skipWhitespace()
      let next = try peek()
      position += 1
      if next == UInt8(ascii: "]") { break }
      if next != UInt8(ascii: ",") {
        position -= 1
        throw error("expected ',' or ']' in an array")
      }
    }
    depth -= 1
    return .array(array)
  }

  // MARK: - Scalars

  private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
    let start = position
    if bytes[position] == UInt8(ascii: "-") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "I") {
        try expectLiteral("Infinity")
        return .double(-.infinity)
      }
    }
    guard position < bytes.count, isDigit(bytes[position]) else {
      throw position < bytes.count ? error("expected a digit") : error(Self.endOfInput)
    }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
    var isFloat = false
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      let dot = position
      position += 1
      if position < bytes.count, isDigit(bytes[position]) {
        isFloat = true
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
      } else if position == bytes.count {
        throw error(Self.endOfInput)
      } else {
        // Python reads `1.` as the int 1 followed by junk; treat the dot as the junk.
        position = dot
      }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      let mark = position
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      if position < bytes.count, isDigit(bytes[position]) {
        isFloat = true
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
      } else if position == bytes.count {
        throw error(Self.endOfInput)
      } else {
        position = mark
      }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    if isFloat { return .double(Double(text) ?? .nan) }
    if let value = Int(text) { return .int(value) }
    return .bigInt(text)
  }

  private mutating func parseString() throws(JSONParseError) -> String {
    position += 1
    let start = position
    // Fast path: no escapes. Eight bytes at a time up to the first quote or backslash.
    position = ByteScan.plainRunEnd(in: bytes, from: position, includingNonASCII: false)
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        return makeString(slice)
      }
      if byte == UInt8(ascii: "\\") { break }
      position += 1
    }
    guard position < bytes.count else { throw error(Self.endOfInput) }
    var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        position += 1
        return buffer.withUnsafeBufferPointer { makeString($0) }
      }
      if byte != UInt8(ascii: "\\") {
        buffer.append(byte)
        position += 1
        continue
      }
      position += 1
      guard position < bytes.count else { throw error(Self.endOfInput) }
      let escape = bytes[position]
      position += 1
      switch escape {
      case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
      case UInt8(ascii: "b"): buffer.append(0x08)
      case UInt8(ascii: "f"): buffer.append(0x0C)
      case UInt8(ascii: "n"): buffer.append(0x0A)
      case UInt8(ascii: "r"): buffer.append(0x0D)
      case UInt8(ascii: "t"): buffer.append(0x09)
      case UInt8(ascii: "u"): appendUTF8(of: try parseUnicodeEscape(), to: &buffer)
      default:
        position -= 2
        throw error("invalid escape in a string")
      }
    }
    throw error(Self.endOfInput)
  }

  /// Reads past a string as ``parseString()`` does, failing and noting invalid UTF-8 alike, keeping nothing.
  ///
  /// Eight bytes at a time up to the next quote, backslash or non-ASCII byte.
  private mutating func skipString() throws(JSONParseError) {
    position += 1
    var segmentStart = position
    var segmentIsASCII = true
    // Long strings end 64 bytes at a time; the rest goes on byte by byte below (from the start when the
    // vector scan doubts an escape, so the error is this parser's own).
    let scan = ByteScan.stringEnd(in: bytes, from: position)
    if scan.status == CAW_STRING_ENDED {
      if scan.non_ascii != 0 { checkUTF8(segmentStart..<scan.index) }
      position = scan.index + 1
      return
    } else if scan.status == CAW_STRING_GOES_ON {
      position = scan.index
      segmentIsASCII = scan.non_ascii == 0
    }
    while true {
      position = ByteScan.plainRunEnd(in: bytes, from: position, includingNonASCII: true)
      guard position < bytes.count else { throw error(Self.endOfInput) }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        if !segmentIsASCII { checkUTF8(segmentStart..<position) }
        position += 1
        if byte == UInt8(ascii: "\"") { return }
        guard position < bytes.count else { throw error(Self.endOfInput) }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          break
        case UInt8(ascii: "u"): _ = try parseUnicodeEscape()
        default:
          position -= 2
          throw error("invalid escape in a string")
        }
        segmentStart = position
        segmentIsASCII = true
      } else {
        if byte >= 0x80 { segmentIsASCII = false }
        position += 1
      }
    }
  }

  /// Notes invalid UTF-8 in a run of raw string bytes (escapes always decode to valid UTF-8, so checking
  /// each run between them gives the same answer as checking the decoded string).
  private mutating func checkUTF8(_ range: Range<Int>) {
    if !sawInvalidUTF8, String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) == nil {
      sawInvalidUTF8 = true
    }
  }

  /// Reads the hex digits after `\u`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
  private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
    let first = try readHex4()
    if (0xD800..<0xDC00).contains(first),
      position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
    {
      let mark = position
      position += 2
      let second = try readHex4()
      if (0xDC00..<0xE000).contains(second) {
        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        return Unicode.Scalar(value) ?? "\u{FFFD}"
      }
      position = mark
    }
    return Unicode.Scalar(first) ?? "\u{FFFD}"
  }

  private mutating func readHex4() throws(JSONParseError) -> UInt32 {
    guard position + 4 <= bytes.count else { throw error(Self.endOfInput) }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("invalid \\u escape")
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }

  private func appendUTF8(of scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
    UTF8.encode(scalar) { buffer.append($0) }
  }

  private mutating func makeString(_ slice: UnsafeBufferPointer<UInt8>) -> String {
    if let valid = String(validUTF8: slice) { return valid }
    sawInvalidUTF8 = true
    return String(decoding: slice, as: UTF8.self)
  }

  // MARK: - Helpers

  private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let count = literal.utf8CodeUnitCount
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
    for i in 0..<count {
      guard position + i < bytes.count else {
        position += i
        throw error(Self.endOfInput)
      }
      guard bytes[position + i] == expected[i] else { throw error("expected a value") }
    }
    position += count
  }

  private func peek() throws(JSONParseError) -> UInt8 {
    guard position < bytes.count else { throw error(Self.endOfInput) }
    return bytes[position]
  }

  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private func error(_ reason: String) -> JSONParseError {
    let offset = min(position, bytes.count)
    var line = 1
    var lineStart = 0
    for i in 0..<offset where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return JSONParseError(reason: reason, offset: offset, line: line, column: offset - lineStart + 1)
  }
}
