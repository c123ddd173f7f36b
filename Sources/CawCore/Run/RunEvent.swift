/// What happens while a turn runs, in order, for a live display.
public enum RunEvent: Sendable, Equatable {
  /// The CLI is about to start with this command line.
  case launched(Invocation)
  /// A new block appeared at `index` of the turn's output.
  case blockAdded(index: Int, ContentBlock)
  /// The block at `index` changed (a tool call got its output or error).
  case blockUpdated(index: Int, ContentBlock)
  /// A stdout line was not a JSON object and was skipped (it is kept in the raw output file).
  case skippedLine(number: Int, reason: String)
  /// The turn finished and was recorded under `index`; `costKnown` is false when its model has no price.
  case turnRecorded(index: Int, Turn, costKnown: Bool)
  /// The turn hit a usage limit; caw would wait this long before continuing.
  case usageLimited(UsageLimit)
}
