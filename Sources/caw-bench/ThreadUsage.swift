import Foundation
import Glibc

/// What the calling thread used so far (`RUSAGE_THREAD`): its CPU time, the times it waited (for a lock,
/// a disk read) or was put off the core, and its page faults that read the disk.
struct ThreadUsage {
  /// User and system time, in ms.
  var cpu: Double
  /// System time alone, in ms.
  var system: Double
  /// Times the thread gave up the core to wait.
  var waits: Int
  /// Times the thread was put off the core for another.
  var preempted: Int
  /// Page faults that read from the disk.
  var diskFaults: Int
  /// Page faults met without the disk (a page mapped or zeroed).
  var faults: Int

  /// The calling thread's usage now.
  static func now() -> ThreadUsage {
    var usage = rusage()
    getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD, which Glibc's module leaves out
    let cpu = { (time: timeval) in Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
    return ThreadUsage(
      cpu: cpu(usage.ru_utime) + cpu(usage.ru_stime), system: cpu(usage.ru_stime), waits: usage.ru_nvcsw,
      preempted: usage.ru_nivcsw, diskFaults: usage.ru_majflt, faults: usage.ru_minflt)
  }

  /// The usage between `earlier` and this.
  func since(_ earlier: ThreadUsage) -> ThreadUsage {
    ThreadUsage(
      cpu: cpu - earlier.cpu, system: system - earlier.system, waits: waits - earlier.waits,
      preempted: preempted - earlier.preempted, diskFaults: diskFaults - earlier.diskFaults,
      faults: faults - earlier.faults)
  }

  /// One line for a report: CPU (system part), waits, preemptions and page faults.
  var summary: String {
    "CPU \(String(format: "%.1f", cpu)) ms (system \(String(format: "%.1f", system))), \(waits) waits, "
      + "\(preempted) preempted, \(faults) page faults (\(diskFaults) from disk)"
  }
}
