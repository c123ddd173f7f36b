/// The state of one running turn: its stdout spool, its parser, and what has been reported so far.
final class TurnRecorder: @unchecked Sendable {
  /// Thrown from the line handler to stop the CLI when the stream reports a fatal error.
  struct Stop: Error { var message: String }

  /// The user's message.
  let message: String
  /// The provider's stream parser.
  var parser: any StreamParser
  /// Where the raw stdout lines go.
  let spool: RawOutputSpool
  /// Lines that were not JSON objects.
  private(set) var skippedLines = 0
  /// Whether the turn ever had a block (so a snapshot may be on disk).
  private(set) var sawBlocks = false
  private var reported: [ContentBlock] = []
  private let onEvent: @Sendable (RunEvent) -> Void
  private let log: SessionLog?

  init(
    message: String, parser: any StreamParser, spool: RawOutputSpool, log: SessionLog? = nil,
    onEvent: @escaping @Sendable (RunEvent) -> Void
  ) {
    self.message = message
    self.parser = parser
    self.spool = spool
    self.log = log
    self.onEvent = onEvent
  }

  /// Spools and parses one line; returns whether it was a JSON event (caw's step callback runs then).
  func take(_ line: StdoutLine) throws(CawError) -> Bool {
    switch line {
    case .oversized(let count):
      try spool.append(Array("[caw-tui: a \(count)-byte line was dropped]".utf8))
      skip("a \(count)-byte line is longer than caw-tui keeps")
      return false
    case .line(let bytes):
      try spool.append(bytes)
      guard let event = StreamLine.event(bytes) else {
        if !StreamLine.isBlank(bytes) { skip("not a JSON object") }
        return false
      }
      parser.consume(event)
      report()
      return true
    }
  }

  private func skip(_ reason: String) {
    skippedLines += 1
    onEvent(.skippedLine(number: spool.lineCount, reason: reason))
  }

  /// Reports blocks that appeared or changed since the last line.
  private func report() {
    let blocks = parser.draft.blocks
    if !blocks.isEmpty { sawBlocks = true }
    for (index, block) in blocks.enumerated() {
      if index >= reported.count {
        log?.blockAdded(block)
        onEvent(.blockAdded(index: index, block))
      } else if reported[index] != block {
        if let call = block.toolUse, let before = reported[index].toolUse,
          call.output != before.output || call.isError != before.isError
        {
          log?.toolResult(call)
        }
        onEvent(.blockUpdated(index: index, block))
      }
    }
    reported = blocks
  }
}
