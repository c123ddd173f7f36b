import CawCore
import CawNCurses
import CawUI
import Foundation
import Testing
import TestSupport

/// The ncurses adapter without a terminal: curses writes to a file, which the tests read back.
@Suite("ncurses adapter, headless", .serialized)
struct NCursesScreenTests {
  /// Presents `frames` on a headless curses screen of `size` and returns the bytes sent and the rows curses holds.
  private func present(_ frames: [CellGrid], size: Size, theme: Theme = .standard, terminal: String = "xterm-256color")
    throws -> (bytes: [UInt8], rows: [String])
  {
    let tree = TempTree("caw-ncurses")
    let path = tree.path + "/terminal-output"
    let output = try #require(fopen(path, "w"))
    let input = try #require(fopen("/dev/null", "r"))
    let screen = try NCursesScreen(theme: theme, terminalName: terminal, output: output, input: input, size: size)
    #expect(screen.size == size)
    for frame in frames { try screen.present(frame) }
    let rows = (0..<size.height).map { screen.readBack(row: $0) }
    screen.close()
    fclose(output)
    fclose(input)
    return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), rows)
  }

  @Test func wideCharactersLandInTheirCells() throws {
    var grid = CellGrid(size: Size(width: 12, height: 2))
    grid.put("a作😀e\u{301}b", column: 0, row: 0, maxWidth: 12)
    grid.put("│─┌", column: 0, row: 1, maxWidth: 12, role: .border)
    let (bytes, rows) = try present([grid], size: Size(width: 12, height: 2))
    #expect(rows[0] == "a作😀e\u{301}b     ")
    #expect(rows[1] == "│─┌         ")
    #expect(String(decoding: bytes, as: UTF8.self).contains("作"))
  }

  @Test func everyGraphemeClusterIsSentWhole() throws {
    let clusters = CellGridTests.clusters.map(\.0)
    var grid = CellGrid(size: Size(width: 20, height: clusters.count))
    for (row, cluster) in clusters.enumerated() { grid.put(cluster + "|end", column: 3, row: row, maxWidth: 17) }
    let (bytes, _) = try present([grid], size: Size(width: 20, height: clusters.count))
    for cluster in clusters {
      let shown = cluster.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
      #expect(bytes.containsRun(Array(cluster.utf8)), "\(shown) was not sent in one piece")
    }
    // A cluster that changes in place is sent again, and one that goes away is replaced.
    var next = grid
    next.put("\u{1F1EB}\u{1F1F7}|end", column: 3, row: 2, maxWidth: 17)
    next.put("ab|end", column: 3, row: 0, maxWidth: 17)
    let (both, rows) = try present([grid, next], size: Size(width: 20, height: clusters.count))
    #expect(both.containsRun(Array("\u{1F1EB}\u{1F1F7}".utf8)))
    #expect(rows[0].hasPrefix("   ab|end"), "\(rows[0])")
  }

  @Test func hostileToolOutputNeverReachesTheTerminalRaw() throws {
    let hostile =
      "\u{1B}[2J\u{1B}[H" + "\u{1B}]52;c;cm0gLXJmIH4=\u{07}" + "\u{1B}]0;pwned\u{07}"
      + "\u{1B}]8;;http://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\" + "\u{1B}P+q544e\u{1B}\\"
      + "\u{9B}31m\u{202E}txt"
    let tree = TempTree("caw-hostile")
    try HostileTree.write(output: hostile, to: tree.path + "/caw_data")
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: Size(width: 100, height: 30))
    try app.press(.enter, .enter, .down, .down, .down)
    let transcript = app.frame
    try app.press(.enter)
    let toolCall = app.frame
    #expect(toolCall.text.contains("␛]52;c;cm0gLXJmIH4=␇"))
    let (bytes, _) = try present([transcript, toolCall], size: Size(width: 100, height: 30))
    let (baseline, _) = try present([CellGrid(size: Size(width: 100, height: 30))], size: Size(width: 100, height: 30))
    let sent = String(decoding: bytes, as: UTF8.self)
    #expect(!sent.contains("\u{1B}]"), "an OSC sequence (clipboard, title, link) was sent")
    #expect(!sent.contains("\u{1B}P"), "a DCS sequence was sent")
    #expect(!bytes.contains(0x07), "a BEL was sent")
    #expect(!sent.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E })
    #expect(
      occurrences("\u{1B}[2J", in: sent) == occurrences("\u{1B}[2J", in: String(decoding: baseline, as: UTF8.self)))
    #expect(sent.contains("␛]52;c;cm0gLXJmIH4=␇"))
    #expect(sent.contains("<U+202E>"))
  }

  /// A frame with a focused selection and an error, the roles whose looks differ most between themes.
  private var styledFrame: CellGrid {
    var grid = CellGrid(size: Size(width: 20, height: 2))
    grid.put("selected", column: 0, row: 0, maxWidth: 20, role: .selectionFocused)
    grid.put("failed", column: 0, row: 1, maxWidth: 20, role: .error)
    return grid
  }

  @Test func anErrorEscapingTheAppRestoresTheTerminal() throws {
    let tree = TempTree("caw-ncurses-error")
    let output = try #require(fopen(tree.path + "/terminal-output", "w"))
    let input = try #require(fopen("/dev/null", "r"))
    defer {
      fclose(output)
      fclose(input)
    }
    let screen = try NCursesScreen(
      theme: .standard, terminalName: "xterm-256color", output: output, input: input, size: Size(width: 20, height: 4))
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try screen.run { screen in
        var loop = AppLoop(screen: screen, state: AppState(dataDirectory: "x", size: screen.size, now: 0)) { _ in
          throw Boom()
        }
        try loop.run()
      }
    }
    #expect(screen.isClosed)
    fflush(output)
    let sent = tree.read("terminal-output")
    #expect(sent.contains("\u{1B}[?1049l"), "the alternate screen was not left: \(sent.debugDescription)")
  }

  @Test func anEightColourTerminalGetsTheEightAnsiColours() throws {
    let sent = String(
      decoding: try present([styledFrame], size: Size(width: 20, height: 2), terminal: "xterm").bytes, as: UTF8.self)
    #expect(
      sent.contains("\u{1B}[46m") || sent.contains("\u{1B}[30;46m"),
      "cyan background for the selection: \(sent.debugDescription)")
    #expect(sent.contains("\u{1B}[31m") || sent.contains(";31m"), "red for the error")
    #expect(!colourCodes(in: sent).contains(38) && !colourCodes(in: sent).contains(48), "no 256-colour sequences")
  }

  @Test func withoutColoursTheSelectionIsReverseVideo() throws {
    let sent = String(
      decoding: try present([styledFrame], size: Size(width: 20, height: 2), terminal: "vt100").bytes, as: UTF8.self)
    #expect(
      sent.contains("\u{1B}[7m") || sent.contains(";7m"), "reverse video for the selection: \(sent.debugDescription)")
    #expect(colourCodes(in: sent).isEmpty, "no colour sequences")
  }

  @Test func monochromeThemeSendsNoColourOnAColourTerminal() throws {
    let sent = String(
      decoding: try present([styledFrame], size: Size(width: 20, height: 2), theme: .monochrome).bytes, as: UTF8.self)
    #expect(colourCodes(in: sent).isEmpty, "no colour sequences: \(sent.debugDescription)")
    #expect(sent.contains("\u{1B}[7m") || sent.contains(";7m"))
  }

  /// The SGR parameters that pick a colour (30–38, 40–48, 90–107) in what was sent.
  private func colourCodes(in sent: String) -> [Int] {
    var codes: [Int] = []
    for part in sent.components(separatedBy: "\u{1B}[").dropFirst() {
      guard let end = part.firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" }), part[end] == "m" else {
        continue
      }
      codes += part[..<end].split(separator: ";").compactMap { Int($0) }
        .filter { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
    }
    return codes
  }

  private func occurrences(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }
}

extension Array where Element == UInt8 {
  /// Whether `run` occurs in the bytes, contiguously.
  func containsRun(_ run: [UInt8]) -> Bool {
    guard !run.isEmpty, run.count <= count else { return run.isEmpty }
    return (0...(count - run.count)).contains { self[$0..<($0 + run.count)].elementsEqual(run) }
  }
}
