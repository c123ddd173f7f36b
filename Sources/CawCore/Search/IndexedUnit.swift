/// One block's text as the search index keeps it: a turn's prompt, a text or thinking block, or a tool
/// call's name, arguments and output.
struct IndexedUnit: Sendable {
  /// Where it is (see ``SearchHit/location``).
  var location: [SearchHit.Step]
  /// What kind of block it is.
  var kind: SearchHit.Kind
  /// The tool's name, `""` for other blocks.
  var name: String
  /// The tool's arguments as text (``ArgumentsText``), `""` for other blocks.
  var arguments: String
  /// The prompt, text, thinking or tool output.
  var body: String

  /// Text past this many bytes of one field is not indexed (SQLite refuses values over 1 GB, and a
  /// block that large is a dump, not something to search word by word).
  static let maxFieldBytes = 32 << 20

  /// The first ``maxFieldBytes`` of `text`, cut at a character boundary.
  static func capped(_ text: String) -> String {
    guard text.utf8.count > maxFieldBytes else { return text }
    var end = text.utf8.index(text.utf8.startIndex, offsetBy: maxFieldBytes)
    while end > text.utf8.startIndex && text.utf8[end] & 0xC0 == 0x80 { end = text.utf8.index(before: end) }
    return String(text.utf8[..<end])!
  }

  /// A hash of the kind and text, to tell a changed block from an unchanged one.
  var hash: Int64 {
    var hasher = StableHasher()
    hasher.add(UInt64(SearchHit.Kind.allCases.firstIndex(of: kind)!))
    for field in [name, arguments, body] { hasher.add(field) }
    return Int64(bitPattern: hasher.value)
  }

  /// The location as stored: `turn.block` steps joined by `/` (`3.5/0.-1`).
  var locationText: String {
    Self.text(of: location)
  }

  /// `turn.block` steps joined by `/`.
  static func text(of location: [SearchHit.Step]) -> String {
    location.map { "\($0.turn).\($0.block)" }.joined(separator: "/")
  }

  /// The steps of a stored location; nil when it is not one.
  static func location(from text: String) -> [SearchHit.Step]? {
    var steps: [SearchHit.Step] = []
    for part in text.split(separator: "/") {
      let numbers = part.split(separator: ".", omittingEmptySubsequences: false)
      guard numbers.count == 2, let turn = Int(numbers[0]), let block = Int(numbers[1]) else { return nil }
      steps.append(SearchHit.Step(turn: turn, block: block))
    }
    return steps.isEmpty ? nil : steps
  }

  /// The units of `turn` (turn `index` of the trajectory that `prefix` leads to), in order, subagents'
  /// units right after the tool call that ran them.
  static func units(
    of turn: Turn, index: Int, prefix: [SearchHit.Step] = [], _ body: (IndexedUnit) throws -> Void
  ) rethrows {
    if !turn.input.isEmpty {
      try body(IndexedUnit(location: prefix + [.init(turn: index, block: -1)], kind: .prompt, name: "", arguments: "", body: capped(turn.input)))
    }
    for (blockIndex, block) in turn.output.enumerated() {
      let location = prefix + [.init(turn: index, block: blockIndex)]
      switch block {
      case .text(let text):
        if !text.isEmpty { try body(IndexedUnit(location: location, kind: .text, name: "", arguments: "", body: capped(text))) }
      case .thinking(let text):
        if !text.isEmpty { try body(IndexedUnit(location: location, kind: .thinking, name: "", arguments: "", body: capped(text))) }
      case .toolUse(let call):
        try body(
          IndexedUnit(
            location: location, kind: .toolCall, name: capped(call.name), arguments: capped(ArgumentsText.render(call.arguments)),
            body: capped(call.output)))
        if let sub = call.subagentTrajectory {
          for (subIndex, subTurn) in sub.turns.enumerated() {
            try units(of: subTurn, index: subIndex, prefix: location, body)
          }
        }
      }
    }
  }
}

/// A 64-bit hash that is the same in every process (Swift's `Hasher` is seeded per process).
struct StableHasher {
  private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

  /// Mixes in a number.
  mutating func add(_ word: UInt64) {
    value = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
    value ^= value >> 29
  }

  /// Mixes in a string's length and UTF-8 bytes, eight at a time.
  mutating func add(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      add(UInt64(bytes.count))
      guard let base = bytes.baseAddress else { return }
      var i = 0
      while i + 8 <= bytes.count {
        add(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
        i += 8
      }
      var tail: UInt64 = 0
      for (shift, byte) in bytes[i...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
      add(tail)
    }
  }
}
