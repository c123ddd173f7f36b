import Foundation

/// What /proc says about a process.
enum ProcessInfoFile {
  /// The process's start time (field 22 of /proc/PID/stat, clock ticks since boot), nil when it is gone
  /// or a zombie.
  static func startTime(of pid: Int32) -> UInt64? {
    guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After the command name: state is field 3, start time field 22.
    guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
    return UInt64(fields[19])
  }
}
