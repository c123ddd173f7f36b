import CNCursesW
import CawCore
import CawUI
import Glibc

/// A `Screen` on a real terminal through ncursesw: the only code that draws on the terminal.
///
/// Frames are copied cell by cell into curses' window and `doupdate` sends only what changed. Resizes
/// arrive from curses as `KEY_RESIZE` (SIGWINCH is left to curses). `close()` restores the terminal;
/// signal handlers restore it too when the process is killed.
public final class NCursesScreen: Screen {
  /// The terminal's size.
  public private(set) var size: Size
  private let terminal: OpaquePointer
  private let output: UnsafeMutablePointer<FILE>
  private let window: UnsafeMutablePointer<WINDOW>
  private var colors: ColorPairs
  private var closed = false

  /// Starts curses on `output` and `input` (the process's terminal by default).
  ///
  /// - Parameters:
  ///   - terminalName: the terminfo entry; nil for `$TERM`.
  ///   - size: a fixed size for a terminal that is not a tty (tests); nil to ask the terminal.
  /// - Throws: `TerminalError` when curses cannot start.
  public init(
    theme: Theme, terminalName: String? = nil, output: UnsafeMutablePointer<FILE>? = nil,
    input: UnsafeMutablePointer<FILE>? = nil, size fixedSize: Size? = nil
  ) throws {
    setlocale(LC_ALL, "")
    // NB: curses draws wide characters only in a UTF-8 locale; fall back to C.UTF-8 when the environment
    // names none (CI machines often have no LANG at all). The UI always draws UTF-8 (box drawing, glyphs).
    if !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF-8") {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
    CNCursesW_restoreTerminalOnSignals()
    guard let output = output ?? fdopen(STDOUT_FILENO, "w"), let input = input ?? fdopen(STDIN_FILENO, "r"),
      let terminal = newterm(terminalName, output, input)
    else { throw TerminalError(function: "newterm") }
    self.terminal = terminal
    self.output = output
    if let fixedSize { resizeterm(Int32(fixedSize.height), Int32(fixedSize.width)) }
    guard let window = CNCursesW_stdscr() else {
      endwin()
      delscreen(terminal)
      throw TerminalError(function: "stdscr")
    }
    self.window = window
    raw()
    noecho()
    nonl()
    keypad(window, true)
    set_escdelay(25)
    curs_set(0)
    mouseinterval(0)
    mousemask(CNCursesW_BUTTON1_PRESSED() | CNCursesW_BUTTON4_PRESSED() | CNCursesW_BUTTON5_PRESSED(), nil)
    var hasColors = false
    if has_colors() && theme.usesColor {
      start_color()
      use_default_colors()
      hasColors = true
    }
    colors = ColorPairs(theme: theme, terminalHasColors: hasColors)
    size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
  }

  deinit {
    close()
  }

  /// Copies `frame` into the window and updates the terminal.
  public func present(_ frame: CellGrid) throws {
    var cell = cchar_t()
    let maxCharacters = Int(CNCursesW_CCHARW_MAX())
    for row in 0..<min(frame.size.height, size.height) {
      for column in 0..<min(frame.size.width, size.width) {
        let content = frame[column, row]
        if content.isWideTail { continue }
        var wide = content.text.unicodeScalars.prefix(maxCharacters - 1).map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [wchar_t(32)] }
        wide.append(0)
        let look = colors.look(content.role)
        setcchar(&cell, wide, look.attributes, look.pair, nil)
        // NB: writing the bottom-right cell returns ERR (the cursor cannot advance) but draws it.
        mvwadd_wch(window, Int32(row), Int32(column), &cell)
      }
    }
    wnoutrefresh(window)
    guard doupdate() != ERR else { throw TerminalError(function: "doupdate") }
  }

  /// Waits up to `timeout` for a key, a mouse event or a resize.
  public func nextEvent(timeout: Duration) throws -> TerminalEvent? {
    let (seconds, attoseconds) = timeout.components
    wtimeout(window, Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    var code: wint_t = 0
    switch wget_wch(window, &code) {
    case KEY_CODE_YES:
      switch Int32(code) {
      case KEY_RESIZE:
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        return .resize(size)
      case KEY_MOUSE:
        return mouseEvent()
      default:
        return KeyDecoding.functionKey(Int32(code)).map(TerminalEvent.key)
      }
    case OK:
      return KeyDecoding.character(UInt32(code)).map(TerminalEvent.key)
    default:
      return nil
    }
  }

  /// Puts `text` on the terminal's clipboard with OSC 52. Called only on the user's explicit request.
  public func copyToClipboard(_ text: String) {
    fputs(ClipboardSequence.osc52(text), output)
    fflush(output)
  }

  /// Hands the terminal to `body` (a pager, say) and takes it back afterwards.
  public func suspend<T>(_ body: () throws -> T) rethrows -> T {
    endwin()
    defer {
      wrefresh(window)
      clearok(window, true)
    }
    return try body()
  }

  /// The text of a row as curses holds it (for tests of the adapter).
  public func readBack(row: Int) -> String {
    var text = ""
    var cell = cchar_t()
    var column = 0
    while column < size.width {
      mvwin_wch(window, Int32(row), Int32(column), &cell)
      var wide = [wchar_t](repeating: 0, count: Int(CNCursesW_CCHARW_MAX()) + 1)
      var attributes = attr_t(0)
      var pair: Int16 = 0
      getcchar(&cell, &wide, &attributes, &pair, nil)
      let scalars = wide.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
      let grapheme = String(String.UnicodeScalarView(scalars))
      text += grapheme
      column += max(DisplayWidth.of(grapheme), 1)
    }
    return text
  }

  /// Runs `body` with this screen and restores the terminal however `body` ends, a thrown error included.
  public func run<T>(_ body: (NCursesScreen) throws -> T) rethrows -> T {
    defer { close() }
    return try body(self)
  }

  /// Whether `close()` has restored the terminal.
  public var isClosed: Bool { closed }

  /// Restores the terminal; safe to call more than once.
  public func close() {
    guard !closed else { return }
    closed = true
    endwin()
    delscreen(terminal)
  }

  private func mouseEvent() -> TerminalEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let kind: MouseEvent.Kind
    if event.bstate & CNCursesW_BUTTON4_PRESSED() != 0 {
      kind = .wheelUp
    } else if event.bstate & CNCursesW_BUTTON5_PRESSED() != 0 {
      kind = .wheelDown
    } else if event.bstate & CNCursesW_BUTTON1_PRESSED() != 0 {
      kind = .click
    } else {
      return nil
    }
    return .mouse(MouseEvent(kind, column: Int(event.x), row: Int(event.y)))
  }
}
