import CawCore
import Foundation

/// A temporary directory that is removed on every way out of the process: by ``remove()`` on a normal
/// exit or an error, and otherwise — a signal, the terminal closing, a crash, SIGKILL — by a small
/// watcher process that waits for caw-tui's end and removes it then.
///
/// The watcher is `sh` reading a pipe whose only writer is caw-tui (close-on-exec, so no child of
/// caw-tui holds it): the read returns when caw-tui is gone, however it ended. The watcher runs in a
/// session of its own, so the terminal's signals (hang-up, Ctrl-C) do not reach it.
final class ScratchDirectory {
  /// The directory's path.
  let path: String
  private var watcherInput: Int32 = -1
  private var watcher: pid_t = 0

  /// Creates `$TMPDIR/<prefix>-XXXXXX` (mode 0700) and its watcher.
  ///
  /// - Throws: ``CawError`` when the directory cannot be created. A watcher that cannot be started only
  ///   loses the clean-up on a kill; the directory is still removed by ``remove()``.
  init(prefix: String) throws {
    var template = Array((FileManager.default.temporaryDirectory.path + "/\(prefix)-XXXXXX").utf8CString)
    guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
      throw CawError(.io, "cannot create a temporary directory in \(FileManager.default.temporaryDirectory.path)")
    }
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    startWatcher()
  }

  deinit { remove() }

  /// Removes the directory and lets the watcher go; safe to call more than once.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
    guard watcherInput >= 0 else { return }
    close(watcherInput)
    watcherInput = -1
    var status: Int32 = 0
    while waitpid(watcher, &status, 0) == -1 && errno == EINTR {}
  }

  private func startWatcher() {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    defer { close(ends[0]) }
    // `read` returns only at end of file: when the last writer, caw-tui, is gone.
    let arguments = ["/bin/sh", "-c", "read -r _; exec rm -rf -- \"$1\"", "caw-tui-scratch", path]
    let started = ChildProcess.spawn(
      arguments, environment: ["PATH=/usr/bin:/bin"], defaultSignals: [SIGPIPE], placement: .newSession
    ) { actions in
      posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
      posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
    }
    guard case .success(let pid) = started else {
      close(ends[1])
      return
    }
    watcher = pid
    watcherInput = ends[1]
  }
}
