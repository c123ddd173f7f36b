import CawCore
import CawNCurses
import CawUI
import Foundation
import Testing

/// The ncurses adapter without a terminal: curses writes to a file, which the tests read back.
@Suite("ncurses adapter, headless", .serialized)
struct NCursesScreenTests {
  /// Presents `frames` on a headless curses screen of `size` and returns the bytes sent and the rows curses holds.
  private func present(_ frames: [CellGrid], size: Size, theme: Theme = .standard) throws -> (bytes: [UInt8], rows: [String]) {
    let tree = TempTree("caw-ncurses")
    let path = tree.path + "/terminal-output"
    let output = try #require(fopen(path, "w"))
    let input = try #require(fopen("/dev/null", "r"))
    let screen = try NCursesScreen(theme: theme, terminalName: "xterm-256color", output: output, input: input, size: size)
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

  @Test func hostileToolOutputNeverReachesTheTerminalRaw() throws {
    let hostile = "\u{1B}[2J\u{1B}[H" + "\u{1B}]52;c;cm0gLXJmIH4=\u{07}" + "\u{1B}]0;pwned\u{07}"
      + "\u{1B}]8;;http://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\" + "\u{1B}P+q544e\u{1B}\\" + "\u{9B}31m\u{202E}txt"
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
    #expect(occurrences("\u{1B}[2J", in: sent) == occurrences("\u{1B}[2J", in: String(decoding: baseline, as: UTF8.self)))
    #expect(sent.contains("␛]52;c;cm0gLXJmIH4=␇"))
    #expect(sent.contains("<U+202E>"))
  }

  private func occurrences(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }
}
