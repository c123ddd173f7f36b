/// Splits `trajectory.json` into its turns while it is read in chunks, so the search index can read a
/// 100 MB session one turn at a time instead of holding the whole file and its parse tree.
///
/// Each element of the top-level `turns` array is handed over as its own bytes; everything else (the
/// header: agent, model, times, metadata…) is kept with `turns` emptied to `[]`. Each piece is then
/// parsed by ``JSONParser`` as the whole file would be, so a file that parses whole gives the same
/// turns. Anything the splitter cannot vouch for (a second or escaped `turns` key, an empty element, a
/// document that does not end) makes it ``irregular``, and the caller reads the session the ordinary way.
struct TurnSplitter {
  /// The bytes outside the `turns` array, with `turns` as `[]`.
  private(set) var header: [UInt8] = []
  /// Whether the bytes cannot be split with confidence.
  private(set) var irregular = false

  private var element: [UInt8] = []
  private var depth = 0
  private var inString = false
  private var escaped = false
  private var topIsObject = false
  private var expectsKey = false
  private var readingKey = false
  private var key: [UInt8] = []
  private var pendingTurns = false
  private var sawTurns = false
  /// Inside the `turns` array (whose own depth is 2).
  private var inTurns = false
  private var elementsSeen = 0

  /// Whether the whole document has been read and it ended where a document may end.
  var isComplete: Bool { !irregular && depth == 0 && !inString && !header.isEmpty }

  /// Reads `bytes`, calling `onElement` with each complete element of `turns`.
  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, onElement: ([UInt8]) throws -> Void) rethrows {
    var i = 0
    while i < bytes.count && !irregular {
      guard inString else {
        let byte = bytes[i]
        i += 1
        try structure(byte, onElement: onElement)
        continue
      }
      let start = i
      if escaped {
        escaped = false
        i += 1
      }
      while i < bytes.count {
        i = ByteScan.plainRunEnd(in: bytes, from: i, includingNonASCII: false)
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { break }
        if bytes[i] == UInt8(ascii: "\"") {
          inString = false
          i += 1
          break
        }
        if readingKey { irregular = true }  // an escaped key might spell `turns`
        if i + 1 < bytes.count {
          i += 2
        } else {
          escaped = true
          i += 1
        }
      }
      stringBytes(UnsafeBufferPointer(rebasing: bytes[start..<i]))
    }
  }

  /// One byte outside strings.
  private mutating func structure(_ byte: UInt8, onElement: ([UInt8]) throws -> Void) rethrows {
    switch byte {
    case 0x20, 0x09, 0x0A, 0x0D:
      append(byte)
    case UInt8(ascii: "\""):
      inString = true
      readingKey = depth == 1 && topIsObject && expectsKey
      if readingKey { key.removeAll(keepingCapacity: true) }
      if depth == 1 { pendingTurns = false }
      append(byte)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      if depth == 0 { topIsObject = byte == UInt8(ascii: "{") }
      let opensTurns = depth == 1 && pendingTurns && byte == UInt8(ascii: "[")
      if depth == 1 { pendingTurns = false }
      append(byte)
      depth += 1
      if opensTurns { inTurns = true }
      if depth == 1 { expectsKey = topIsObject }
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      if inTurns && depth == 2 {
        guard byte == UInt8(ascii: "]") else {
          irregular = true
          return
        }
        try endElement(last: true, onElement: onElement)
        inTurns = false
      }
      append(byte)
      depth -= 1
      if depth < 0 { irregular = true }
    case UInt8(ascii: ","):
      if inTurns && depth == 2 {
        try endElement(last: false, onElement: onElement)
        return
      }
      append(byte)
      if depth == 1 { expectsKey = topIsObject }
    case UInt8(ascii: ":"):
      append(byte)
      if depth == 1 && topIsObject && !expectsKey {
        irregular = true  // a colon where no key was read
      } else if depth == 1 && topIsObject {
        expectsKey = false
        if key == Self.turnsKey {
          if sawTurns { irregular = true }
          sawTurns = true
          pendingTurns = true
        }
      }
    default:
      if depth == 1 { pendingTurns = false }
      append(byte)
    }
  }

  private static let turnsKey = Array("turns".utf8)

  /// The end of one element of `turns` (at a `,` or the closing `]`).
  private mutating func endElement(last: Bool, onElement: ([UInt8]) throws -> Void) rethrows {
    let blank = element.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    if blank {
      // `[]` (or `[ ]`) is an empty array; an empty element anywhere else is not JSON.
      if !(last && elementsSeen == 0) { irregular = true }
    } else {
      elementsSeen += 1
      try onElement(element)
    }
    element.removeAll(keepingCapacity: true)
  }

  /// A byte outside strings, to the current element or the header.
  private mutating func append(_ byte: UInt8) {
    if inTurns && depth >= 2 {
      element.append(byte)
    } else {
      header.append(byte)
    }
  }

  /// String bytes, to the current element or the header (and to the key being read).
  private mutating func stringBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    if inTurns && depth >= 2 {
      element.append(contentsOf: bytes)
      return
    }
    header.append(contentsOf: bytes)
    if readingKey {
      key.append(contentsOf: inString ? bytes : UnsafeBufferPointer(rebasing: bytes.dropLast()))
      if !inString { readingKey = false }
    }
  }
}
