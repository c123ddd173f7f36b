import CJSONScan

/// Reads the list's figures of a trajectory (``TrajectoryFigures``) in one pass over the bytes of
/// `trajectory.json`, building no ``JSONValue`` but the metadata's.
///
/// It checks the whole document as ``JSONParser`` would, strings and escapes included, but handles only
/// the regular case: a document that ``Trajectory/read(_:file:skimmingContent:)`` reads with no problem.
/// Anything else (a value of the wrong type, a repeated field, a key with escapes, invalid UTF-8, deep
/// nesting, a syntax error) makes ``scan(_:)`` return nil, and the caller reads the file the full way,
/// which reports it exactly. So whenever it answers, its answer is the full reader's.
///
/// Why hand-written: the list reads every session's `trajectory.json`; parsing them into trees is where
/// its time went (generic containers, allocation and reference counting per value), and no JSON library
/// on this machine extracts a few fields from a document without building one.
struct TrajectoryFigureScanner {
  /// Why a scan gave up: only the full reader may say what the document holds.
  struct Irregular: Error {}

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0
  private var depth = 0

  /// Nesting past which the scan gives up, well inside the parser's limit.
  private static let maxDepth = 256

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// The figures of the trajectory in `bytes`, nil when only a full read can say (see the type's note).
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> TrajectoryFigures? {
    var scanner = TrajectoryFigureScanner(bytes)
    do throws(Irregular) {
      scanner.skipWhitespace()
      guard try scanner.peek() == UInt8(ascii: "{") else { throw Irregular() }
      let figures = try scanner.trajectory(top: true)
      scanner.skipWhitespace()
      guard scanner.position == bytes.count else { throw Irregular() }
      return figures
    } catch {
      return nil
    }
  }

  /// What a `traj.jsonl` line is to the event log's replay, when the replay would note no problem on it.
  enum EventLine {
    /// A line tagged with a subagent name (counted, not replayed).
    case subagent
    /// A `metadata` line.
    case metadata
    /// A `user` line: a turn starts.
    case user
    /// A `thinking`, `text`, `tool_call` or `tool_result` line, which belongs to a turn.
    case content
    /// A `turn_end` line of the parent agent.
    case turnEnd
  }

  /// The kind of the `traj.jsonl` line in `bytes` when the replay (``EventLogBuilder``) reads it with no
  /// problem, each field of the type the decoder expects (a `metadata` line's session fields checked as
  /// the first one's); nil when only the replay can say.
  static func eventLine(_ bytes: UnsafeBufferPointer<UInt8>) -> EventLine? {
    var scanner = TrajectoryFigureScanner(bytes)
    // The top-level fields the replay reads, by bit: where each value starts.
    let names: [StaticString] = [
      "subagent", "type", "message", "text", "id", "name", "output", "is_error", "subagent_trajectory", "usage",
      "duration_ms", "session_id", "created_at", "agent", "model", "system_prompt", "reasoning", "mcp_servers",
      "metadata",
    ]
    var starts = [Int](repeating: -1, count: names.count)
    var seen: UInt32 = 0
    do throws(Irregular) {
      scanner.skipWhitespace()
      guard try scanner.peek() == UInt8(ascii: "{") else { throw Irregular() }
      try scanner.members { (scanner, key) throws(Irregular) in
        if let field = names.firstIndex(where: { Self.equals(key, $0) }) {
          try Self.mark(field, in: &seen)
          starts[field] = scanner.position
        }
        try scanner.skipValue()
      }
      scanner.skipWhitespace()
      guard scanner.position == bytes.count else { throw Irregular() }
      if starts[0] >= 0 { return .subagent }
      // Each field the replay hands to the decoder, checked at its place (the line is valid JSON now).
      func check(_ field: Int, _ body: (inout TrajectoryFigureScanner) throws(Irregular) -> Void) throws(Irregular) {
        guard starts[field] >= 0 else { return }
        scanner.position = starts[field]
        try body(&scanner)
      }
      func isString(_ scanner: inout TrajectoryFigureScanner) throws(Irregular) {
        guard try scanner.peek() == UInt8(ascii: "\"") else { throw Irregular() }
      }
      guard starts[1] >= 0 else { throw Irregular() }
      scanner.position = starts[1]
      let (range, plain) = try scanner.stringRange()
      guard plain else { throw Irregular() }
      let type = UnsafeBufferPointer(rebasing: bytes[range])
      if Self.equals(type, "metadata") {
        for field in 11...16 { try check(field, isString) }
        try check(17) { (scanner) throws(Irregular) in try scanner.mcpServers() }
        try check(18) { (scanner) throws(Irregular) in
          guard try scanner.peek() == UInt8(ascii: "{") else { throw Irregular() }
        }
        return .metadata
      } else if Self.equals(type, "user") {
        try check(2, isString)
        return .user
      } else if Self.equals(type, "thinking") || Self.equals(type, "text") {
        try check(3, isString)
        return .content
      } else if Self.equals(type, "tool_call") || Self.equals(type, "tool_result") {
        for field in 4...6 { try check(field, isString) }
        try check(7) { (scanner) throws(Irregular) in _ = try scanner.bool() }
        try check(8) { (scanner) throws(Irregular) in
          switch try scanner.peek() {
          case UInt8(ascii: "{") where !scanner.isEmptyObject(): _ = try scanner.trajectory(top: false)
          case UInt8(ascii: "{"), UInt8(ascii: "n"), UInt8(ascii: "f"): break  // falsy: no subagent
          default: throw Irregular()
          }
        }
        return .content
      } else if Self.equals(type, "turn_end") {
        try check(9) { (scanner) throws(Irregular) in _ = try scanner.usage() }
        try check(10) { (scanner) throws(Irregular) in _ = try scanner.int() }
        return .turnEnd
      }
      throw Irregular()  // an unknown event type
    } catch {
      return nil
    }
  }

  // MARK: - caw's objects

  private enum TrajectoryKey: Int {
    case agent, model, sessionID, createdAt, completedAt, usageLimited, systemPrompt, reasoning, mcpServers, turns
    case usage, totalUsage, durationMS, metadata
  }

  /// A trajectory object at `position` (its `{`); at the top it must hold one of a trajectory's fields.
  private mutating func trajectory(top: Bool) throws(Irregular) -> TrajectoryFigures {
    var figures = TrajectoryFigures()
    var seen: UInt32 = 0
    try members { (scanner, key) throws(Irregular) in
      guard let field = Self.trajectoryKey(key) else { return try scanner.skipValue() }
      try Self.mark(field.rawValue, in: &seen)
      switch field {
      case .agent: figures.agent = try scanner.string()
      case .model: figures.model = try scanner.string()
      case .sessionID: figures.sessionID = try scanner.string()
      case .createdAt: figures.createdAt = try scanner.string()
      case .completedAt: figures.completedAt = try scanner.string()
      case .systemPrompt, .reasoning: try scanner.skipString()
      case .usageLimited: figures.usageLimited = try scanner.bool()
      case .mcpServers: try scanner.mcpServers()
      case .turns: try scanner.turns(into: &figures, top: top)
      case .usage: figures.usage = try scanner.usage()
      case .totalUsage: try scanner.skipValue()
      case .durationMS: figures.durationMS = try scanner.int()
      case .metadata:
        guard try scanner.peek() == UInt8(ascii: "{") else { throw Irregular() }
        if top { try scanner.metadata(into: &figures) } else { try scanner.skipValue() }
      }
    }
    if top && seen == 0 { throw Irregular() }
    return figures
  }

  private static func trajectoryKey(_ key: UnsafeBufferPointer<UInt8>) -> TrajectoryKey? {
    switch key.count {
    case 5:
      return equals(key, "agent")
        ? .agent : equals(key, "model") ? .model : equals(key, "turns") ? .turns : equals(key, "usage") ? .usage : nil
    case 8: return equals(key, "metadata") ? .metadata : nil
    case 9: return equals(key, "reasoning") ? .reasoning : nil
    case 10: return equals(key, "session_id") ? .sessionID : equals(key, "created_at") ? .createdAt : nil
    case 11:
      return equals(key, "mcp_servers")
        ? .mcpServers : equals(key, "total_usage") ? .totalUsage : equals(key, "duration_ms") ? .durationMS : nil
    case 12: return equals(key, "completed_at") ? .completedAt : nil
    case 13: return equals(key, "usage_limited") ? .usageLimited : equals(key, "system_prompt") ? .systemPrompt : nil
    default: return nil
    }
  }

  private enum MetadataKey: Int {
    case workingDirectory, threadID, opencodeSessionID, failedTurns, cancelledTurns, unpricedTurns
  }

  /// The top trajectory's `metadata` object: the fields a summary reads, each as the summary's lookup in
  /// the parsed object would find it; other members are checked and stepped over.
  private mutating func metadata(into figures: inout TrajectoryFigures) throws(Irregular) {
    var seen: UInt32 = 0
    try members { (scanner, key) throws(Irregular) in
      guard let field = Self.metadataKey(key) else { return try scanner.skipValue() }
      // A repeated field gives up: which one the parser keeps is the full read's business.
      try Self.mark(field.rawValue, in: &seen)
      switch field {
      case .workingDirectory: figures.workingDirectory = try scanner.stringIfString() ?? ""
      case .threadID: figures.threadID = try scanner.stringIfString()
      case .opencodeSessionID: figures.opencodeSessionID = try scanner.stringIfString()
      case .failedTurns: figures.failedTurns = try scanner.wholeNumbers()
      case .cancelledTurns: figures.cancelledTurns = try scanner.wholeNumbers()
      case .unpricedTurns: figures.unpricedTurnCount = try scanner.wholeNumbers().count
      }
    }
  }

  private static func metadataKey(_ key: UnsafeBufferPointer<UInt8>) -> MetadataKey? {
    switch key.count {
    case 3: return equals(key, "cwd") ? .workingDirectory : nil
    case 9: return equals(key, "thread_id") ? .threadID : nil
    case 12: return equals(key, "failed_turns") ? .failedTurns : nil
    case 14: return equals(key, "unpriced_turns") ? .unpricedTurns : nil
    case 15: return equals(key, "cancelled_turns") ? .cancelledTurns : nil
    case 19: return equals(key, "opencode_session_id") ? .opencodeSessionID : nil
    default: return nil
    }
  }

  /// The `turns` array: counts them, keeps the first one's input at the top, adds up their tool calls.
  private mutating func turns(into figures: inout TrajectoryFigures, top: Bool) throws(Irregular) {
    try elements { (scanner) throws(Irregular) in
      guard try scanner.peek() == UInt8(ascii: "{") else { throw Irregular() }
      let keepsInput = top && figures.turnCount == 0
      var seen: UInt32 = 0
      try scanner.members { (scanner, key) throws(Irregular) in
        if Self.equals(key, "input") {
          try Self.mark(0, in: &seen)
          if keepsInput { figures.firstInput = try scanner.string() } else { try scanner.skipString() }
        } else if Self.equals(key, "output") {
          try Self.mark(1, in: &seen)
          try scanner.blocks(into: &figures)
        } else if Self.equals(key, "usage") {
          try Self.mark(2, in: &seen)
          _ = try scanner.usage()
        } else if Self.equals(key, "duration_ms") {
          try Self.mark(3, in: &seen)
          _ = try scanner.int()
        } else {
          try scanner.skipValue()
        }
      }
      figures.turnCount += 1
    }
  }

  /// What a block's fields were, as far as the decoder reads them.
  private enum BlockType {
    case absent, text, thinking, other
  }

  /// A turn's `output` array: counts tool calls and their errors, and reads each subagent's figures.
  private mutating func blocks(into figures: inout TrajectoryFigures) throws(Irregular) {
    try elements { (scanner) throws(Irregular) in
      guard try scanner.peek() == UInt8(ascii: "{") else { throw Irregular() }
      var type = BlockType.absent
      var seen: UInt32 = 0
      var textIsString = true
      var toolFieldsRegular = true
      var isError = false
      var subagent: TrajectoryFigures?
      try scanner.members { (scanner, key) throws(Irregular) in
        switch key.count {
        case 4 where Self.equals(key, "type"):
          try Self.mark(0, in: &seen)
          type = try scanner.blockType()
        case 4 where Self.equals(key, "text"):
          try Self.mark(1, in: &seen)
          textIsString = try scanner.skipValueIsString()
        case 2 where Self.equals(key, "id"), 4 where Self.equals(key, "name"), 6 where Self.equals(key, "output"):
          try Self.mark(key.count, in: &seen)
          if !(try scanner.skipValueIsString()) { toolFieldsRegular = false }
        case 8 where Self.equals(key, "is_error"):
          try Self.mark(8, in: &seen)
          switch try scanner.peek() {
          case UInt8(ascii: "t"), UInt8(ascii: "f"): isError = try scanner.bool()
          default:
            toolFieldsRegular = false
            try scanner.skipValue()
          }
        case 19 where Self.equals(key, "subagent_trajectory"):
          try Self.mark(9, in: &seen)
          subagent = nil
          switch try scanner.peek() {
          case UInt8(ascii: "{") where !scanner.isEmptyObject(): subagent = try scanner.trajectory(top: false)
          case UInt8(ascii: "{"), UInt8(ascii: "n"), UInt8(ascii: "f"): try scanner.skipValue()  // falsy: no subagent
          default: throw Irregular()
          }
        default:
          try scanner.skipValue()
        }
      }
      switch type {
      case .text, .thinking:
        guard textIsString else { throw Irregular() }
      case .absent, .other:
        guard toolFieldsRegular else { throw Irregular() }
        figures.toolCalls += 1
        if isError { figures.toolErrors += 1 }
        if let subagent {
          figures.toolCalls += subagent.toolCalls
          figures.toolErrors += subagent.toolErrors
          figures.subagentTotals.append(subagent.totalUsage)
        }
      }
    }
  }

  /// A block's `type`: a string, else the decoder notes a problem.
  private mutating func blockType() throws(Irregular) -> BlockType {
    let (range, plain) = try stringRange()
    guard plain else { return try Self.blockType(of: decode(range)) }
    let text = UnsafeBufferPointer(rebasing: bytes[range])
    return Self.equals(text, "text") ? .text : Self.equals(text, "thinking") ? .thinking : .other
  }

  private static func blockType(of text: String) -> BlockType {
    text == "text" ? .text : text == "thinking" ? .thinking : .other
  }

  /// A usage object: four counts and a cost, each of its type.
  private mutating func usage() throws(Irregular) -> UsageStats {
    guard try peek() == UInt8(ascii: "{") else { throw Irregular() }
    var stats = UsageStats()
    var seen: UInt32 = 0
    try members { (scanner, key) throws(Irregular) in
      switch key.count {
      case 12 where Self.equals(key, "input_tokens"):
        try Self.mark(0, in: &seen)
        stats.inputTokens = try scanner.int()
      case 13 where Self.equals(key, "output_tokens"):
        try Self.mark(1, in: &seen)
        stats.outputTokens = try scanner.int()
      case 17 where Self.equals(key, "cache_read_tokens"):
        try Self.mark(2, in: &seen)
        stats.cacheReadTokens = try scanner.int()
      case 18 where Self.equals(key, "cache_write_tokens"):
        try Self.mark(3, in: &seen)
        stats.cacheWriteTokens = try scanner.int()
      case 8 where Self.equals(key, "cost_usd"):
        try Self.mark(4, in: &seen)
        stats.costUSD = try scanner.number()
      default:
        try scanner.skipValue()
      }
    }
    return stats
  }

  /// `mcp_servers`: `[]`, or servers the decoder reads without a problem.
  private mutating func mcpServers() throws(Irregular) {
    let start = position
    guard try peek() == UInt8(ascii: "[") else { throw Irregular() }
    try skipValue()
    let value = try Self.value(UnsafeBufferPointer(rebasing: bytes[start..<position]))
    var decoder = TrajectoryDecoder()
    for server in value.arrayValue ?? [] {
      guard let object = server.objectValue else { throw Irregular() }
      _ = decoder.mcpServer(object, path: "")
    }
    if !decoder.problems.isEmpty { throw Irregular() }
  }

  // MARK: - Containers

  /// Calls `body` with each key of the object at `position`, positioned at its value, which `body`
  /// must read; ends past the `}`.
  private mutating func members(
    _ body: (inout TrajectoryFigureScanner, UnsafeBufferPointer<UInt8>) throws(Irregular) -> Void
  ) throws(Irregular) {
    try enter()
    position += 1
    skipWhitespace()
    if try peek() == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return
    }
    while true {
      skipWhitespace()
      let key = try plainKey()
      skipWhitespace()
      guard try peek() == UInt8(ascii: ":") else { throw Irregular() }
      position += 1
      skipWhitespace()
      try body(&self, key)
      skipWhitespace()
      let next = try peek()
      position += 1
      if next == UInt8(ascii: "}") { break }
      guard next == UInt8(ascii: ",") else { throw Irregular() }
    }
    depth -= 1
  }

  /// Calls `body` positioned at each element of the array at `position`; ends past the `]`.
  private mutating func elements(_ body: (inout TrajectoryFigureScanner) throws(Irregular) -> Void) throws(Irregular) {
    guard try peek() == UInt8(ascii: "[") else { throw Irregular() }
    try enter()
    position += 1
    skipWhitespace()
    if try peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return
    }
    while true {
      skipWhitespace()
      try body(&self)
      skipWhitespace()
      let next = try peek()
      position += 1
      if next == UInt8(ascii: "]") { break }
      guard next == UInt8(ascii: ",") else { throw Irregular() }
    }
    depth -= 1
  }

  /// Whether the object at `position` is `{}` (with any whitespace), which a decoder reads as falsy.
  private func isEmptyObject() -> Bool {
    var i = position + 1
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    return i < bytes.count && bytes[i] == UInt8(ascii: "}")
  }

  private mutating func enter() throws(Irregular) {
    depth += 1
    if depth > Self.maxDepth { throw Irregular() }
  }

  // MARK: - Values

  /// Steps over any value, checking it as the parser would.
  private mutating func skipValue() throws(Irregular) {
    switch try peek() {
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "{"): try members { (scanner, _) throws(Irregular) in try scanner.skipValue() }
    case UInt8(ascii: "["): try elements { (scanner) throws(Irregular) in try scanner.skipValue() }
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "N"): try literal("NaN")
    case UInt8(ascii: "I"): try literal("Infinity")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try numberRange()
    default: throw Irregular()
    }
  }

  /// Steps over any value; whether it was a string.
  private mutating func skipValueIsString() throws(Irregular) -> Bool {
    let isString = try peek() == UInt8(ascii: "\"")
    try skipValue()
    return isString
  }

  /// A string value (else the decoder would note a problem).
  private mutating func string() throws(Irregular) -> String {
    let (range, plain) = try stringRange()
    return plain ? String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) : try decode(range)
  }

  /// The string whose content is `range`, escapes decoded by the parser.
  private func decode(_ range: Range<Int>) throws(Irregular) -> String {
    guard
      let text = try Self.value(UnsafeBufferPointer(rebasing: bytes[(range.lowerBound - 1)..<(range.upperBound + 1)]))
        .stringValue
    else { throw Irregular() }
    return text
  }

  /// The value at `position` when it is a string (`JSONValue.stringValue`); any other value is stepped over.
  private mutating func stringIfString() throws(Irregular) -> String? {
    guard try peek() == UInt8(ascii: "\"") else {
      try skipValue()
      return nil
    }
    return try string()
  }

  /// The whole numbers of the array at `position`, as `arrayValue` and `numberValue?.intValue` read it:
  /// other elements are left out, and a value that is not an array gives none.
  private mutating func wholeNumbers() throws(Irregular) -> [Int] {
    guard try peek() == UInt8(ascii: "[") else {
      try skipValue()
      return []
    }
    var numbers: [Int] = []
    try elements { (scanner) throws(Irregular) in
      let start = scanner.position
      switch try scanner.peek() {
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let (range, isFloat) = try scanner.numberRange()
        if !isFloat && range.count <= 18 {
          numbers.append(scanner.wholeNumber(range))
        } else if let number = try Self.value(UnsafeBufferPointer(rebasing: scanner.bytes[start..<scanner.position]))
          .numberValue?.intValue
        {
          numbers.append(number)  // a float with no fraction, or a long int, read by the parser
        }
      default: try scanner.skipValue()
      }
    }
    return numbers
  }

  /// Steps over a string value (else the decoder would note a problem).
  private mutating func skipString() throws(Irregular) {
    _ = try stringRange()
  }

  /// The content of the string at `position` and whether it has no escapes; ends past its closing quote.
  /// Raw non-ASCII text must be valid UTF-8 (else the parser would note it).
  ///
  /// The hot loop of the list: eight bytes at a time up to a quote, backslash or non-ASCII byte, and a
  /// run of escapes (`\u2192`, text in other scripts) checked one after another without going back to
  /// the word scan.
  private mutating func stringRange() throws(Irregular) -> (Range<Int>, plain: Bool) {
    guard try peek() == UInt8(ascii: "\"") else { throw Irregular() }
    guard let base = bytes.baseAddress else { throw Irregular() }
    let end = bytes.count
    let start = position + 1
    var i = start
    var plain = true
    var segmentStart = i
    var segmentIsASCII = true
    // Long strings end 64 bytes at a time; what that scan leaves (a short tail, an escape it doubts)
    // goes on byte by byte below.
    let scan = ByteScan.stringEnd(in: bytes, from: start)
    if scan.status == CAW_STRING_ENDED {
      if scan.non_ascii != 0 { try checkUTF8(start..<scan.index) }
      position = scan.index &+ 1
      return (start..<scan.index, scan.escaped == 0)
    } else if scan.status == CAW_STRING_GOES_ON {
      i = scan.index
      plain = scan.escaped == 0
      segmentIsASCII = scan.non_ascii == 0
    }
    while true {
      while i &+ 8 <= end {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        let special = ByteScan.specialBytes(word, includingNonASCII: true)
        if special != 0 {
          i &+= special.trailingZeroBitCount &>> 3
          break
        }
        i &+= 8
      }
      while i < end, base[i] != UInt8(ascii: "\""), base[i] != UInt8(ascii: "\\"), base[i] < 0x80 { i &+= 1 }
      guard i < end else { throw Irregular() }
      let byte = base[i]
      if byte >= 0x80 {
        segmentIsASCII = false
        i &+= 1
        continue
      }
      if !segmentIsASCII { try checkUTF8(segmentStart..<i) }
      if byte == UInt8(ascii: "\"") {
        position = i &+ 1
        return (start..<i, plain)
      }
      plain = false
      repeat {
        guard i &+ 1 < end else { throw Irregular() }
        switch base[i &+ 1] {
        case UInt8(ascii: "u"):
          guard i &+ 6 <= end, ByteScan.isHex(base[i &+ 2]), ByteScan.isHex(base[i &+ 3]),
            ByteScan.isHex(base[i &+ 4]), ByteScan.isHex(base[i &+ 5])
          else { throw Irregular() }
          i &+= 6
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          i &+= 2
        default: throw Irregular()
        }
      } while i < end && base[i] == UInt8(ascii: "\\")
      segmentStart = i
      segmentIsASCII = true
    }
  }

  /// A key made of plain ASCII (a key with escapes or other text may decode to a field's name: the full
  /// read decides).
  private mutating func plainKey() throws(Irregular) -> UnsafeBufferPointer<UInt8> {
    guard try peek() == UInt8(ascii: "\"") else { throw Irregular() }
    let start = position + 1
    var i = start
    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
      guard bytes[i] != UInt8(ascii: "\\"), bytes[i] < 0x80 else { throw Irregular() }
      i += 1
    }
    guard i < bytes.count else { throw Irregular() }
    position = i + 1
    return UnsafeBufferPointer(rebasing: bytes[start..<i])
  }

  private func checkUTF8(_ range: Range<Int>) throws(Irregular) {
    guard String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) != nil else {
      throw Irregular()
    }
  }

  private mutating func bool() throws(Irregular) -> Bool {
    switch try peek() {
    case UInt8(ascii: "t"):
      try literal("true")
      return true
    case UInt8(ascii: "f"):
      try literal("false")
      return false
    default: throw Irregular()
    }
  }

  /// A whole number that fits an `Int` (a float or a huge number is noted by the decoder).
  private mutating func int() throws(Irregular) -> Int {
    let (range, isFloat) = try numberRange()
    guard !isFloat, range.count <= 18 else { throw Irregular() }
    return wholeNumber(range)
  }

  /// The whole number whose digits (and sign) are `range`, at most 18 bytes.
  private func wholeNumber(_ range: Range<Int>) -> Int {
    var value = 0
    var negative = false
    for i in range {
      if bytes[i] == UInt8(ascii: "-") {
        negative = true
      } else {
        value = value &* 10 &+ Int(bytes[i] &- UInt8(ascii: "0"))
      }
    }
    return negative ? -value : value
  }

  /// A number as the parser keeps it: an int, or a float read by `Double`.
  private mutating func number() throws(Irregular) -> JSONNumber {
    let (range, isFloat) = try numberRange()
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    if isFloat { return .double(Double(text) ?? .nan) }
    guard let value = Int(text) else { throw Irregular() }
    return .int(value)
  }

  /// The digits of the number at `position` and whether it has a fraction or exponent. Only what the
  /// parser reads as a number followed by a valid next token is accepted (`1.`, `01` and `-Infinity`
  /// give up).
  private mutating func numberRange() throws(Irregular) -> (Range<Int>, isFloat: Bool) {
    let start = position
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count, Self.isDigit(bytes[position]) else { throw Irregular() }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
      if position < bytes.count, Self.isDigit(bytes[position]) { throw Irregular() }
    } else {
      while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
    }
    var isFloat = false
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < bytes.count, Self.isDigit(bytes[position]) else { throw Irregular() }
      while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
      isFloat = true
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard position < bytes.count, Self.isDigit(bytes[position]) else { throw Irregular() }
      while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
      isFloat = true
    }
    return (start..<position, isFloat)
  }

  private mutating func literal(_ text: StaticString) throws(Irregular) {
    let count = text.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw Irregular() }
    for i in 0..<count where bytes[position + i] != text.utf8Start[i] { throw Irregular() }
    position += count
  }

  // MARK: - Bytes

  private func peek() throws(Irregular) -> UInt8 {
    guard position < bytes.count else { throw Irregular() }
    return bytes[position]
  }

  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x09, 0x0D: position += 1
      default: return
      }
    }
  }

  /// Notes field `bit` as seen; a field seen twice gives up (the parser keeps the last, the scan the first).
  private static func mark(_ bit: Int, in seen: inout UInt32) throws(Irregular) {
    let flag: UInt32 = 1 << UInt32(bit)
    guard seen & flag == 0 else { throw Irregular() }
    seen |= flag
  }

  private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    for i in 0..<bytes.count where bytes[i] != text.utf8Start[i] { return false }
    return true
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }


  /// A value the parser reads from `bytes` with no UTF-8 problem.
  private static func value(_ bytes: UnsafeBufferPointer<UInt8>) throws(Irregular) -> JSONValue {
    guard let (value, invalidUTF8) = try? JSONParser.parseReportingUTF8(bytes), !invalidUTF8 else { throw Irregular() }
    return value
  }

}
