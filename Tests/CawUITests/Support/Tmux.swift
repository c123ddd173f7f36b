import Foundation
import Testing
import TestSupport

/// A private tmux server running one command in a window of a given size, for end-to-end tests.
final class Tmux {
  /// The server's socket name (`tmux -L`), unique to this instance.
  let socket = "caw-e2e-\(UUID().uuidString.prefix(8))"

  /// A private directory for the program's `$XDG_CACHE_HOME` (and `$TMPDIR`), removed with the server:
  /// what the program writes there never reaches the developer's own cache.
  let scratch = TempTree("caw-e2e-scratch")

  /// The program's `$XDG_CACHE_HOME`.
  var cacheHome: String { scratch.path + "/cache" }

  /// The program's `$TMPDIR`.
  var temporaryDirectory: String { scratch.path + "/tmp" }

  /// Starts `command` (a shell command line) in a detached `width`x`height` window.
  init(_ command: String, width: Int, height: Int) throws {
    guard Self.executable != nil else { throw TmuxMissing() }
    try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
    try run(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)", command])
    try run(["set-option", "-g", "remain-on-exit", "on"])
    socketPath = try display("#{socket_path}")
  }

  /// Where the server's socket is, removed with the server.
  private var socketPath = ""

  deinit {
    _ = try? run(["kill-server"])
    if !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
  }

  /// The tmux executable, nil when it is not installed.
  static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// Sends keys as `tmux send-keys` names them (`j`, `Enter`, `Escape`, `C-d`).
  func send(_ keys: String...) throws {
    try run(["send-keys", "-t", "e2e"] + keys)
  }

  /// What the window shows now.
  func capture() throws -> String {
    try run(["capture-pane", "-p", "-t", "e2e"])
  }

  /// A format variable of the pane, such as `#{alternate_on}` or `#{pane_pid}`.
  func display(_ format: String) throws -> String {
    try run(["display-message", "-p", "-t", "e2e", format]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Kills the pane, which hangs up the terminal of the program in it (SIGHUP), as closing a window does.
  func killPane() throws {
    try run(["kill-pane", "-t", "e2e"])
  }

  /// Resizes the window.
  func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
  }

  /// Waits until the window shows `text` (up to `seconds`, looking every `interval`) and returns what it
  /// shows; throws ``WaitTimedOut`` with the last screen when it never does.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10, interval: Double = 0.05) throws -> String {
    var screen = ""
    try waitUntil("\"\(text)\" on screen", seconds: seconds, interval: interval, observe: { screen }) {
      screen = try capture()
      return screen.contains(text)
    }
    return screen
  }

  /// Waits until the window no longer shows `text` (up to `seconds`, looking every `interval`) and returns
  /// what it shows; throws ``WaitTimedOut`` with the last screen when it stays.
  @discardableResult
  func waitForAbsence(of text: String, seconds: Double = 10, interval: Double = 0.05) throws -> String {
    var screen = ""
    try waitUntil("\"\(text)\" to leave the screen", seconds: seconds, interval: interval, observe: { screen }) {
      screen = try capture()
      return !screen.contains(text)
    }
    return screen
  }

  /// Runs tmux with `arguments` and returns its output.
  ///
  /// NB: tmux is run with posix_spawn and waitpid, its output going to a file: the first command starts
  /// the server, which would hold captured pipes open, and Foundation's `Process` was seen missing the
  /// exit of a client whose server lived on.
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    let argv = [Self.executable ?? "tmux", "-u", "-L", socket] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (cArguments + cEnvironment).forEach { free($0) } }
    // The test runner's threads block most signals and a spawned child inherits that mask; tmux needs them.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment) == 0 else {
      throw TmuxFailed(arguments: arguments, output: "could not start \(argv[0])")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    guard status == 0 else { throw TmuxFailed(arguments: arguments, output: output) }
    return output
  }

  /// A UTF-8 environment for tmux and the program it runs, with the cache and temporary files in
  /// this instance's scratch directory.
  private var environment: [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env["TERM"] = "xterm-256color"
    env["XDG_CACHE_HOME"] = cacheHome
    env["TMPDIR"] = temporaryDirectory
    env.removeValue(forKey: "TMUX")
    env.removeValue(forKey: "NO_COLOR")
    env.removeValue(forKey: "PAGER")
    return env
  }
}

/// tmux is not installed.
struct TmuxMissing: Error, CustomStringConvertible {
  var description: String { "the end-to-end tests need tmux: install it (apt-get install tmux)" }
}

/// A tmux command failed.
struct TmuxFailed: Error, CustomStringConvertible {
  var arguments: [String]
  var output: String
  var description: String { "tmux \(arguments.joined(separator: " ")) failed: \(output)" }
}
