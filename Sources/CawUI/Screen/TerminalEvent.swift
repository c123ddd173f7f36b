/// Something that happened at the terminal.
public enum TerminalEvent: Hashable, Sendable {
  /// A key was pressed.
  case key(Key)
  /// The mouse was clicked or its wheel turned.
  case mouse(MouseEvent)
  /// The terminal changed size.
  case resize(Size)
}
