import Glibc
import SystemPackage

/// A process holding the writer lock of a session directory, found in `/proc/locks` and named from the
/// run registry (or, for any other process, from its command line).
struct LockHolder: Sendable, Equatable {
  /// The process holding the lock.
  var pid: Int32
  /// Its entry in the run registry, when it is a caw-tui run.
  var run: RunRecord?
  /// Its command line, when it is not a registered run.
  var command: String?

  /// Who holds a `flock` on `directory`, from `/proc/locks` (empty when the lock is free or unknown).
  static func holders(of directory: OpenDirectory, registry: RunRegistry = RunRegistry()) -> [LockHolder] {
    guard let st = try? directory.descriptor.stat(),
      let table = try? FileSystem.read("/proc/locks")
    else { return [] }
    let device = UInt64(bitPattern: Int64(st.rawValue.st_dev))
    let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)
    let minor = (device & 0xff) | ((device >> 12) & ~0xff)
    let wanted = String(major, radix: 16).leftPadded(2) + ":" + String(minor, radix: 16).leftPadded(2) + ":"
      + String(st.inode.rawValue)
    let runs = registry.activeRuns()
    var holders: [LockHolder] = []
    for line in String(decoding: table, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 6, fields[1] == "FLOCK", fields[5] == wanted, let pid = Int32(fields[4]),
        !holders.contains(where: { $0.pid == pid })
      else { continue }
      let run = runs.first { $0.pid == pid }
      holders.append(LockHolder(pid: pid, run: run, command: run == nil ? commandLine(of: pid) : nil))
    }
    return holders
  }

  /// The holder for a message: the run's provider and start, or the process's command line.
  var description: String {
    if let run {
      return "the caw-tui run with pid \(pid) (\(run.provider), started \(Format.minute(run.startedAt)) UTC)"
    }
    if pid == getpid() { return "this process (pid \(pid))" }
    if let command, !command.isEmpty { return "process \(pid) (\(TextSanitizer.singleLine(command, limit: 80)))" }
    return "process \(pid)"
  }

  private static func commandLine(of pid: Int32) -> String? {
    guard let bytes = try? FileSystem.read("/proc/\(pid)/cmdline") else { return nil }
    return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
