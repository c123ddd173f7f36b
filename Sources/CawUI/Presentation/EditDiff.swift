import CawCore

/// A file-editing tool call (``FileEdit``) as styled unified-diff lines.
public enum EditDiff {
  /// The diff lines for `call`, or nil when it is not a file edit.
  public static func lines(for call: ToolUse) -> [Span]? {
    FileEdit(call)?.diffLines.map { line in
      switch line.kind {
      case .header: Span(line.text, .diffHeader)
      case .removed: Span(line.text, .diffRemoved)
      case .added: Span(line.text, .diffAdded)
      case .context: Span(line.text, .normal)
      }
    }
  }
}
