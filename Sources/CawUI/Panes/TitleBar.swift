import CawCore

/// The top row: the app's name, breadcrumbs of the drill-down, the data directory.
enum TitleBar {
  /// What the bar draws, taken from the app's state.
  struct Model {
    /// The path to the current page.
    var crumbs: [String]
    /// Runs being recorded.
    var runs: Int
    /// The data directory shown.
    var dataDirectory: String

    /// The bar's part of `state`.
    init(_ state: AppState) {
      crumbs = TitleBar.breadcrumbs(state)
      runs = state.runs.count
      dataDirectory = state.dataDirectory
    }
  }

  /// Draws the bar into `area`.
  static func render(_ model: Model, into grid: inout CellGrid, area: Rect) {
    guard !area.isEmpty else { return }
    grid.fill(area, role: .titleBar)
    let crumbs = fitted(model.crumbs, width: area.width - 11)
    let used = grid.put(
      " caw-tui  " + crumbs + " ", column: area.x, row: area.y, maxWidth: area.width, role: .titleBar, clip: area)
    let runs = model.runs == 0 ? "" : "▶ \(model.runs) run\(model.runs == 1 ? "" : "s") · "
    let dir = " " + runs + TextSanitizer.singleLine(model.dataDirectory) + " "
    let room = area.width - used
    if room > 12 {
      let shown = Truncate.fit(dir, room - 1)
      grid.put(
        shown, column: area.maxX - DisplayWidth.of(shown), row: area.y, maxWidth: room, role: .titleBar, clip: area)
    }
  }

  /// The crumbs joined, dropping the oldest ones for `…` when they do not fit: the current page stays visible.
  static func fitted(_ crumbs: [String], width: Int) -> String {
    var shown = crumbs
    var text = shown.joined(separator: " › ")
    while DisplayWidth.of(text) > width, shown.count > 1 {
      shown.removeFirst()
      text = "… › " + shown.joined(separator: " › ")
    }
    return text
  }

  /// The path to the current page: `Sessions › 5f0c2a9e › turn 0 › Edit`.
  static func breadcrumbs(_ state: AppState) -> [String] {
    var crumbs = ["Sessions"]
    if let id = state.selectedID, state.focus != .sessions || !state.stack.isEmpty {
      crumbs.append(String(id.prefix(8)))
    }
    for page in state.stack.map(\.page) {
      switch page {
      case .browser: break
      case .subagent:
        crumbs.append("↳ subagent")
      case .transcript(_, let turn):
        crumbs.append("turn \(turn)")
      case .toolCall(let path, let step):
        crumbs.append(TextSanitizer.singleLine(state.toolCall(at: path, step)?.name ?? "tool call", limit: 40))
      }
    }
    return crumbs
  }
}
