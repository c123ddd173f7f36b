import CawCore

/// The bottom row: the prompt being typed, a message, or key hints from the keymap and the search counter.
enum FooterBar {
  /// What the bar draws, taken from the app's state.
  struct Model {
    /// The dialog open, whose keys the bar lists.
    var dialog: Dialog?
    /// The prompt being typed.
    var prompt: Prompt?
    /// Whether the search of every session is shown (its keys are listed).
    var finder: Bool
    /// A message, shown until the next key.
    var message: String?
    /// What the right end says: the search's counter, or that long outputs are still being searched.
    var right: String

    /// The bar's part of `state`.
    init(_ state: AppState) {
      dialog = state.dialog
      prompt = state.prompt
      finder = state.showingFinder
      message = state.message
      right = state.search?.counter ?? ""
      // No match yet while the long outputs left in their files are still being searched: say so.
      if let search = state.search, search.matches.isEmpty, let outputs = state.outputSearch, !outputs.done,
        outputs.needle == search.query.lowercased()
      {
        right = "searching long tool outputs for \"\(search.query)\"…"
      }
    }
  }

  /// Draws the bar into `area`.
  static func render(_ model: Model, keymap: Keymap, context: KeyContext, into grid: inout CellGrid, area: Rect) {
    guard !area.isEmpty else { return }
    grid.fill(area, role: .footer)
    if let dialog = model.dialog {
      grid.put(
        DialogOverlay.hints(dialog).flatMap { [Span($0.key, .key), Span(" \($0.what)  ", .footer)] }, column: area.x,
        row: area.y, maxWidth: area.width, clip: area)
      return
    }
    if model.finder {
      let hints = [("Enter", "open"), ("↑↓", "move"), ("^U", "clear"), ("Esc", "close")]
      grid.put(
        hints.flatMap { [Span($0.0, .key), Span(" \($0.1)  ", .footer)] }, column: area.x, row: area.y,
        maxWidth: area.width, clip: area)
      return
    }
    if let prompt = model.prompt {
      let label = prompt.purpose == .filter ? "filter: " : "search: "
      grid.put(
        [Span(label, .key), Span(prompt.text + "▏", .prompt), Span("  Enter done · Esc cancel", .dim)], column: area.x,
        row: area.y, maxWidth: area.width, clip: area)
      return
    }
    if let message = model.message {
      // A message (an error, a result, a reason) gets the whole row until the next key.
      grid.put(
        Truncate.fit(message, area.width), column: area.x, row: area.y, maxWidth: area.width, role: .prompt, clip: area)
      return
    }
    let right = model.right
    let rightWidth = min(DisplayWidth.of(right), area.width / 2)
    let room = area.width - rightWidth - (rightWidth > 0 ? 1 : 0)
    var spans: [Span] = []
    var used = 0
    let hints = keymap.bindings(in: context).filter { $0.footer != nil }
    let isGeneral: (Binding) -> Bool = { $0.command == .help || $0.command == .quit }
    // Hints that do not fit are left out whole, never cut mid-word.
    for binding in hints.filter(isGeneral) + hints.filter({ !isGeneral($0) }) {
      let key = binding.keys[0].description
      let label = " " + (binding.footer ?? "")
      let width = DisplayWidth.of(key + label)
      guard used + width <= room else { break }
      spans += [Span(key, .key), Span(label + "  ", .footer)]
      used += width + 2
    }
    grid.put(spans, column: area.x, row: area.y, maxWidth: room, clip: area)
    if rightWidth > 0 {
      grid.put(
        Truncate.fit(right, rightWidth), column: area.maxX - rightWidth, row: area.y, maxWidth: rightWidth,
        role: .match, clip: area)
    }
  }
}
