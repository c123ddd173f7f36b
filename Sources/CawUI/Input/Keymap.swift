/// The one table of key bindings: it drives dispatch, the footer hints and the `?` help.
public struct Keymap: Hashable, Sendable {
  /// Every binding, in the order help lists them.
  public var bindings: [Binding]

  /// Creates a keymap.
  public init(_ bindings: [Binding]) {
    self.bindings = bindings
  }

  /// The command `key` runs in `context`, if any.
  public func command(for key: Key, in context: KeyContext) -> Command? {
    bindings.first { $0.applies(in: context) && $0.keys.contains(key) }?.command
  }

  /// The bindings that apply in `context`.
  public func bindings(in context: KeyContext) -> [Binding] {
    bindings.filter { $0.applies(in: context) }
  }

  /// The default keys: arrows and vim keys, Tab between panes, Enter/Esc in and out, `q` back out of a page (as
  /// in tig and less) and quit from the browser. A key runs one command wherever it is bound, except `/` (find),
  /// `n` (next match where a search can be, new session in the browser) and `q`.
  public static let standard = Keymap([
    Binding([.character("j"), .down], .down, "Move down"),
    Binding([.character("k"), .up], .up, "Move up"),
    Binding([.pageDown, .character(" ")], .pageDown, "Page down"),
    Binding([.pageUp], .pageUp, "Page up"),
    Binding([.ctrl("d")], .halfPageDown, "Half a page down"),
    Binding([.ctrl("u")], .halfPageUp, "Half a page up"),
    Binding([.character("g"), .home], .top, "First row"),
    Binding([.character("G"), .end], .bottom, "Last row"),
    Binding([.tab, .right], .nextPane, "Next pane", footer: "pane", in: [.sessions, .timeline, .cost]),
    Binding([.backTab, .left], .previousPane, "Previous pane", in: [.sessions, .timeline, .cost]),
    Binding([.enter], .open, "Open the selection", footer: "open"),
    Binding([.escape, .backspace], .back, "Back out to the session list", footer: "back", in: [.timeline, .cost]),
    Binding(
      [.character("q"), .escape, .backspace], .back, "Back one page (q quits from the browser)", footer: "back",
      in: [.subagent, .transcript, .toolCall]),
    Binding([.character("/")], .filter, "Filter the list by text", footer: "filter", in: [.sessions]),
    Binding([.character("c")], .clearFilters, "Clear every filter", in: [.sessions]),
    Binding([.character("s")], .cycleSort, "Sort: newest, cost, turns, duration", footer: "sort", in: [.sessions]),
    Binding([.character("p")], .cycleProvider, "Only one provider (cycles)", in: [.sessions]),
    Binding([.character("d")], .cycleCostPeriod, "Cost by day, week or month (cycles)", footer: "period", in: [.cost]),
    Binding([.character("f")], .cycleStatus, "Only one status (cycles)", in: [.sessions]),
    Binding([.character("/")], .search, "Search", footer: "search", in: [.transcript, .toolCall]),
    Binding(
      [.character("S")], .searchEverySession, "Search every session",
      footer: "search", in: [.sessions]),
    Binding(
      [.character("S")], .searchEverySession, "Search every session",
      in: [.timeline, .cost, .subagent, .transcript, .toolCall]),
    Binding([.character("n")], .nextMatch, "Next match", in: [.transcript, .toolCall]),
    Binding([.character("N")], .previousMatch, "Previous match", in: [.transcript, .toolCall]),
    Binding([.character("]")], .nextMessage, "Next message", in: [.transcript]),
    Binding([.character("[")], .previousMessage, "Previous message", in: [.transcript]),
    Binding([.character("}")], .nextToolCall, "Next tool call", in: [.transcript]),
    Binding([.character("{")], .previousToolCall, "Previous tool call", in: [.transcript]),
    Binding([.character("t")], .toggleThinking, "Show or hide thinking", footer: "thinking", in: [.transcript]),
    Binding(
      [.character("w")], .toggleExpand, "Show the whole output or fold it", footer: "whole output", in: [.toolCall]),
    Binding([.character("o")], .openPager, "Open the text in $PAGER", footer: "pager"),
    Binding([.character("r")], .resume, "Resume the session with a message", footer: "resume", in: [.sessions, .timeline, .cost]),
    Binding([.character("n")], .newSession, "Start a new session", footer: "new", in: [.sessions, .timeline, .cost]),
    Binding(
      [.character("i")], .interactive, "Open in the CLI's own UI",
      in: [.sessions, .timeline, .cost]),
    Binding(
      [.character("e")], .export, "Export as caw JSON, Markdown or ATIF", footer: "export",
      in: [.sessions, .timeline, .cost, .subagent, .transcript, .toolCall]),
    Binding(
      [.character("y")], .copy, "Copy the message, the resume handle or a resume command",
      in: [.sessions, .timeline, .cost, .subagent, .transcript, .toolCall]),
    Binding([.character("x")], .stopRun, "Stop the run recording the session", in: [.sessions, .timeline, .cost]),
    Binding(
      [.character("F")], .toggleFollow, "Follow the newest event (or stop), as less's F", footer: "follow",
      in: [.timeline, .transcript, .toolCall]),
    Binding([.character("?")], .help, "Help", footer: "help"),
    Binding([.character("q"), .ctrl("c")], .quit, "Quit", footer: "quit", in: [.sessions, .timeline, .cost]),
    Binding([.ctrl("c")], .quit, "Quit", in: [.subagent, .transcript, .toolCall]),
  ])
}
