/// One block that matches a query, with where it is and a snippet of the match.
public struct SearchHit: Hashable, Sendable {
  /// A place in a trajectory: a turn and a block of its output (`block` -1 is the turn's prompt).
  public typealias Step = BlockPlace

  /// What kind of block matched.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// The user's message that opened a turn.
    case prompt
    /// Assistant text.
    case text
    /// Reasoning text.
    case thinking
    /// A tool call: its name, arguments and output.
    case toolCall = "tool_call"
  }

  /// Which part of the block the snippet is from.
  public enum Field: String, Hashable, Sendable {
    /// A prompt's text, a text or a thinking block.
    case text
    /// A tool call's name.
    case toolName = "tool_name"
    /// A tool call's arguments (as `key: value` lines).
    case arguments
    /// A tool call's output.
    case output
  }

  /// The session.
  public var sessionID: String
  /// The block's place: for a block of a subagent, first the tool calls that ran it (outermost first),
  /// then the block in the subagent's trajectory; for a block of the session itself, only the block.
  public var location: [Step]
  /// What kind of block it is.
  public var kind: Kind
  /// The tool's name, for a tool call.
  public var toolName: String?
  /// Where the first match is.
  public var field: Field
  /// The first match's offset in the field's text, in UTF-8 bytes.
  public var offset: Int
  /// The line of the field's text the first match is on, 0-based.
  public var line: Int
  /// The text of the first match as it is in the block.
  public var matchedText: String
  /// A line of context around the match, safe to print (controls shown visibly, line breaks as `⏎`).
  public var snippet: String
  /// The matches within ``snippet``, as ranges of its characters.
  public var highlights: [Range<Int>]
  /// The session's facts, for showing the hit in a list.
  public var session: IndexedSession

  /// The session's own turn the block belongs to (for a subagent's block, the turn that called it).
  public var turn: Int { location[0].turn }
  /// The session's own block the hit is in (for a subagent's block, the tool call that ran it); nil for
  /// a prompt.
  public var block: Int? { location[0].block < 0 ? nil : location[0].block }
  /// The tool calls leading to the subagent the block is in; empty for the session's own blocks.
  public var subagentSteps: [Step] { Array(location.dropLast()) }
  /// The block's place in its own trajectory (the session's or a subagent's).
  public var innermost: Step { location[location.count - 1] }
  /// How many subagents deep the block is: 0 for the session's own.
  public var depth: Int { location.count - 1 }

  /// Where the block is, in words: `turn 3`, or `turn 3 › subagent turn 1` for a subagent's block.
  public var placeDescription: String {
    location.dropFirst().reduce("turn \(turn)") { $0 + " › subagent turn \($1.turn)" }
  }

  /// What the block is and where in it the match is: `prompt`, `thinking, line 4`, `tool call Bash
  /// output, line 12`; safe to print.
  public var kindDescription: String {
    var what = kind == .toolCall ? "tool call" : kind.rawValue
    if let toolName { what += " " + TextSanitizer.singleLine(toolName, limit: 40) }
    if kind == .toolCall && field != .toolName { what += " " + field.rawValue }
    if line > 0 { what += ", line \(line + 1)" }
    return what
  }
}

/// A page of hits.
public struct SearchResults: Hashable, Sendable {
  /// The hits, in the query's order.
  public var hits: [SearchHit]
  /// All blocks that match, when counted.
  public var total: Int?
  /// Where the next page starts; nil when there is none.
  public var next: SearchCursor?

  /// Creates a page.
  public init(hits: [SearchHit], total: Int?, next: SearchCursor?) {
    self.hits = hits
    self.total = total
    self.next = next
  }
}

/// Where a page of hits goes on from.
public struct SearchCursor: Hashable, Sendable {
  /// Hits skipped so far.
  public var offset: Int
  /// The last hit's key (newest-first order goes on below it).
  public var lastKey: Int64

  /// Creates a cursor.
  public init(offset: Int, lastKey: Int64) {
    self.offset = offset
    self.lastKey = lastKey
  }
}
