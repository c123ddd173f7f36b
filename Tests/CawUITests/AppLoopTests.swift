import CawCore
import CawUI
import Testing

/// The run loop over an in-memory screen: scripted events in, presented frames out.
@Suite("Run loop")
struct AppLoopTests {
  @Test func framesFollowResizesAndTheLoopEndsOnQuit() throws {
    var performed: [Effect] = []
    let summaries: [SessionSummary] = []
    var loop = AppLoop(
      screen: InMemoryScreen(
        size: Size(width: 40, height: 10),
        events: [
          .key(.character("?")), .resize(Size(width: 60, height: 12)), .key(.escape), .key(.character("q")),
          .key(.character("j")),
        ]),
      state: AppState(dataDirectory: "loop", size: Size(width: 1, height: 1), now: 0),
      perform: { effect in
        performed.append(effect)
        return effect == .listSessions ? [.sessionsListed(summaries, now: 0)] : []
      })
    try loop.run()
    #expect(performed == [.listSessions, .refreshIndex(build: false), .quit])
    #expect(
      loop.screen.frames.map(\.size) == [
        Size(width: 40, height: 10), Size(width: 40, height: 10), Size(width: 40, height: 10),
        Size(width: 60, height: 12),
        Size(width: 60, height: 12),
      ])
    #expect(loop.screen.frames[0].text.contains("Reading sessions…"))
    #expect(loop.screen.frames[2].text.contains("Keys: Session list"))
    #expect(loop.screen.lastFrame.text.contains("No sessions in this data directory yet."))
    #expect(loop.screen.pendingEvents == [.key(.character("j"))])
    #expect(loop.state.quitting)
  }
}
