import Glibc

/// `posix_spawn` as caw-tui's own children need it: an empty signal mask (a thread of the parent may
/// block signals, and a child inherits the mask), chosen signals back at their default action (the
/// parent ignores SIGPIPE; a handled signal is reset by exec, an ignored one is not), and a new process
/// group or session on request.
enum ChildProcess {
  /// Where the child goes in job-control terms.
  enum Placement {
    /// Its own process group (a job the terminal can be handed to).
    case newProcessGroup
    /// Its own session, so the terminal's signals never reach it.
    case newSession
  }

  /// Starts `arguments` (`arguments[0]` is the executable's path) with `environment` (`NAME=value`
  /// strings), the file actions `arrange` adds, `defaultSignals` reset and `placement`; returns its pid,
  /// or why it could not start.
  static func spawn(
    _ arguments: [String], environment: [String], defaultSignals: [Int32], placement: Placement,
    arrange: (inout posix_spawn_file_actions_t) -> Void
  ) -> Result<pid_t, SpawnError> {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    arrange(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in defaultSignals { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    switch placement {
    case .newProcessGroup:
      posix_spawnattr_setpgroup(&attributes, 0)
      flags |= POSIX_SPAWN_SETPGROUP
    case .newSession:
      // NB: glibc's POSIX_SPAWN_SETSID (0x80, spawn.h) is declared only under _GNU_SOURCE, which Swift's
      // Glibc module does not see.
      flags |= 0x80
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let cArguments = arguments.map { strdup($0) } + [nil]
    let cEnvironment = environment.map { strdup($0) } + [nil]
    defer { (cArguments + cEnvironment).forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, cEnvironment)
    return code == 0 ? .success(pid) : .failure(SpawnError(code: code))
  }

  /// Why a child could not be started.
  struct SpawnError: Error, CustomStringConvertible {
    /// The `errno` value `posix_spawn` returned.
    var code: Int32
    var description: String { String(cString: strerror(code)) }
  }
}
