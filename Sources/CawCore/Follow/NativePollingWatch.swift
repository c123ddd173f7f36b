import Foundation

/// The polling side of ``NativeWatcher``: compares the size and modification time of every file under
/// the stores' roots with the previous look.
struct NativePollingWatch {
  let roots: [WatchRoot]

  /// Looks every `interval` until `stopped`, reporting the files that appeared, changed or went.
  func run(every interval: Duration, until stopped: StopFlag, report: (SessionChange) -> Void) {
    PollingLoop.run(
      every: interval, until: stopped, snapshot: snapshot, change: { files, _ in SessionChange(nativeFiles: files) },
      report: report)
  }

  private func snapshot() -> [String: [Int]] {
    var stamps: [String: [Int]] = [:]
    for root in roots {
      for file in WatchRoot.files(under: root.path, depth: root.depth) {
        guard let st = FileSystem.status(file) else { continue }
        stamps[file] = [Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
      }
    }
    return stamps
  }
}
