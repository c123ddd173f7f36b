import Foundation

/// The processes of one POSIX session, found in `/proc`. An agent CLI runs as the leader of a session of
/// its own, so every helper it starts stays in that session even when it moves to a process group of its
/// own (codex's `codex-code-mode-host` does): killing the session's members leaves nothing behind.
enum ProcessSession {
  /// The pids whose session id is `leader`, other than this process.
  static func members(of leader: pid_t) -> [pid_t] {
    guard leader > 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    let me = getpid()
    return entries.compactMap { name -> pid_t? in
      guard let pid = pid_t(name), pid != me, let fields = statFields(pid), fields.count > 3,
        fields[0] != "Z", pid_t(fields[3]) == leader
      else { return nil }
      return pid
    }
  }

  /// SIGKILLs every member of the session and waits (up to `limit`) until none is left running.
  /// Returns the pids still running after the limit (empty when all are gone).
  @discardableResult
  static func terminate(_ leader: pid_t, limit: Duration = .seconds(2)) -> [pid_t] {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    var left = members(of: leader)
    while !left.isEmpty {
      for pid in left { _ = kill(pid, SIGKILL) }
      if clock.now >= deadline { return left }
      usleep(5_000)
      left = members(of: leader)
    }
    return []
  }

  /// The fields of `/proc/PID/stat` after the command name: state, ppid, pgrp, session, ...
  private static func statFields(_ pid: pid_t) -> [Substring]? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = text.lastIndex(of: ")")
    else { return nil }
    return text[text.index(after: close)...].split(separator: " ")
  }
}
