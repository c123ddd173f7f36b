import Foundation

/// Runs a program on the terminal the way a shell runs a foreground job: in a process group of its own
/// that is made the terminal's foreground group, waited for, and the terminal handed back afterwards.
///
/// A program left in caw-tui's background (what `Process` does: it puts children in a new group) cannot
/// read the terminal: `less` gets EIO or SIGTTIN and exits at once. In a group of its own, a Ctrl-C
/// typed in it reaches it and not caw-tui.
enum ForegroundJob {
  /// How the program ended.
  enum Outcome: Equatable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)
    /// It was suspended (Ctrl-Z) and then ended, since there is no shell to resume it from.
    case suspended
    /// It could not be started.
    case notStarted(String)
  }

  /// Runs `arguments` (`arguments[0]` is the executable's path) with `input` as its standard input and
  /// the terminal in the foreground, and waits until it ends.
  ///
  /// It is started through `/bin/sh`, which stops itself at once; when it has stopped, its process group
  /// is made the terminal's foreground group and it is let go on to exec the program.
  ///
  /// The input is an unlinked temporary file, not a pipe: the program reads it at its own pace (a pager
  /// reads only what it shows), seeks in it, and nobody blocks writing or dies of SIGPIPE.
  static func run(_ arguments: [String], input: [UInt8]) -> Outcome {
    let inputFile: Int32
    do {
      inputFile = try unlinkedFile(holding: input)
    } catch {
      return .notStarted(error.message)
    }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    defer { close(inputFile) }
    let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
    defer { if terminal >= 0 { close(terminal) } }

    // The child stops itself before it execs the program, and goes on once its group owns the
    // terminal: the program never runs a moment in the background.
    let stopFirst = ["/bin/sh", "-c", "kill -STOP $$; exec \"$@\"", "caw-tui-job"] + arguments
    let started = ChildProcess.spawn(
      stopFirst, environment: environment,
      defaultSignals: [SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD],
      placement: .newProcessGroup
    ) { actions in
      posix_spawn_file_actions_adddup2(&actions, inputFile, STDIN_FILENO)
    }
    let pid: pid_t
    switch started {
    case .success(let child): pid = child
    case .failure(let error): return .notStarted(error.description)
    }

    defer { if terminal >= 0 { takeBack(terminal) } }
    var status: Int32 = 0
    var suspended = false
    var running = false
    while true {
      guard waitpid(pid, &status, WUNTRACED) != -1 else {
        if errno == EINTR { continue }
        return .notStarted("waitpid: \(String(cString: strerror(errno)))")
      }
      let low = status & 0x7F
      if low == 0 { return suspended ? .suspended : .exited((status >> 8) & 0xFF) }
      if status & 0xFF != 0x7F { return suspended ? .suspended : .signalled(low) }
      // Stopped: first by itself, waiting for the terminal. SIGTTIN/SIGTTOU: it touched the terminal
      // while not in the foreground; hand it over again. Anything else is a suspend (Ctrl-Z): there
      // is no shell to bring it back, so it is ended.
      let stop = (status >> 8) & 0xFF
      if !running, stop == SIGSTOP {
        running = true
        if terminal >= 0 { handOver(terminal, to: pid) } else { kill(-pid, SIGCONT) }
      } else if stop == SIGTTIN || stop == SIGTTOU, !suspended {
        if terminal >= 0 { handOver(terminal, to: pid) } else { kill(-pid, SIGCONT) }
      } else {
        suspended = true
        kill(-pid, SIGTERM)
        kill(-pid, SIGCONT)
      }
    }
  }

  /// Makes the process group `pid` the terminal's foreground group and lets it go on if it stopped
  /// for touching the terminal before that.
  private static func handOver(_ terminal: Int32, to pid: pid_t) {
    setpgid(pid, pid)  // NB: the child did this already; repeated so the group surely exists now
    withTerminalSignalsBlocked { _ = tcsetpgrp(terminal, pid) }
    kill(-pid, SIGCONT)
  }

  /// Makes caw-tui's own process group the terminal's foreground group again.
  private static func takeBack(_ terminal: Int32) {
    withTerminalSignalsBlocked { _ = tcsetpgrp(terminal, getpgrp()) }
  }

  /// Runs `body` with SIGTTOU blocked: a background group may then set the foreground group (POSIX
  /// sends it SIGTTOU otherwise, which would stop caw-tui).
  private static func withTerminalSignalsBlocked(_ body: () -> Void) {
    var block = sigset_t()
    var previous = sigset_t()
    sigemptyset(&block)
    sigaddset(&block, SIGTTOU)
    pthread_sigmask(SIG_BLOCK, &block, &previous)
    body()
    pthread_sigmask(SIG_SETMASK, &previous, nil)
  }

  /// A temporary file that holds `bytes`, already unlinked (nothing is left behind, whatever happens),
  /// positioned at its start.
  private static func unlinkedFile(holding bytes: [UInt8]) throws(JobError) -> Int32 {
    var template = Array((FileManager.default.temporaryDirectory.path + "/caw-tui-pager-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw JobError("cannot create a temporary file: \(String(cString: strerror(errno)))") }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        close(fd)
        throw JobError("cannot write a temporary file: \(String(cString: strerror(errno)))")
      }
      written += n
    }
    lseek(fd, 0, SEEK_SET)
    return fd
  }

  /// Why a job could not start.
  private struct JobError: Error {
    var message: String
    init(_ message: String) { self.message = message }
  }
}
