import CawCore
import Foundation
import TestSupport
import Testing

/// Keys are answered while sessions load: the TUI on a cold tree of 10,000 sessions whose newest (and
/// so first selected) session is 100 MB, in tmux.
@Suite("Keys while loading, end to end in tmux")
struct KeyLatencyEndToEndTests {
  /// The longest a key may take to show on screen, tmux's own capture included.
  static let limit = 0.1

  @Test("each key shows within 100 ms while a cold 10,000-session list and a 100 MB session load")
  func keysAreAnsweredWhileLoading() throws {
    let tree = TempTree("caw-key-latency")
    let generating = Date()
    var synthetic = SyntheticTree(sessionCount: 10_000, largeSessionMegabytes: 100)
    synthetic.largeSessionIndex = 0
    let ids = try synthetic.write(to: tree.path + "/caw_data")
    print("KeyLatency: tree written in \(Date().timeIntervalSince(generating)) s")
    let tmux = try Tmux(
      E2ECommand.cawTUI("--data-dir '\(tree.path)/caw_data'", environment: "XDG_CACHE_HOME='\(tree.path)/cache'"),
      width: 140, height: 40)
    try tmux.waitFor("caw-tui")
    var timings: [(key: String, seconds: Double, loading: Bool)] = []
    /// Presses `key` and times how long until the screen shows `expected` (or stops showing it).
    func press(_ key: String, until expected: String, present: Bool = true) throws {
      let before = try tmux.capture()
      let loading =
        before.contains("Reading sessions…") || before.contains("reading the rest…") || before.contains("Loading")
      let start = Date()
      try tmux.send(key)
      if present {
        try tmux.waitFor(expected, interval: 0.002)
      } else {
        try tmux.waitForAbsence(of: expected, interval: 0.002)
      }
      timings.append((key, Date().timeIntervalSince(start), loading))
    }
    for _ in 0..<5 {
      try press("?", until: "Keys: ")
      try press("?", until: "Keys: ", present: false)
    }
    // The newest sessions are listed first; the large one, selected, is read meanwhile.
    try tmux.waitFor("Timeline  \(ids[0].prefix(8))", seconds: 120)
    for _ in 0..<5 {
      try press("j", until: "Timeline  \(ids[1].prefix(8))")
      try press("k", until: "Timeline  \(ids[0].prefix(8))")
    }
    let whileLoading = timings.filter(\.loading)
    #expect(whileLoading.count >= 5, "most keys should have been pressed while something loaded: \(timings)")
    let slow = timings.filter { $0.seconds > Self.limit }
    #expect(slow.isEmpty, "keys slower than \(Self.limit) s: \(slow); all: \(timings.map { ($0.key, $0.seconds) })")
    print("KeyLatency: \(timings.map { "\($0.key) \(Int($0.seconds * 1000)) ms\($0.loading ? " (loading)" : "")" })")
    try tmux.send("q")
    try tmux.waitFor("exit=0", seconds: 30)
  }
}
