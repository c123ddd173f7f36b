import Foundation

/// Runs a program on the controlling terminal in the foreground, as a shell runs a job: in its own
/// process group, which is made the terminal's foreground group, so it reads the keyboard, gets
/// Ctrl-C and window-size changes, and can use the whole screen; the caller's group gets the terminal
/// back when it exits. For handing a session to the agent CLI's own interactive UI.
///
/// The caller must have given up the screen first (curses suspended). A job stopped by the terminal
/// (`SIGTTIN`/`SIGTTOU` before it became the foreground, or Ctrl-Z) is given the terminal again and
/// continued, so the caller never waits on a stopped job.
public enum ForegroundProcess {
  /// How the program ended.
  public enum Exit: Sendable, Equatable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signalled(Int32)
  }

  /// Runs `invocation` (stdin is the terminal; `standardInput` is ignored) and waits for it.
  /// - Throws: ``CawError`` when it cannot be started.
  public static func run(_ invocation: Invocation) throws(CawError) -> Exit {
    let terminal = isatty(STDIN_FILENO) != 0 ? STDIN_FILENO : open("/dev/tty", O_RDWR | O_CLOEXEC)
    defer { if terminal != STDIN_FILENO && terminal >= 0 { close(terminal) } }
    let previousTTOU = signal(SIGTTOU, SIG_IGN)
    defer { signal(SIGTTOU, previousTTOU) }
    let ownGroup = getpgrp()

    let pid = try spawn(invocation)
    if terminal >= 0 { tcsetpgrp(terminal, pid) }
    var status: Int32 = 0
    while true {
      let result = waitpid(pid, &status, WUNTRACED)
      if result < 0 {
        if errno == EINTR { continue }
        break
      }
      if (status & 0xff) == 0x7f {  // stopped
        if terminal >= 0 { tcsetpgrp(terminal, pid) }
        kill(-pid, SIGCONT)
        continue
      }
      break
    }
    if terminal >= 0 { tcsetpgrp(terminal, ownGroup) }
    let signalNumber = status & 0x7f
    return signalNumber == 0 ? .exited((status >> 8) & 0xff) : .signalled(signalNumber)
  }

  /// Starts the program in a new process group with default signal handling and an empty signal mask.
  private static func spawn(_ invocation: Invocation) throws(CawError) -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD, SIGPIPE, SIGWINCH, SIGTERM, SIGHUP] {
      sigaddset(&defaults, number)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var environment = ProcessInfo.processInfo.environment
    environment.merge(invocation.environmentOverrides) { $1 }
    // posix_spawn cannot change directory here (no addchdir in Swift's Glibc), so a shell does it and
    // then execs the program: same pid, same process group.
    var argv = [invocation.executable] + invocation.arguments
    if let directory = invocation.workingDirectory {
      argv = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory] + argv
    }
    let envp = environment.map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let code = withCStrings(argv) { argvPointers in
      withCStrings(envp) { envPointers in
        argv[0].contains("/")
          ? posix_spawn(&pid, argv[0], &actions, &attributes, argvPointers, envPointers)
          : posix_spawnp(&pid, argv[0], &actions, &attributes, argvPointers, envPointers)
      }
    }
    guard code == 0 else {
      throw CawError(.agent, "cannot start \(invocation.executable): \(String(cString: strerror(code)))")
    }
    return pid
  }

  private static func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    var array = pointers
    return array.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
  }
}
