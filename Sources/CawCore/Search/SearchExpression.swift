/// A full-text query: phrases (a bare word is a phrase of one word) combined with AND, OR and NOT.
///
/// The syntax users type: words (all must occur, as with AND), `"exact phrases"`, `prefix*`, the
/// operators `AND`, `OR` and `NOT` in capitals, `-word` for NOT, and parentheses. Matching is by words
/// (letters and digits), ignoring case and accents; punctuation only separates words, so `created_at`
/// finds the words `created` and `at` next to each other. Every condition applies to one block.
public indirect enum SearchExpression: Hashable, Sendable {
  /// Words that must occur in this order; with `prefix`, the last one may go on (`pay*`).
  case phrase(String, prefix: Bool)
  /// All of these (at least one of them not negated).
  case all([SearchExpression])
  /// Any of these.
  case any([SearchExpression])
  /// Not this (only inside ``all(_:)``).
  case not(SearchExpression)

  /// Parses what a user typed.
  ///
  /// - Throws: ``CawError`` (`.invalidArgument`) for a query with nothing to find (only punctuation,
  ///   only NOT) or unbalanced parentheses.
  public init(parsing text: String) throws(CawError) {
    var parser = QueryParser(tokens: QueryLexer.tokens(text))
    guard let expression = try parser.parseAny() else {
      throw CawError(.invalidArgument, "nothing to search for in \(TextSanitizer.singleLine(text, limit: 80).debugDescription)")
    }
    if parser.hasMore { throw CawError(.invalidArgument, "unbalanced ')' in the query") }
    try expression.checkFindsSomething()
    self = expression
  }

  /// The expression in SQLite FTS5's query syntax, every word quoted (so nothing a user types is read as
  /// FTS5 syntax of its own).
  public var fts5: String {
    switch self {
    case .phrase(let words, let prefix):
      return "\"" + words.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" + (prefix ? "*" : "")
    case .any(let parts):
      return "(" + parts.map(\.fts5).joined(separator: " OR ") + ")"
    case .all(let parts):
      let positive = parts.filter { if case .not = $0 { return false } else { return true } }
      let negative = parts.compactMap { part -> SearchExpression? in
        if case .not(let inner) = part { return inner } else { return nil }
      }
      var text = "(" + positive.map(\.fts5).joined(separator: " AND ") + ")"
      for part in negative { text += " NOT " + part.fts5 }
      return "(" + text + ")"
    case .not(let inner):
      return "NOT " + inner.fts5
    }
  }

  /// The phrases that are looked for (not those under NOT), for highlighting.
  public var soughtPhrases: [(words: String, prefix: Bool)] {
    switch self {
    case .phrase(let words, let prefix): return [(words, prefix)]
    case .all(let parts), .any(let parts): return parts.flatMap(\.soughtPhrases)
    case .not: return []
    }
  }

  private func checkFindsSomething() throws(CawError) {
    switch self {
    case .phrase: return
    case .not:
      throw CawError(.invalidArgument, "NOT needs something to find beside it (as in `retry NOT timeout`)")
    case .any(let parts):
      for part in parts { try part.checkFindsSomething() }
    case .all(let parts):
      var positive = false
      for part in parts {
        if case .not(let inner) = part {
          try inner.checkFindsSomething()
        } else {
          try part.checkFindsSomething()
          positive = true
        }
      }
      if !positive {
        throw CawError(.invalidArgument, "NOT needs something to find beside it (as in `retry NOT timeout`)")
      }
    }
  }
}

/// A piece of a typed query.
enum QueryToken: Equatable {
  case word(String, prefix: Bool, negated: Bool)
  case phrase(String, prefix: Bool, negated: Bool)
  case and, or, not
  case open(negated: Bool)
  case close
}

/// Splits a typed query into ``QueryToken``s.
enum QueryLexer {
  static func tokens(_ text: String) -> [QueryToken] {
    var tokens: [QueryToken] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
        continue
      }
      var negated = false
      if c == "-", i + 1 < chars.count, !chars[i + 1].isWhitespace {
        negated = true
        i += 1
      }
      switch chars[i] {
      case "(":
        tokens.append(.open(negated: negated))
        i += 1
      case ")":
        tokens.append(.close)
        i += 1
      case "\"":
        var j = i + 1
        var words = ""
        while j < chars.count, chars[j] != "\"" {
          words.append(chars[j])
          j += 1
        }
        i = min(j + 1, chars.count)
        let prefix = i < chars.count && chars[i] == "*"
        if prefix { i += 1 }
        tokens.append(.phrase(words, prefix: prefix, negated: negated))
      default:
        var word = ""
        while i < chars.count, !chars[i].isWhitespace, !"()\"".contains(chars[i]) {
          word.append(chars[i])
          i += 1
        }
        if !negated, word == "AND" {
          tokens.append(.and)
        } else if !negated, word == "OR" {
          tokens.append(.or)
        } else if !negated, word == "NOT" {
          tokens.append(.not)
        } else {
          let prefix = word.hasSuffix("*")
          while word.hasSuffix("*") { word.removeLast() }
          tokens.append(.word(word, prefix: prefix, negated: negated))
        }
      }
    }
    return tokens
  }
}

/// Builds a ``SearchExpression`` from tokens: OR binds loosest, then AND (also implicit), then NOT.
struct QueryParser {
  var tokens: [QueryToken]
  var position = 0

  var hasMore: Bool { position < tokens.count }

  mutating func parseAny() throws(CawError) -> SearchExpression? {
    var parts: [SearchExpression] = []
    while true {
      if let part = try parseAll() { parts.append(part) }
      guard position < tokens.count, tokens[position] == .or else { break }
      position += 1
    }
    return parts.count <= 1 ? parts.first : .any(parts)
  }

  private mutating func parseAll() throws(CawError) -> SearchExpression? {
    var parts: [SearchExpression] = []
    while position < tokens.count {
      switch tokens[position] {
      case .or, .close: return Self.group(parts)
      case .and:
        position += 1
      default:
        if let part = try parseUnary() { parts.append(part) }
      }
    }
    return Self.group(parts)
  }

  private mutating func parseUnary() throws(CawError) -> SearchExpression? {
    let token = tokens[position]
    position += 1
    switch token {
    case .not:
      guard position < tokens.count, ![QueryToken.or, .close, .and].contains(tokens[position]) else { return nil }
      return try parseUnary().map { .not($0) }
    case .word(let word, let prefix, let negated):
      return Self.phrase(word, prefix: prefix, negated: negated)
    case .phrase(let words, let prefix, let negated):
      return Self.phrase(words, prefix: prefix, negated: negated)
    case .open(let negated):
      let inner = try parseAny()
      guard position < tokens.count, tokens[position] == .close else {
        throw CawError(.invalidArgument, "unbalanced '(' in the query")
      }
      position += 1
      return negated ? inner.map { .not($0) } : inner
    case .and, .or, .close:
      return nil
    }
  }

  private static func phrase(_ words: String, prefix: Bool, negated: Bool) -> SearchExpression? {
    // Text with no letter or digit holds no word to find.
    guard words.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
      return nil
    }
    let phrase = SearchExpression.phrase(words, prefix: prefix)
    return negated ? .not(phrase) : phrase
  }

  private static func group(_ parts: [SearchExpression]) -> SearchExpression? {
    parts.count <= 1 ? parts.first : .all(parts)
  }
}
