import Foundation

/// The polling side of ``SessionWatcher``: compares the size and modification time of each session's
/// `trajectory.json` and `traj.jsonl` with the previous look.
struct PollingWatch {
  private let sessionsPath: String

  init(_ dataDirectory: DataDirectory) { sessionsPath = dataDirectory.sessionsPath }

  /// A session's observable state: sizes and nanosecond modification times of its two files.
  private struct Stamp: Equatable {
    var trajectory: [Int]
    var log: [Int]
  }

  /// Looks every `interval` until `stopped`, reporting what differs.
  func run(every interval: Duration, until stopped: StopFlag, report: (SessionChange) -> Void) {
    PollingLoop.run(
      every: interval, until: stopped, snapshot: snapshot, change: { SessionChange(sessionIDs: $0, listChanged: $1) },
      report: report)
  }

  private func snapshot() -> [String: Stamp] {
    var stamps: [String: Stamp] = [:]
    for name in (try? FileSystem.list(sessionsPath)) ?? [] {
      let path = sessionsPath + "/" + name
      stamps[name] = Stamp(trajectory: stamp(path + "/trajectory.json"), log: stamp(path + "/traj.jsonl"))
    }
    return stamps
  }

  private func stamp(_ path: String) -> [Int] {
    guard let st = FileSystem.status(path) else { return [] }
    return [Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
  }
}
