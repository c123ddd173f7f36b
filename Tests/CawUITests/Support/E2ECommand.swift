import TestSupport

/// Shell lines for the end-to-end tests' tmux windows.
enum E2ECommand {
  /// Runs caw-tui with `arguments` (after `environment`, shell assignments), then prints its exit status
  /// and the tty's canonical and echo modes, and keeps the window open.
  static func cawTUI(_ arguments: String, environment: String = "") -> String {
    "\(environment) '\(ProcessRun.cawTUI)' \(arguments); status=$?; "
      + "modes=$(stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '); "
      + "echo \"exit=$status modes: $modes\"; sleep 60"
  }
}
