import CNCursesW
import CawCore
import CawUI
import Glibc

/// A `Screen` on a real terminal through ncursesw: the only code that draws on the terminal.
///
/// Frames are copied cell by cell into curses' window and `doupdate` sends only what changed. Resizes
/// arrive from curses as `KEY_RESIZE` (SIGWINCH is left to curses). `close()` restores the terminal;
/// signal handlers restore it too when the process is killed, until `close()` puts the previous ones back.
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
    else {
      CNCursesW_removeSignalHandlers()
      throw TerminalError(function: "newterm")
    }
    self.terminal = terminal
    self.output = output
    if let fixedSize { resizeterm(Int32(fixedSize.height), Int32(fixedSize.width)) }
    guard let window = CNCursesW_stdscr() else {
      endwin()
      delscreen(terminal)
      CNCursesW_removeSignalHandlers()
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
  ///
  /// Every cell's whole grapheme cluster reaches the terminal. A `cchar_t` holds one spacing character
  /// and a few zero-width ones of curses' own width (`wcwidth`), which covers plain text, CJK and
  /// combining marks; a cluster it cannot hold as it is (a ZWJ sequence, a flag, a skin tone, an emoji
  /// made wide by a variation selector, many marks) gets a blank of its width in curses' window, and
  /// is written in that place after `doupdate` (see ``writeClusters(_:frame:)``).
  public func present(_ frame: CellGrid) throws {
    var cell = cchar_t()
    var clusters: [(row: Int, column: Int)] = []
    for row in 0..<min(frame.size.height, size.height) {
      for column in 0..<min(frame.size.width, size.width) {
        let content = frame[column, row]
        if content.isWideTail { continue }
        var wide = content.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let width = DisplayWidth.of(content.text)
        if wide.isEmpty {
          wide = [wchar_t(32)]
        } else if !Self.fitsInCell(wide, width: width) {
          if Self.fitsOnRow(wide, column: column, rowWidth: size.width) {
            clusters.append((row, column))
            wide = [wchar_t(width == 2 ? 0x3000 : 0x20)]  // a blank as wide as the cluster
          } else {
            wide = [wide[0]]  // NB: written whole, a terminal that draws it wider would wrap the row
          }
        }
        wide.append(0)
        let look = colors.look(content.role)
        setcchar(&cell, wide, look.attributes, look.pair, nil)
        // NB: writing the bottom-right cell returns ERR (the cursor cannot advance) but draws it.
        mvwadd_wch(window, Int32(row), Int32(column), &cell)
      }
    }
    wnoutrefresh(window)
    guard doupdate() != ERR else { throw TerminalError(function: "doupdate") }
    if !clusters.isEmpty { writeClusters(clusters, frame: frame) }
  }

  /// Writes the clusters curses cannot hold at their cells, after `doupdate` has drawn the rest.
  ///
  /// Each goes to its cell by absolute position. A terminal that does not join the cluster draws it
  /// wider than its cells (tmux 3.3 draws a skin tone as a second emoji) and covers what follows, so the
  /// cells it may cover are written again after it: such a terminal loses the cluster's tail, never the
  /// layout. Then attributes and cursor are put back where curses believes they are.
  private func writeClusters(_ clusters: [(row: Int, column: Int)], frame: CellGrid) {
    for (row, column) in clusters {
      let cluster = frame[column, row]
      write(cluster, row: row, column: column)
      let width = max(DisplayWidth.of(cluster.text), 1)
      var next = column + width
      let covered = column + Self.naiveWidth(cluster.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
      while next < min(covered, size.width, frame.size.width) {
        let neighbour = frame[next, row]
        write(neighbour, row: row, column: next)
        next += max(DisplayWidth.of(neighbour.text), 1)
      }
    }
    CNCursesW_overlayEnd(output)
  }

  /// Writes one cell's text at its position with its look.
  private func write(_ cell: Cell, row: Int, column: Int) {
    let look = colors.look(cell.role)
    CNCursesW_overlayMove(output, Int32(row), Int32(column))
    CNCursesW_overlayLook(output, look.attributes, look.pair)
    fputs(cell.text.isEmpty ? " " : cell.text, output)
  }

  /// Whether curses can hold the cluster in one `cchar_t` and draw it `width` cells wide: one spacing
  /// character of that width, then only zero-width ones, no more than `CCHARW_MAX`.
  private static func fitsInCell(_ wide: [wchar_t], width: Int) -> Bool {
    guard wide.count <= Int(CNCursesW_CCHARW_MAX()), Int(CNCursesW_wcwidth(wide[0])) == max(width, 1) else { return false }
    return wide.dropFirst().allSatisfy { CNCursesW_wcwidth($0) == 0 }
  }

  /// Whether the cluster, drawn as wide as a terminal that does not join it would draw it, still ends
  /// on the row (else writing it could wrap, even scroll, the screen).
  private static func fitsOnRow(_ wide: [wchar_t], column: Int, rowWidth: Int) -> Bool {
    column + naiveWidth(wide) <= rowWidth
  }

  /// The cells a cluster takes on a terminal that draws each character on its own: the sum of `wcwidth`.
  private static func naiveWidth(_ wide: [wchar_t]) -> Int {
    wide.reduce(0) { $0 + max(Int(CNCursesW_wcwidth($1)), 0) }
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

  /// Hands the terminal to `body` (a pager, say) and takes it back afterwards. A window resized
  /// meanwhile (its SIGWINCH went to the foreground job, not to curses) comes back as a resize event.
  public func suspend<T>(_ body: () throws -> T) rethrows -> T {
    endwin()
    defer {
      var window = winsize()
      if ioctl(fileno(output), UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0,
        Int(window.ws_row) != size.height || Int(window.ws_col) != size.width
      {
        resizeterm(Int32(window.ws_row), Int32(window.ws_col))
      }
      wrefresh(self.window)
      clearok(self.window, true)
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
    CNCursesW_removeSignalHandlers()
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
