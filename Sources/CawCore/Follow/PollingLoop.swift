import Foundation

/// The loop of the polling watches (``PollingWatch``, ``NativePollingWatch``): a snapshot of stamps every
/// interval, compared with the one before.
enum PollingLoop {
  /// Takes `snapshot` every `interval` until `stopped`; for each look that differs, reports what `change`
  /// makes of the keys that appeared, changed or went, and whether the set of keys changed.
  static func run<Key: Hashable, Stamp: Equatable>(
    every interval: Duration, until stopped: StopFlag, snapshot: () -> [Key: Stamp],
    change: (_ keys: Set<Key>, _ listChanged: Bool) -> SessionChange, report: (SessionChange) -> Void
  ) {
    var previous = snapshot()
    while !stopped.isSet {
      Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
      let current = snapshot()
      var keys = Set<Key>()
      for (key, stamp) in current where previous[key] != stamp { keys.insert(key) }
      for key in previous.keys where current[key] == nil { keys.insert(key) }
      let listChanged = keys.contains { (previous[$0] == nil) != (current[$0] == nil) }
      if !keys.isEmpty { report(change(keys, listChanged)) }
      previous = current
    }
  }
}
