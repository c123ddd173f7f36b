import CJSONScan
import Glibc
import SystemPackage

/// Reads a file for a skimmed parse without holding all of it: copies it in 1 MiB chunks, leaving out
/// the content strings ``JSONParser`` would skim (their escapes checked on the way), so memory holds the
/// document's structure and kept strings, not its text.
///
/// Parsing the copy with `skimmingContent` gives what parsing the file would. Anything irregular (a bad
/// or unfinished escape, raw non-ASCII or an unfinished string in dropped text, an unfinished document)
/// gives ``Skim/irregular``, and the caller reads the whole file, so errors and UTF-8 problems are
/// reported exactly. Nesting deeper than ``JSONParser/defaultMaxDepth`` stops the copy at once with the
/// parser's own error, so a file of a billion `[` costs no more than a chunk.
///
/// With a ``ContentMarker``, each dropped string is replaced by a marker naming its place in the file,
/// and raw non-ASCII text is allowed (``ContentStrings`` checks it when the text is read), so a
/// document can be parsed whole and its text read, written or left out later, string by string.
struct ContentSkimmer {
  /// What skimming a file gave.
  enum Skim {
    /// The file without its content strings, where each dropped non-empty string's content lies in the
    /// file (in the order their markers were written, when marking), and where the top-level turns lie in
    /// the copy.
    case compact([UInt8], strings: [Range<Int>], turns: TurnSpans?)
    /// Nesting deeper than the parser allows: the parser's error for it.
    case tooDeep(JSONParseError)
    /// Something only a full read reports exactly.
    case irregular
  }

  /// Where a document's top-level `turns` array lies in the copy: its brackets, and each element that
  /// is an object or an array. Nil when the document has no such array, or more than one.
  struct TurnSpans {
    /// The offset of the array's `[`.
    var open: Int
    /// The offset of its `]`.
    var close: Int
    /// Each container element, from its opening bracket to just past its closing one.
    var elements: [Range<Int>]
  }

  private enum StringKind {
    case key, kept, dropped
  }

  private enum State {
    case structure
    case string(StringKind)
    case escape(StringKind)
    case hex(StringKind, remaining: Int)
  }

  private struct Frame {
    var role: SkimRole
    var isObject: Bool
    var key = ""
  }

  private var output: [UInt8] = []
  private var stack: [Frame] = []
  private var state = State.structure
  private var expectsKey = false
  private var keyBytes: [UInt8] = []
  private var irregular = false
  private let marker: ContentMarker?
  /// The file offset of the chunk being read.
  private var base = 0
  private var stringStart = 0
  private var strings: [Range<Int>] = []
  private var tooDeepAt: Int?
  private var turns: TurnSpans?
  private var turnsArrays = 0
  private var elementStart = 0

  private init(marker: ContentMarker?) {
    self.marker = marker
  }

  /// The file at `path` with its content strings emptied (or marked, with a `marker`).
  ///
  /// - Throws: ``CawError`` when the file cannot be read or is not a regular file.
  static func skim(file path: String, marking marker: ContentMarker? = nil) throws(CawError) -> Skim {
    let (file, _) = try FileSystem.openForReading(path)
    defer { try? file.close() }
    var skimmer = ContentSkimmer(marker: marker)
    let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
    defer { chunk.deallocate() }
    while true {
      let n: Int
      do { n = try file.read(into: UnsafeMutableRawBufferPointer(chunk)) } catch {
        throw FileSystem.failure("cannot read", path, error)
      }
      if n == 0 { break }
      skimmer.add(UnsafeBufferPointer(rebasing: chunk[..<n]))
      if let offset = skimmer.tooDeepAt {
        guard skimmer.copyFailsFirstAtItsDepth() else { return .irregular }
        return .tooDeep(try location(of: offset, in: path, reason: JSONParser.depthReason(JSONParser.defaultMaxDepth)))
      }
      if skimmer.irregular { return .irregular }
      skimmer.base += n
    }
    guard case .structure = skimmer.state, skimmer.stack.isEmpty, !skimmer.output.isEmpty else { return .irregular }
    return .compact(skimmer.output, strings: skimmer.strings, turns: skimmer.turnsArrays == 1 ? skimmer.turns : nil)
  }

  /// Whether the copy, ending at the bracket that went too deep, parses up to that bracket and fails
  /// there for its depth. The skimmer follows only brackets and strings, so an earlier error in the
  /// file (which the parser reports first) shows here as another error, and only a full read locates it.
  private func copyFailsFirstAtItsDepth() -> Bool {
    do throws(JSONParseError) {
      _ = try JSONParser.parse(output)
      return false
    } catch {
      return error.offset == output.count - 1 && error.reason == JSONParser.depthReason(JSONParser.defaultMaxDepth)
    }
  }

  /// The parser's error for `reason` at byte `offset` of the file: line and column counted from its start.
  private static func location(of offset: Int, in path: String, reason: String) throws(CawError) -> JSONParseError {
    var line = 1
    var lineStart = 0
    var position = 0
    try FileSystem.forEachChunk(ofFile: path) { (chunk) throws(CawError) in
      for byte in chunk where position < offset {
        if byte == 0x0A {
          line += 1
          lineStart = position + 1
        }
        position += 1
      }
    }
    return JSONParseError(reason: reason, offset: offset, line: line, column: offset - lineStart + 1)
  }

  private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    var i = 0
    while i < bytes.count && !irregular {
      switch state {
      case .structure:
        structure(bytes[i], at: i)
        i += 1
      case .string(let kind):
        i = scanString(kind, bytes, from: i)
      case .escape(let kind):
        let byte = bytes[i]
        if kind != .dropped { append(byte, kind) }
        switch byte {
        case _ where Self.isOneLetterEscape(byte): state = .string(kind)
        case UInt8(ascii: "u"): state = .hex(kind, remaining: 4)
        default:
          // A bad escape in kept text is copied, and the parse of the copy fails on it.
          if kind == .dropped { irregular = true } else { state = .string(kind) }
        }
        i += 1
      case .hex(let kind, let remaining):
        let byte = bytes[i]
        if kind != .dropped { append(byte, kind) }
        let isHex = ByteScan.isHex(byte)
        if !isHex && kind == .dropped { irregular = true }
        state = remaining > 1 && isHex ? .hex(kind, remaining: remaining - 1) : .string(kind)
        i += 1
      }
    }
  }

  /// Handles one byte outside strings (at `index` of the chunk): containers, separators, and the start
  /// of a string.
  private mutating func structure(_ byte: UInt8, at index: Int) {
    switch byte {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard stack.count < JSONParser.defaultMaxDepth else {
        tooDeepAt = base + index
        output.append(byte)
        irregular = true
        return
      }
      let role = stack.last.map { $0.isObject ? $0.role.child($0.key) : $0.role.element } ?? .document
      if isTopLevelTurns(depth: 1), role == .turns {
        turnsArrays += 1
        turns = TurnSpans(open: output.count, close: output.count, elements: [])
      } else if isTopLevelTurns(depth: 2) {
        elementStart = output.count
      }
      stack.append(Frame(role: role, isObject: byte == UInt8(ascii: "{")))
      expectsKey = byte == UInt8(ascii: "{")
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      if isTopLevelTurns(depth: 3) {
        turns?.elements.append(elementStart..<(output.count + 1))
      } else if isTopLevelTurns(depth: 2) {
        turns?.close = output.count
      }
      _ = stack.popLast()
      expectsKey = false
    case UInt8(ascii: ","):
      expectsKey = stack.last?.isObject ?? false
    case UInt8(ascii: ":"):
      expectsKey = false
    case UInt8(ascii: "\""):
      if expectsKey, stack.last?.isObject == true {
        keyBytes.removeAll(keepingCapacity: true)
        state = .string(.key)
      } else if let top = stack.last, top.isObject, top.role.skims(top.key) {
        state = .string(.dropped)
        stringStart = base + index + 1
      } else {
        state = .string(.kept)
      }
    default: break
    }
    output.append(byte)
  }

  /// Whether the stack is `depth` deep and, past the top-level object, inside its `turns` array (at
  /// depth 1: in the top-level object).
  private func isTopLevelTurns(depth: Int) -> Bool {
    guard stack.count == depth, stack[0].isObject, stack[0].role == .document else { return false }
    return depth == 1 || stack[1].role == .turns
  }

  /// Reads string bytes from `start` up to the string's end or the chunk's; returns where it stopped.
  private mutating func scanString(_ kind: StringKind, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    // Unless marking, raw non-ASCII in dropped text stops the skim: only a full read reports its UTF-8.
    let stopsAtNonASCII = kind == .dropped && marker == nil
    var i = start
    // Long strings end 64 bytes at a time; the rest goes on byte by byte below (from `start` when the
    // vector scan doubts an escape).
    let scan = ByteScan.stringEnd(in: bytes, from: start)
    if scan.status != CAW_STRING_IRREGULAR {
      if stopsAtNonASCII && scan.non_ascii != 0 {
        irregular = true  // raw non-ASCII in dropped text: let the full read check its UTF-8
        return scan.index
      }
      i = scan.index
    }
    while scan.status != CAW_STRING_ENDED {
      i = ByteScan.plainRunEnd(in: bytes, from: i, includingNonASCII: stopsAtNonASCII)
      while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] < 0x80 || !stopsAtNonASCII {
        i += 1
      }
      // A one-letter escape wholly in this chunk is stepped over here; the rest go through `state`.
      guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), Self.isOneLetterEscape(bytes[i + 1]) else { break }
      i += 2
    }
    if kind != .dropped { append(UnsafeBufferPointer(rebasing: bytes[start..<i]), kind) }
    guard i < bytes.count else { return i }
    switch bytes[i] {
    case UInt8(ascii: "\""):
      if kind == .dropped, let marker, base + i > stringStart {
        output.append(contentsOf: marker.escaped(strings.count))
        strings.append(stringStart..<(base + i))
      }
      output.append(UInt8(ascii: "\""))
      state = .structure
      if kind == .key { stack[stack.count - 1].key = Self.decodeKey(keyBytes) }
    case UInt8(ascii: "\\"):
      if kind != .dropped { append(bytes[i], kind) }
      state = .escape(kind)
    default:
      irregular = true  // raw non-ASCII in dropped text: let the full read check its UTF-8
    }
    return i + 1
  }

  private static func isOneLetterEscape(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
      UInt8(ascii: "r"), UInt8(ascii: "t"):
      return true
    default: return false
    }
  }

  private mutating func append(_ byte: UInt8, _ kind: StringKind) {
    output.append(byte)
    if kind == .key { keyBytes.append(byte) }
  }

  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ kind: StringKind) {
    output.append(contentsOf: bytes)
    if kind == .key { keyBytes.append(contentsOf: bytes) }
  }

  /// A key as the parser reads it: escapes decoded, invalid UTF-8 replaced.
  private static func decodeKey(_ bytes: [UInt8]) -> String {
    guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
    return (try? JSONParser.parse([UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")]))?.stringValue ?? ""
  }
}
