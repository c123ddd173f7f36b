import Foundation

/// Starts a `caw-tui run` or `resume` as a separate process in a session of its own, so it keeps
/// recording when the program that started it (the TUI) exits or its terminal closes; its output goes
/// to a log file.
public enum DetachedRun {
  /// glibc's `POSIX_SPAWN_SETSID` (spawn.h, glibc 2.26+), which Swift's Glibc module does not export.
  private static let spawnSetSID: Int16 = 0x80

  /// Starts `executable` with `arguments` (and `environment`, else this process's), stdin from
  /// /dev/null, stdout and stderr appended to `log`. A background thread reaps it if it ends while this
  /// process runs.
  /// - Returns: the process id.
  public static func start(
    executable: String, arguments: [String], environment: [String: String]? = nil, log: String
  ) throws(CawError) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, spawnSetSID)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer { (argv + (envp ?? [])).forEach { free($0) } }
    var pid: pid_t = 0
    let status = envp.map { envp in posix_spawn(&pid, executable, &actions, &attributes, argv, envp) }
      ?? posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard status == 0 else {
      throw CawError(.agent, "cannot start \(executable): \(String(cString: strerror(status)))")
    }
    let child = pid
    Thread.detachNewThread {
      var exitStatus: Int32 = 0
      while waitpid(child, &exitStatus, 0) == -1 && errno == EINTR {}
    }
    return pid
  }
}
