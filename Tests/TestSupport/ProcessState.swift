import Foundation

/// Whether a process still runs, from /proc (a zombie waiting to be reaped counts as ended).
public enum ProcessState {
  /// A process's niceness (its main thread's), from /proc; nil when it is gone.
  public static func niceness(_ pid: Int32) -> Int? {
    // After the name: state, ppid, pgrp, session, tty, tpgid, flags, 4 fault counts, 4 times, priority, nice.
    statFields(pid).flatMap { $0.count > 16 ? Int($0[16]) : nil }
  }

  /// A process's parent, from /proc; nil when it is gone.
  public static func parent(_ pid: Int32) -> Int32? {
    statFields(pid).flatMap { $0.count > 1 ? Int32($0[1]) : nil }
  }

  /// The fields of `/proc/PID/stat` after the process's name.
  private static func statFields(_ pid: Int32) -> [Substring]? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ")
  }

  public static func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
  }
}

extension ProcessState {
  /// Every running descendant of `pid` (children, their children, ...), found through `/proc`.
  public static func descendants(of pid: Int32) -> [Int32] {
    var parents: [Int32: [Int32]] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let child = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { continue }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      if fields.count > 1, let parent = Int32(fields[1]) { parents[parent, default: []].append(child) }
    }
    var found: [Int32] = []
    var queue = [pid]
    while let next = queue.popLast() {
      for child in parents[next] ?? [] where isRunning(child) {
        found.append(child)
        queue.append(child)
      }
    }
    return found
  }

  /// The command line of a process ("" when it is gone).
  public static func commandLine(_ pid: Int32) -> String {
    let bytes = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
    return String(decoding: bytes.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
  }
}
