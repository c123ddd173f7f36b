import CawCore

/// A turn's transcript: the user's message, then text, thinking and tool calls in order.
public enum TranscriptDocument {
  /// The rows of turn `turn` at `width`; thinking is folded to one row unless `showThinking`.
  public static func build(_ turn: Turn, index: Int, inProgress: Bool, showThinking: Bool, width: Int) -> [DocumentLine]
  {
    var doc = DocumentBuilder(width: width)
    doc.row(
      [Span("▌ User", .userMessage), Span("  turn \(index)" + (inProgress ? "  ● in progress" : ""), .dim)],
      heading: .message)
    doc.text(turn.input, role: .normal)
    for (i, block) in turn.output.enumerated() {
      doc.blank()
      switch block {
      case .text(let text):
        doc.row([Span("▌ Assistant", .header)], block: i, heading: .message)
        doc.text(text, block: i)
      case .thinking(let text):
        if showThinking {
          doc.row([Span("▌ Thinking", .thinking), Span("  (t hides)", .dim)], block: i, heading: .message)
          doc.text(text, role: .thinking, block: i)
        } else {
          let lines = TextWrap.lines(text, width: max(width - 2, 1)).count
          doc.row(
            [Span("▸ Thinking", .thinking), Span("  \(lines) line\(lines == 1 ? "" : "s") hidden (t shows)", .dim)],
            block: i, heading: .message)
        }
      case .toolUse(let call):
        var head = [Span("▸ ", .toolName), Span(TextSanitizer.singleLine(call.name), .toolName)]
        if call.isError { head.append(Span("  ✗ error", .error)) }
        let runningSubagent = inProgress && call.output.isEmpty && !call.isError ? call.subagentTrajectory : nil
        if let sub = runningSubagent {
          head.append(
            Span("  ● subagent running: \(TextSanitizer.singleLine(sub.agent)), \(Self.progress(sub))", .statusRunning))
        } else if let sub = call.subagentTrajectory {
          head.append(
            Span(
              "  subagent: \(sub.turns.count) turn\(sub.turns.count == 1 ? "" : "s"), \(Format.cost(sub.totalUsage.cost))",
              .dim))
        }
        head.append(Span("  Enter opens", .dim))
        doc.row(head, block: i, heading: .toolCall)
        doc.row([Span("  " + ToolCallDocument.argumentSummary(call), .dim)], block: i)
        if let sub = runningSubagent {
          for line in Self.latest(sub, width: width) { doc.row([Span("  ↳ " + line, .dim)], block: i) }
        }
        var preview: [String] = []
        var linesShown = 0
        while preview.count < 3, linesShown < 3 {
          let next = TextWrap.firstLines(call.output, linesShown + 1, width: max(width - 4, 1))
          guard next.count > preview.count else { break }
          preview = next
          linesShown += 1
        }
        for line in preview.prefix(3) {
          doc.row([Span("  │ " + line, call.isError ? .error : .normal)], block: i)
        }
        let more = ToolCallDocument.outputLineCount(call) - linesShown
        if more > 0 { doc.row([Span("  │ … \(more) more line\(more == 1 ? "" : "s")", .dim)], block: i) }
      }
    }
    if inProgress {
      doc.blank()
      doc.row([Span("● turn in progress…", .statusRunning)])
    }
    return doc.lines
  }

  /// A running subagent's progress: its blocks and tool calls so far.
  static func progress(_ sub: Trajectory) -> String {
    let blocks = sub.turns.last?.output ?? []
    let calls = blocks.filter { $0.toolUse != nil }.count
    return "\(blocks.count) block\(blocks.count == 1 ? "" : "s"), \(calls) tool call\(calls == 1 ? "" : "s") so far"
  }

  /// The last few blocks a running subagent recorded, one line each, nested running subagents marked.
  static func latest(_ sub: Trajectory, width: Int) -> [String] {
    (sub.turns.last?.output ?? []).suffix(4).map { block in
      let limit = max(width - 6, 8)
      switch block {
      case .text(let text): return TextSanitizer.preview(text, limit: limit)
      case .thinking(let text): return "thinking: " + TextSanitizer.preview(text, limit: limit)
      case .toolUse(let call):
        let nested =
          call.subagentTrajectory != nil && call.output.isEmpty && !call.isError ? "  ● subagent running" : ""
        return TextSanitizer.singleLine(
          "⚙ \(call.name) \(ToolCallDocument.argumentSummary(call))", limit: limit - nested.count) + nested
      }
    }
  }
}
