import CawCore
import Foundation
import OrderedCollections

/// The search index's answers, found the slow way: every block of every session read through
/// `SessionReader` and matched word by word. Written apart from the index's own code.
struct SearchOracle {
  /// One block: where it is, its session's facts, and the words of each of its fields.
  struct Block {
    var session: String
    var location: [SearchHit.Step]
    var fields: [[String]]
    /// Every word of every field, to rule a block out quickly.
    var words: Set<String>

    init(session: String, location: [SearchHit.Step], fields: [[String]]) {
      self.session = session
      self.location = location
      self.fields = fields
      words = Set(fields.joined())
    }
  }

  var blocks: [Block] = []
  var facts: [String: IndexedSession] = [:]

  /// Reads every session of `reader`'s tree.
  init(_ reader: SessionReader) throws {
    for id in try reader.sessionIDs() {
      let loaded = reader.loadDirectory(named: id)
      let t = loaded.trajectory
      facts[id] = IndexedSession(
        id: id, agent: t?.agent ?? "", model: t?.model ?? "", status: loaded.status, createdAt: t?.createdAt ?? "",
        time: Timestamp.parse(t?.createdAt ?? "") ?? loaded.lastModified, workingDirectory: t?.workingDirectory)
      if let t { walk(t, session: id, prefix: []) }
    }
  }

  private mutating func walk(_ t: Trajectory, session: String, prefix: [SearchHit.Step]) {
    for (turnIndex, turn) in t.turns.enumerated() {
      if !turn.input.isEmpty {
        blocks.append(Block(session: session, location: prefix + [.init(turn: turnIndex, block: -1)], fields: [Self.words(turn.input)]))
      }
      for (blockIndex, block) in turn.output.enumerated() {
        let location = prefix + [.init(turn: turnIndex, block: blockIndex)]
        switch block {
        case .text(let text), .thinking(let text):
          if !text.isEmpty { blocks.append(Block(session: session, location: location, fields: [Self.words(text)])) }
        case .toolUse(let call):
          blocks.append(
            Block(session: session, location: location, fields: [Self.words(call.name), Self.words(Self.flatten(call.arguments)), Self.words(call.output)]))
          if let sub = call.subagentTrajectory { walk(sub, session: session, prefix: location) }
        }
      }
    }
  }

  /// Keys and values of arguments in order, separated so no word runs into the next.
  private static func flatten(_ value: JSONValue) -> String {
    switch value {
    case .object(let o): return o.map { "\($0.key) \(flatten($0.value))" }.joined(separator: " ")
    case .array(let a): return a.enumerated().map { "\($0.offset) \(flatten($0.element))" }.joined(separator: " ")
    case .string(let s): return s
    case .number(let n): return n.pythonLiteral
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    }
  }

  /// Words as the index's tokenizer makes them: runs of letters and digits, lower-cased, accents removed
  /// (FTS5's unicode61 with remove_diacritics 2), except that each Han, kana or Hangul character is a
  /// word of its own.
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFF9F,
        0x20000...0x3FFFF:
        if !current.isEmpty { words.append(fold(current)) }
        current = ""
        words.append(String(scalar))
        continue
      default: break
      }
      let p = scalar.properties
      let isWordScalar = p.isAlphabetic || p.numericType != nil || p.generalCategory == .privateUse
        || p.generalCategory == .nonspacingMark && !current.isEmpty
      if isWordScalar {
        current.unicodeScalars.append(scalar)
      } else if !current.isEmpty {
        words.append(fold(current))
        current = ""
      }
    }
    if !current.isEmpty { words.append(fold(current)) }
    return words
  }

  private static func fold(_ word: String) -> String {
    let decomposed = word.lowercased().decomposedStringWithCanonicalMapping
    return String(String.UnicodeScalarView(decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }))
  }

  /// The blocks matching `query` (its filters included), as (session, location) pairs.
  func matches(_ query: SearchQuery) -> Set<HitKey> {
    let matcher = Matcher(query.expression)
    var found = Set<HitKey>()
    for block in blocks where query.admits(facts[block.session]!) && matcher.holds(block) {
      found.insert(HitKey(session: block.session, location: block.location))
    }
    return found
  }

  /// An expression with its phrases split into words once.
  private indirect enum Matcher {
    case phrase([String], prefix: Bool)
    case all([Matcher], negated: [Matcher])
    case any([Matcher])

    init(_ e: SearchExpression) {
      switch e {
      case .phrase(let text, let prefix): self = .phrase(SearchOracle.words(text), prefix: prefix)
      case .any(let parts): self = .any(parts.map(Matcher.init))
      case .all(let parts):
        var positive: [Matcher] = []
        var negated: [Matcher] = []
        for part in parts {
          if case .not(let inner) = part { negated.append(Matcher(inner)) } else { positive.append(Matcher(part)) }
        }
        self = .all(positive, negated: negated)
      case .not(let inner): self = .all([], negated: [Matcher(inner)])
      }
    }

    func holds(_ block: Block) -> Bool {
      switch self {
      case .phrase(let wanted, let prefix):
        guard !wanted.isEmpty else { return false }
        // Every word but a prefix must be among the block's words.
        let exact = prefix ? wanted.dropLast() : wanted[...]
        guard exact.allSatisfy(block.words.contains) else { return false }
        if prefix && wanted.count == 1 { return block.words.contains { $0.hasPrefix(wanted[0]) } }
        return block.fields.contains { field in
          guard field.count >= wanted.count else { return false }
          return (0...(field.count - wanted.count)).contains { start in
            wanted.indices.allSatisfy { i in
              let word = field[start + i]
              return prefix && i == wanted.count - 1 ? word.hasPrefix(wanted[i]) : word == wanted[i]
            }
          }
        }
      case .all(let positive, let negated):
        return positive.allSatisfy { $0.holds(block) } && !negated.contains { $0.holds(block) }
      case .any(let parts): return parts.contains { $0.holds(block) }
      }
    }
  }
}

/// A hit's identity: its session and place.
struct HitKey: Hashable, CustomStringConvertible {
  var session: String
  var location: [SearchHit.Step]

  init(session: String, location: [SearchHit.Step]) {
    self.session = session
    self.location = location
  }

  init(_ hit: SearchHit) {
    self.init(session: hit.sessionID, location: hit.location)
  }

  var description: String {
    "\(session.prefix(8))@" + location.map { "\($0.turn).\($0.block)" }.joined(separator: "/")
  }
}
