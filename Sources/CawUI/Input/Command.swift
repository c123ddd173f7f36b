/// What a key asks for: the named intents the keymap binds keys to.
public enum Command: String, Hashable, Sendable, CaseIterable {
  /// Cursor down one row.
  case down
  /// Cursor up one row.
  case up
  /// Down one page.
  case pageDown
  /// Up one page.
  case pageUp
  /// Down half a page.
  case halfPageDown
  /// Up half a page.
  case halfPageUp
  /// To the first row.
  case top
  /// To the last row.
  case bottom
  /// Focus the next pane.
  case nextPane
  /// Focus the previous pane.
  case previousPane
  /// Drill into the selection.
  case open
  /// Go back out.
  case back
  /// Type a filter for the session list.
  case filter
  /// Clear every filter.
  case clearFilters
  /// Cycle the sort order.
  case cycleSort
  /// Cycle the provider filter.
  case cycleProvider
  /// Cycle the status filter.
  case cycleStatus
  /// Cycle the cost pane's period: day, week, month.
  case cycleCostPeriod
  /// Type a search in the document.
  case search
  /// Open the search of every session.
  case searchEverySession
  /// Next search match.
  case nextMatch
  /// Previous search match.
  case previousMatch
  /// To the next message (the prompt, a text or thinking block), on into the next turn.
  case nextMessage
  /// To the previous message, back into the previous turn.
  case previousMessage
  /// To the next tool call, on into the next turn.
  case nextToolCall
  /// To the previous tool call, back into the previous turn.
  case previousToolCall
  /// Show or hide thinking.
  case toggleThinking
  /// Show or fold a tool call's whole output.
  case toggleExpand
  /// Open the focused text in `$PAGER`.
  case openPager
  /// Resume the selected session with a new message.
  case resume
  /// Start a new session from a form.
  case newSession
  /// Open the selected session in its agent CLI's own interactive UI.
  case interactive
  /// Export the selected session or the open subagent trajectory.
  case export
  /// Copy the focused message, or the session's resume handle or a resume command.
  case copy
  /// Stop the run recording the selected session.
  case stopRun
  /// Follow the newest event, or stop following.
  case toggleFollow
  /// Show or hide the help.
  case help
  /// Quit.
  case quit
}
