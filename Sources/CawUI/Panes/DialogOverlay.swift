import CawCore

/// Draws the open dialog as a framed box in the middle of the body, and names its keys for the footer.
enum DialogOverlay {
  /// Draws `dialog` into `area`.
  static func render(_ dialog: Dialog, into grid: inout CellGrid, area: Rect) {
    let (title, lines) = content(dialog)
    let width = min(
      max(lines.map { DisplayWidth.of($0.map(\.text).joined()) }.max() ?? 0, DisplayWidth.of(title)) + 6, area.width)
    let height = min(lines.count + 4, area.height)
    guard width >= 6, height >= 3 else { return }
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + max((area.height - height) / 3, 0), width: width,
      height: height)
    BoxFrame.draw(box, title: title, into: &grid)
    let inner = box.inset(1)
    for (n, line) in lines.enumerated() where n + 1 < inner.height {
      grid.put(
        fitted(line, inner.width - 2), column: inner.x + 1, row: inner.y + 1 + n, maxWidth: inner.width - 2, clip: inner
      )
    }
  }

  /// `line` in `width` cells, ending in `…` where it was cut (a narrow terminal does not hide that a
  /// command goes on).
  static func fitted(_ line: [Span], _ width: Int) -> [Span] {
    var out: [Span] = []
    var used = 0
    for span in line {
      let w = DisplayWidth.of(span.text)
      guard used + w > width else {
        out.append(span)
        used += w
        continue
      }
      out.append(Span(Truncate.fit(span.text, max(width - used, 0)), span.role))
      break
    }
    return out
  }

  /// The dialog's keys, for the footer.
  static func hints(_ dialog: Dialog) -> [(key: String, what: String)] {
    switch dialog {
    case .resume, .exportPath: [("Enter", "ok"), ("Esc", "cancel"), ("^U", "clear")]
    case .newSession(let form):
      [("Tab/↓", "next field"), ("↑", "previous"), ("Enter", form.startsOnEnter ? "start" : "next"), ("Esc", "cancel")]
        + (form.field == .mode ? [("Space", "switch")] : [])
    case .exportFormat: [("Enter/j", "caw JSON"), ("m", "Markdown"), ("a", "ATIF"), ("Esc", "cancel")]
    case .confirmOverwrite, .confirmStop: [("y", "yes"), ("n", "no")]
    case .copy(let choices):
      (choices.message == nil ? [] : [("m", "message")]) + [("h", "handle"), ("c", "command")]
        + (choices.nativeCommand == nil ? [] : [("n", "CLI command")]) + [("Esc", "cancel")]
    case .quitWithRuns: [("s", "stop them and quit"), ("l", "leave them running and quit"), ("Esc", "stay")]
    }
  }

  /// The title and lines of `dialog`.
  static func content(_ dialog: Dialog) -> (String, [[Span]]) {
    func field(_ text: String) -> [Span] { [Span(TextSanitizer.singleLine(text) + "▏", .prompt)] }
    func line(_ text: String, _ role: StyleRole = .normal) -> [Span] { [Span(text, role)] }
    switch dialog {
    case .resume(let id, let directory, let text):
      return (
        "Resume \(id.prefix(8))",
        [line("It runs " + TextSanitizer.singleLine(directory), .dim), line("Message:"), field(text)]
      )
    case .newSession(let form):
      var lines: [[Span]] = []
      for each in NewSessionForm.Field.allCases {
        let label = each.label.padding(toLength: 15)
        let value = TextSanitizer.singleLine(form.values[each])
        lines.append(
          each == form.field
            ? [Span(label, .key), Span(value + "▏", .prompt)] : [Span(label, .dim), Span(value)])
      }
      lines.append(line(""))
      lines.append(line(form.field.hint, .dim))
      return ("New session", lines)
    case .exportFormat(let path):
      return (
        "Export " + target(path),
        [
          line("j  caw trajectory JSON (read and resumed by Python caw; Enter)"), line("m  Markdown transcript"),
          line("a  ATIF v1.8 (Harbor's Agent Trajectory Interchange Format)"),
        ]
      )
    case .exportPath(let path, let format, let text):
      return ("Export " + target(path) + " as \(format.rawValue)", [line("File:"), field(text)])
    case .confirmOverwrite(_, _, let file):
      return ("File exists", [line(TextSanitizer.singleLine(file)), line("Replace it? y / n")])
    case .confirmStop(let run):
      return (
        "Stop run",
        [
          line("Stop the \(run.provider) run recording \(run.sessionID.prefix(8)) (pid \(run.pid))?"),
          line("The agent's process group is terminated; recorded turns are kept. y / n", .dim),
        ]
      )
    case .copy(let choices):
      var lines = choices.message == nil ? [] : [line("m  \(choices.messageLabel)")]
      lines += [line("h  the resume handle"), line("c  the caw-tui resume command")]
      if let native = choices.nativeCommand {
        lines += [line("n  \(choices.nativeLabel): \(TextSanitizer.singleLine(native, limit: 60))")]
      }
      return ("Copy for \(choices.sessionID.prefix(8))", lines)
    case .quitWithRuns(let runs):
      let listed = runs.prefix(5).map {
        line("▶ \($0.sessionID.prefix(8))  \($0.provider)  pid \($0.pid)", .statusRunning)
      }
      return (
        "\(runs.count) run\(runs.count == 1 ? " is" : "s are") recording",
        listed + [
          line(""), line("s  stop them, then quit"), line("l  leave them running (they keep recording) and quit"),
          line("Esc  stay"),
        ]
      )
    }
  }

  private static func target(_ path: TrajectoryPath) -> String {
    String(path.sessionID.prefix(8)) + (path.steps.isEmpty ? "" : " › subagent")
  }
}

extension String {
  /// The string padded with spaces (or cut) to `length` characters.
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? String(prefix(length)) : self + String(repeating: " ", count: length - count)
  }
}
