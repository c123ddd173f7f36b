import CawCore
import CawNCurses
import CawUI
import Foundation
import Testing
import TestSupport

/// Issue 12, items 6 and 8, on the UI side: the cost pane's pager text is sanitised, and closing the
/// curses screen gives the signals back.
@Suite("Terminal safety of the UI", .serialized)
struct TerminalSafetyTests {
  @Test("the cost report names a hostile session directory without its escape sequences")
  func costReportSanitisesTheName() {
    let id = "\u{1B}]0;x\u{07}\u{9B}2J\u{202E}ab"
    let lines = CostReport.build(
      session: Trajectory(agent: "codex", sessionID: id), id: id, totals: ListCostTotals([]), filtered: false, width: 80)
    let text = lines.map(\.text).joined(separator: "\n")
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
    #expect(text.contains("Session ␛]0;x␇"), "\(text)")
  }

  @Test("closing the screen restores the signal handlers that were there before")
  func closeRestoresSignalHandlers() throws {
    let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV]
    func handlers() -> [Int] {
      signals.map { number in
        var action = sigaction()
        sigaction(number, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
      }
    }
    let before = handlers()
    let tree = TempTree("caw-ncurses")
    let output = try #require(fopen(tree.path + "/out", "w"))
    let input = try #require(fopen("/dev/null", "r"))
    let screen = try NCursesScreen(
      theme: .standard, terminalName: "xterm-256color", output: output, input: input, size: Size(width: 20, height: 5))
    #expect(handlers() != before, "the screen installed no handlers")
    screen.close()
    fclose(output)
    fclose(input)
    #expect(handlers() == before)
  }
}
