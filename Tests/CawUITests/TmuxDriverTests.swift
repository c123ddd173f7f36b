import Foundation
import Testing
import TestSupport

/// The tmux driver the end-to-end tests stand on: a wait that times out must fail there, saying what
/// was on screen, not return as if it had seen the text.
@Suite("The tmux driver")
struct TmuxDriverTests {
  @Test func waitForThrowsWithTheLastScreen() throws {
    let tmux = try Tmux("echo 'only this is shown'; sleep 60", width: 40, height: 5)
    try tmux.waitFor("only this is shown")
    let error = #expect(throws: WaitTimedOut.self) { try tmux.waitFor("never shown", seconds: 0.3) }
    #expect(error?.lastSeen.contains("only this is shown") == true, "\(String(describing: error))")
    #expect(error?.description.contains("\"never shown\" on screen") == true)
  }
}
