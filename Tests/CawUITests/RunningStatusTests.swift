import CawCore
@testable import CawUI
import Testing

/// A session shows `●` only while something records it: a run, or a recorder still writing its files.
@Suite("The running mark")
struct RunningStatusTests {
  @Test("an open turn is shown running only while its files change or a run records it")
  func runningMeansBeingWritten() throws {
    var t = Trajectory(agent: "claude_code", model: "m", sessionID: "s", createdAt: "2026-11-22T05:00:00+00:00")
    t.turns = [Turn(input: "hi")]
    let now = 1_800_000_000.0
    func summary(lastModified: Double) -> SessionSummary {
      let loaded = LoadedSession(
        id: "s", path: "/x", trajectory: t, source: .trajectoryFile, status: .unfinished, brokenReason: nil,
        problems: [], eventLog: nil, lastModified: lastModified)
      var s = SessionSummary(loaded)
      s.hasTurnInProgress = true
      return s
    }
    #expect(DisplayStatus(summary(lastModified: now - 20), now: now) == .running)
    #expect(DisplayStatus(summary(lastModified: now - 3600), now: now) == .unfinished)
    #expect(DisplayStatus(summary(lastModified: now - 3600), recording: true, now: now) == .running)

    // The demo's session with a turn left open is unfinished: nothing is recording it.
    let app = try AppHarness.demo(Size(width: 120, height: 40))
    let open = try #require(app.state.summaries.first { $0.hasTurnInProgress })
    #expect(DisplayStatus(open, now: AppHarness.now) == .unfinished)
    #expect(app.text.contains("○ claude_code"))
    #expect(!app.text.contains("● claude_code"))
    #expect(!app.text.contains("● running"))
  }
}
