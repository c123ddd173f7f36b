import CawCore

/// Turns a file-editing tool call into unified-diff lines: Claude's `Edit`, `MultiEdit` and `Write`,
/// opencode's `edit` and `write`, codex's `apply_patch` and `file_change`.
public enum EditDiff {
  /// The diff lines for `call`, or nil when it is not a file edit.
  public static func lines(for call: ToolUse) -> [Span]? {
    let args = call.arguments
    let path = args["file_path"]?.stringValue ?? args["filePath"]?.stringValue ?? args["path"]?.stringValue ?? "?"
    switch call.name {
    case "Edit", "edit":
      guard let old = string(args, "old_string", "oldString"), let new = string(args, "new_string", "newString")
      else { return nil }
      return header(path) + hunk(old, new, title: "@@ edit @@")
    case "MultiEdit":
      guard let edits = args["edits"]?.arrayValue else { return nil }
      var lines = header(path)
      for (n, edit) in edits.enumerated() {
        lines += hunk(
          string(edit, "old_string", "oldString") ?? "", string(edit, "new_string", "newString") ?? "",
          title: "@@ edit \(n + 1) of \(edits.count) @@")
      }
      return lines
    case "Write", "write":
      guard let content = args["content"]?.stringValue else { return nil }
      return [Span("--- /dev/null", .diffHeader), Span("+++ " + prefixed("b/", path), .diffHeader)]
        + hunk("", content, title: "@@ new file @@")
    case "apply_patch":
      guard let patch = args["input"]?.stringValue ?? args["patch"]?.stringValue ?? args.stringValue else { return nil }
      return patchLines(patch)
    case "file_change":
      guard let changes = args["changes"]?.arrayValue else { return nil }
      var lines: [Span] = []
      for change in changes {
        let kind = change["kind"]?.stringValue ?? change["type"]?.stringValue ?? "change"
        lines.append(Span("\(kind) \(change["path"]?.stringValue ?? "?")", .diffHeader))
        if let diff = change["unified_diff"]?.stringValue ?? change["diff"]?.stringValue {
          lines += patchLines(diff)
        }
      }
      return lines
    default:
      return nil
    }
  }

  private static func string(_ value: JSONValue, _ keys: String...) -> String? {
    keys.lazy.compactMap { value[$0]?.stringValue }.first
  }

  private static func header(_ path: String) -> [Span] {
    [Span("--- " + prefixed("a/", path), .diffHeader), Span("+++ " + prefixed("b/", path), .diffHeader)]
  }

  /// `a/src/x.py` for a relative path, as git writes it; an absolute path as it is.
  private static func prefixed(_ side: String, _ path: String) -> String {
    path.hasPrefix("/") ? path : side + path
  }

  private static func hunk(_ old: String, _ new: String, title: String) -> [Span] {
    [Span(title, .diffHeader)]
      + LineDiff.diff(old, new).map { line in
        switch line {
        case .same(let text): Span(" " + text, .normal)
        case .removed(let text): Span("-" + text, .diffRemoved)
        case .added(let text): Span("+" + text, .diffAdded)
        }
      }
  }

  private static func patchLines(_ patch: String) -> [Span] {
    patch.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      if line.hasPrefix("+++") || line.hasPrefix("---") || line.hasPrefix("@@") || line.hasPrefix("***") {
        return Span(String(line), .diffHeader)
      }
      if line.hasPrefix("+") { return Span(String(line), .diffAdded) }
      if line.hasPrefix("-") { return Span(String(line), .diffRemoved) }
      return Span(String(line), .normal)
    }
  }
}
