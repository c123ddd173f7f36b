/// The only door between the UI and a real terminal.
///
/// `NCursesScreen` implements it for a terminal; `InMemoryScreen` implements it for tests. Views never
/// see either: they render into a `CellGrid`.
///
/// # Implementation requirements
/// - `present(_:)` is given a frame whose size equals `size`; it shows every cell, and nothing else.
/// - After a resize, `nextEvent` reports `.resize(newSize)` before any key, and `size` already answers
///   the new size.
/// - `nextEvent` returns nil when `timeout` passes without an event.
public protocol Screen {
  /// The current size.
  var size: Size { get }
  /// Shows a finished frame.
  mutating func present(_ frame: CellGrid) throws
  /// Waits up to `timeout` for the next event.
  mutating func nextEvent(timeout: Duration) throws -> TerminalEvent?
}
