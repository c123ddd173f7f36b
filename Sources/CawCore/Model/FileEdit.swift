/// What a file-editing tool call changed, read from its arguments in each agent's shape: Claude Code's
/// `Edit`, `MultiEdit` and `Write`, opencode's `edit` and `write`, codex's `apply_patch` and
/// `file_change`. Every surface that shows a tool call (the TUI, exports) shows it as a diff.
public enum FileEdit: Sendable, Equatable {
  /// Text replaced in one file: one replacement (`Edit`) or several in order (`MultiEdit`).
  case replace(path: String, [Replacement], numbered: Bool)
  /// A file written whole.
  case write(path: String, content: String)
  /// A patch as the agent wrote it (unified diff, or codex's `*** Begin Patch` format).
  case patch(String)
  /// Files codex reported changed, each with its diff when it gave one.
  case changes([Change])

  /// One replacement: `old` text by `new`.
  public struct Replacement: Sendable, Equatable {
    /// The text replaced.
    public var old: String
    /// The text put in its place.
    public var new: String

    /// A replacement of `old` by `new`.
    public init(old: String, new: String) {
      self.old = old
      self.new = new
    }
  }

  /// One file of a codex `file_change`.
  public struct Change: Sendable, Equatable {
    /// `add`, `delete`, `update`, … as codex names it.
    public var kind: String
    /// The file.
    public var path: String
    /// Its unified diff, when codex gave one.
    public var diff: String?

    /// A changed file.
    public init(kind: String, path: String, diff: String?) {
      self.kind = kind
      self.path = path
      self.diff = diff
    }
  }

  /// The edit `call` made, nil when it is not a file edit (or its arguments are not an edit's).
  public init?(_ call: ToolUse) {
    let args = call.arguments
    let path = args["file_path"]?.stringValue ?? args["filePath"]?.stringValue ?? args["path"]?.stringValue ?? "?"
    switch call.name {
    case "Edit", "edit":
      guard let old = Self.string(args, "old_string", "oldString"),
        let new = Self.string(args, "new_string", "newString")
      else { return nil }
      self = .replace(path: path, [Replacement(old: old, new: new)], numbered: false)
    case "MultiEdit":
      guard let edits = args["edits"]?.arrayValue else { return nil }
      let replacements = edits.map {
        Replacement(
          old: Self.string($0, "old_string", "oldString") ?? "", new: Self.string($0, "new_string", "newString") ?? "")
      }
      self = .replace(path: path, replacements, numbered: true)
    case "Write", "write":
      guard let content = args["content"]?.stringValue else { return nil }
      self = .write(path: path, content: content)
    case "apply_patch":
      guard let patch = args["input"]?.stringValue ?? args["patch"]?.stringValue ?? args.stringValue else { return nil }
      self = .patch(patch)
    case "file_change":
      guard let changes = args["changes"]?.arrayValue else { return nil }
      self = .changes(
        changes.map { change in
          Change(
            kind: change["kind"]?.stringValue ?? change["type"]?.stringValue ?? "change",
            path: change["path"]?.stringValue ?? "?",
            diff: change["unified_diff"]?.stringValue ?? change["diff"]?.stringValue)
        })
    default:
      return nil
    }
  }

  /// The edit as unified-diff lines, each with what it is.
  public var diffLines: [DiffLine] {
    switch self {
    case .replace(let path, let replacements, let numbered):
      var lines = Self.header(path)
      for (n, replacement) in replacements.enumerated() {
        lines += Self.hunk(
          replacement.old, replacement.new,
          title: numbered ? "@@ edit \(n + 1) of \(replacements.count) @@" : "@@ edit @@")
      }
      return lines
    case .write(let path, let content):
      return [DiffLine("--- /dev/null", .header), DiffLine("+++ " + Self.prefixed("b/", path), .header)]
        + Self.hunk("", content, title: "@@ new file @@")
    case .patch(let patch):
      return Self.patchLines(patch)
    case .changes(let changes):
      return changes.flatMap { change in
        [DiffLine("\(change.kind) \(change.path)", .header)] + (change.diff.map(Self.patchLines) ?? [])
      }
    }
  }

  /// One line of a diff.
  public struct DiffLine: Sendable, Equatable {
    /// What a line of a diff is.
    public enum Kind: Sendable, Equatable {
      /// File names, hunk headers.
      case header
      /// A line taken out.
      case removed
      /// A line put in.
      case added
      /// A line kept, shown for context.
      case context
    }

    /// The line as a diff shows it (with its `-`, `+` or space).
    public var text: String
    /// What it is.
    public var kind: Kind

    /// A line of a diff.
    public init(_ text: String, _ kind: Kind) {
      self.text = text
      self.kind = kind
    }
  }

  // MARK: - Helpers

  private static func string(_ value: JSONValue, _ keys: String...) -> String? {
    keys.lazy.compactMap { value[$0]?.stringValue }.first
  }

  private static func header(_ path: String) -> [DiffLine] {
    [DiffLine("--- " + prefixed("a/", path), .header), DiffLine("+++ " + prefixed("b/", path), .header)]
  }

  /// `a/src/x.py` for a relative path, as git writes it; an absolute path as it is.
  private static func prefixed(_ side: String, _ path: String) -> String {
    path.hasPrefix("/") ? path : side + path
  }

  private static func hunk(_ old: String, _ new: String, title: String) -> [DiffLine] {
    [DiffLine(title, .header)]
      + LineDiff.diff(old, new).map { line in
        switch line {
        case .same(let text): DiffLine(" " + text, .context)
        case .removed(let text): DiffLine("-" + text, .removed)
        case .added(let text): DiffLine("+" + text, .added)
        }
      }
  }

  private static func patchLines(_ patch: String) -> [DiffLine] {
    patch.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      if line.hasPrefix("+++") || line.hasPrefix("---") || line.hasPrefix("@@") || line.hasPrefix("***") {
        return DiffLine(String(line), .header)
      }
      if line.hasPrefix("+") { return DiffLine(String(line), .added) }
      if line.hasPrefix("-") { return DiffLine(String(line), .removed) }
      return DiffLine(String(line), .context)
    }
  }
}
