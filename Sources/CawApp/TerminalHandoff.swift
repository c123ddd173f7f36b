import CawCore
import CawUI

/// What only the UI thread may do, as it owns the terminal: hand it to a pager or an agent's own UI, and
/// write the clipboard escape to it.
public struct TerminalHandoff {
  /// Shows text in a pager with the terminal handed over; returns why that failed, or nil.
  public var showInPager: (String) -> String?
  /// Puts text on the terminal's clipboard.
  public var copyToClipboard: (String) -> Void
  /// Runs an agent CLI's own UI with the terminal handed over, and waits for it.
  public var runInteractive: (Invocation) throws(CawError) -> ForegroundProcess.Exit

  /// A handoff doing these; by default there is no terminal to hand over.
  public init(
    showInPager: @escaping (String) -> String? = { _ in "no terminal to show a pager on" },
    copyToClipboard: @escaping (String) -> Void = { _ in },
    runInteractive: @escaping (Invocation) throws(CawError) -> ForegroundProcess.Exit = { (_) throws(CawError) in
      throw CawError(.agent, "no terminal to hand over")
    }
  ) {
    self.showInPager = showInPager
    self.copyToClipboard = copyToClipboard
    self.runInteractive = runInteractive
  }

  /// Runs `launch` and says how it ended.
  func interactive(_ launch: InteractiveLaunch) -> Action {
    do throws(CawError) {
      switch try runInteractive(launch.invocation) {
      case .exited(0): return .interactiveEnded(sessionID: launch.sessionID, message: "Back from \(launch.name)")
      case .exited(let code):
        return .interactiveEnded(sessionID: launch.sessionID, message: "\(launch.name) exited with status \(code)")
      case .signalled(let number):
        return .interactiveEnded(sessionID: launch.sessionID, message: "\(launch.name) ended by signal \(number)")
      }
    } catch {
      return .effectFailed(error.message)
    }
  }
}
