import CawCore

/// One tool call in full: name, arguments pretty-printed, a diff for file edits, the output.
public enum ToolCallDocument {
  /// Output rows shown before `w` shows the rest.
  public static let collapsedOutputLines = 20

  /// The rows for `call` at `width`; the output is cut to `collapsedOutputLines` unless `expanded`. An
  /// output left in its file shows its head until `wholeOutput` is read. `outputFrom` names the agent's
  /// own record when the output is from there (caw recorded none).
  public static func build(
    _ call: ToolUse, expanded: Bool, wholeOutput: String? = nil, outputFrom: SessionOrigin? = nil, width: Int
  ) -> [DocumentLine] {
    var doc = DocumentBuilder(width: width)
    var head = [
      Span(TextSanitizer.singleLine(call.name), .toolName), Span("  id \(TextSanitizer.singleLine(call.id))", .dim),
    ]
    if call.isError {
      head.append(Span("  ✗ error", .error))
    } else if call.subagentTrajectory != nil, call.output.isEmpty {
      head.append(Span("  ● subagent running", .statusRunning))  // attached before its result: shown live
    } else {
      head.append(Span("  ✓ ok", .statusFinished))
    }
    doc.row(head)
    if let sub = call.subagentTrajectory {
      doc.blank()
      doc.row([
        Span("▸ Subagent ", .header),
        Span(
          "\(TextSanitizer.singleLine(sub.agent)) · \(TextSanitizer.singleLine(sub.model)) · \(sub.turns.count) turn\(sub.turns.count == 1 ? "" : "s") · \(Format.cost(sub.totalUsage.cost))"
        ),
        Span("  Enter opens it", .dim),
      ])
    }
    doc.blank()
    doc.row([Span("Arguments", .header)])
    doc.text(JSONPretty.indented(call.arguments))
    if let diff = EditDiff.lines(for: call) {
      doc.blank()
      doc.row([Span("Diff", .header)])
      for span in diff {
        for row in TextWrap.lines(span.text, width: width - 2) {
          doc.row([Span("  "), Span(row, span.role)])
        }
      }
    }
    doc.blank()
    let lineCount = outputLineCount(call)
    doc.row([
      Span(call.isError ? "Output (error)" : "Output", call.isError ? .error : .header),
      Span("  \(lineCount) line\(lineCount == 1 ? "" : "s")", .dim),
    ])
    if let outputFrom {
      doc.row([Span("  from \(outputFrom.rawValue)'s own record: caw recorded no output", .dim)])
    }
    let output = wholeOutput ?? call.output
    let reading = expanded && call.deferredOutput != nil && wholeOutput == nil
    let shown =
      expanded && !reading
      ? TextWrap.lines(output, width: width - 2)
      : TextWrap.firstLines(output, collapsedOutputLines, width: width - 2)
    for row in shown {
      doc.row([Span("  " + row, call.isError ? .error : .normal)])
    }
    if reading, let deferred = call.deferredOutput {
      doc.row([Span("  … reading the whole output (\(Format.bytes(deferred.byteCount)))", .dim)])
    } else if !expanded, lineCount > collapsedOutputLines {
      doc.row([Span("  … \(lineCount - collapsedOutputLines) more lines — w shows all", .dim)])
    } else if expanded, lineCount > collapsedOutputLines {
      doc.row([Span("  (w folds the output)", .dim)])
    }
    return doc.lines
  }

  /// How many lines `call`'s output has, also when its session's read left it in the file.
  public static func outputLineCount(_ call: ToolUse) -> Int {
    call.deferredOutput?.lineCount ?? TextWrap.lineCount(call.output)
  }

  /// The arguments on one line: `key: value, …`, for the transcript.
  public static func argumentSummary(_ call: ToolUse) -> String {
    guard let object = call.arguments.objectValue else {
      return TextSanitizer.preview(JSONPretty.compact(call.arguments), limit: 200)
    }
    let parts = object.map { key, value in
      "\(key): " + (value.stringValue ?? JSONPretty.compact(value))
    }
    return TextSanitizer.preview(parts.joined(separator: ", "), limit: 200)
  }
}
