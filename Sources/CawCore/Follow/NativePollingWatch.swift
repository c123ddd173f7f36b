import Foundation

/// The polling side of ``NativeWatcher``: compares the size and modification time of every file under
/// the stores' roots with the previous look.
struct NativePollingWatch {
  let roots: [WatchRoot]

  /// Looks every `interval` until `stopped`, reporting the files that appeared, changed or went.
  func run(every interval: Duration, until stopped: StopFlag, report: (SessionChange) -> Void) {
    var previous = snapshot()
    while !stopped.isSet {
      Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
      let current = snapshot()
      var change = SessionChange()
      for (path, stamp) in current where previous[path] != stamp { change.nativeFiles.insert(path) }
      for path in previous.keys where current[path] == nil { change.nativeFiles.insert(path) }
      if !change.isEmpty { report(change) }
      previous = current
    }
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
