/// What a cell means.
///
/// Views name roles; a `Theme` decides how each role looks.
public enum StyleRole: String, Hashable, Sendable, CaseIterable {
  /// Ordinary text.
  case normal
  /// Secondary text: hints, units, placeholders.
  case dim
  /// The title bar.
  case titleBar
  /// A pane's title when the pane has focus.
  case paneTitleFocused
  /// A pane's title when another pane has focus.
  case paneTitle
  /// Column headings.
  case header
  /// The selected row in the focused pane.
  case selectionFocused
  /// The selected row in a pane without focus.
  case selection
  /// Key names in the footer and help.
  case key
  /// The footer bar.
  case footer
  /// A running session or turn.
  case statusRunning
  /// An unfinished session.
  case statusUnfinished
  /// A finished session.
  case statusFinished
  /// A usage-limited session.
  case statusLimited
  /// A broken session, a failed tool call, an error.
  case error
  /// Money.
  case cost
  /// Chart bars.
  case bar
  /// The user's messages in a transcript.
  case userMessage
  /// The agent's thinking.
  case thinking
  /// A tool call's name.
  case toolName
  /// A line a diff adds.
  case diffAdded
  /// A line a diff removes.
  case diffRemoved
  /// A diff hunk header or file name.
  case diffHeader
  /// A search match.
  case match
  /// The text being typed into a prompt.
  case prompt
  /// Borders and separators.
  case border
}
