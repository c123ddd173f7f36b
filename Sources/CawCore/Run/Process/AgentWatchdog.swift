import CAgentWatchdog
import Glibc
import Synchronization

/// The small process an agent CLI runs under so that it dies with the program recording it.
///
/// A CLI left running after its recorder is killed (`kill -9`, an OOM kill) would go on changing files
/// unwatched and unrecorded. `PR_SET_PDEATHSIG` fixes that, but swift-subprocess offers no hook in the
/// child before `exec`, and the signal follows the *thread* that forked, which in a Swift process is a
/// pool thread that may exit at any time. So a host program (caw-tui) runs this watchdog when started
/// with ``modeArgument``: one thread, parent of the CLI (with `PR_SET_PDEATHSIG` = SIGKILL), watching
/// the recorder through a pidfd. The watchdog leads the CLI's session: when the recorder dies the whole
/// session is killed; when the CLI exits, what it left running in the session is killed and its exit
/// status becomes the watchdog's.
public enum AgentWatchdog {
  /// The first argument that makes a host run the watchdog instead of its own program.
  public static let modeArgument = "__caw-tui-agent-watchdog"

  private static let host = Mutex<String?>(nil)

  /// Runs the watchdog and never returns when `arguments` (the whole argv) ask for it; otherwise
  /// returns at once. A host calls this first thing in `main`.
  public static func runIfRequested(_ arguments: [String]) {
    guard arguments.count > 1, arguments[1] == modeArgument else { return }
    var pointers = arguments.map { strdup($0) } + [nil]
    caw_agent_watchdog_main(Int32(arguments.count), &pointers)
  }

  /// Makes this program the watchdog host of launchers created from now on (`executable` runs this
  /// program again: `/proc/self/exe` by default).
  public static func enable(executable: String = "/proc/self/exe") {
    host.withLock { $0 = executable }
  }

  /// The host enabled in this process, if any.
  public static var hostIfEnabled: String? { host.withLock { $0 } }

  /// The watchdog's arguments before the CLI's own: mode, the recorder's pid, the CLI's path.
  static func arguments(parent: Int32, executable: String) -> [String] {
    [modeArgument, String(parent), executable]
  }
}
