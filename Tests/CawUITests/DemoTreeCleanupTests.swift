import Foundation
import Testing
import TestSupport

/// The `--demo` tree lives in a temporary directory that goes away however caw-tui ends (q and the
/// signals are checked in ``EndToEndTests``).
@Suite("The demo tree is removed on every way out", .serialized)
struct DemoTreeCleanupTests {
  @Test func closingTheTerminalRemovesTheDemoTree() throws {
    // caw-tui is the pane's own process: killing the pane hangs up its terminal, as closing a window does.
    let tmux = try Tmux("'\(ProcessRun.cawTUI)' --demo", width: 80, height: 24)
    try tmux.waitFor("FIRST PROMPT")
    #expect(tmux.demoTrees().count == 1)
    let pid = try #require(Int32(try tmux.display("#{pane_pid}")))
    try tmux.killPane()
    try waitUntil("caw-tui to end after the hang-up") { !ProcessState.isRunning(pid) }
    try tmux.waitForDemoTreeRemoval(after: "the terminal closed")
  }

  @Test func anErrorRemovesTheDemoTree() throws {
    let tree = TempTree("caw-e2e-demo-error")
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = tree.path
    let result = try ProcessRun.run(ProcessRun.cawTUI, ["show", "--demo", "no-such-session"], environment: environment)
    #expect(result.status != 0)
    #expect(result.stderr.contains("no session 'no-such-session'"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path).filter { $0.hasPrefix("caw-tui-demo-") } == [])
  }
}
