import Glibc

/// Reads a file for a skimmed parse without holding all of it: copies it in 1 MiB chunks, leaving out
/// the content strings ``JSONParser`` would skim (their escapes checked on the way), so memory holds the
/// document's structure and kept strings, not its text.
///
/// Parsing the copy with `skimmingContent` gives what parsing the file would. Anything irregular (a bad
/// or unfinished escape, raw non-ASCII or an unfinished string in dropped text, an unfinished document)
/// gives nil, and the caller reads the whole file, so errors and UTF-8 problems are reported exactly.
struct ContentSkimmer {
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

  /// The file at `path` with its content strings emptied, or nil when it must be read whole.
  ///
  /// - Throws: ``CawError`` when the file cannot be read.
  static func compact(file path: String) throws(CawError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileSystem.failure("cannot read", path) }
    defer { close(fd) }
    var skimmer = ContentSkimmer()
    let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
    defer { chunk.deallocate() }
    while true {
      let n = read(fd, chunk.baseAddress!, chunk.count)
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw FileSystem.failure("cannot read", path) }
      if n == 0 { break }
      skimmer.add(UnsafeBufferPointer(rebasing: chunk[..<n]))
      if skimmer.irregular { return nil }
    }
    guard case .structure = skimmer.state, skimmer.stack.isEmpty, !skimmer.output.isEmpty else { return nil }
    return skimmer.output
  }

  private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
    var i = 0
    while i < bytes.count && !irregular {
      switch state {
      case .structure:
        structure(bytes[i])
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
        let isHex = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        if !isHex && kind == .dropped { irregular = true }
        state = remaining > 1 && isHex ? .hex(kind, remaining: remaining - 1) : .string(kind)
        i += 1
      }
    }
  }

  /// Handles one byte outside strings: containers, separators, and the start of a string.
  private mutating func structure(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      let role = stack.last.map { $0.isObject ? $0.role.child($0.key) : $0.role.element } ?? .document
      stack.append(Frame(role: role, isObject: byte == UInt8(ascii: "{")))
      expectsKey = byte == UInt8(ascii: "{")
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
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
      } else {
        state = .string(.kept)
      }
    default: break
    }
    output.append(byte)
  }

  /// Reads string bytes from `start` up to the string's end or the chunk's; returns where it stopped.
  private mutating func scanString(_ kind: StringKind, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var i = start
    while true {
      i = ByteScan.plainRunEnd(in: bytes, from: i, includingNonASCII: kind == .dropped)
      while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] < 0x80 || kind != .dropped {
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
