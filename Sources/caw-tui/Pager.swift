import CawCore
import Foundation

/// Shows text in `$PAGER` (else `less`), on the terminal the TUI has handed over.
enum Pager {
  /// Runs the pager on `text` in the terminal's foreground and waits for it to exit; returns why it
  /// failed, or nil.
  static func show(_ text: String) -> String? {
    let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less"
    let outcome = ForegroundJob.run(["/bin/sh", "-c", pager], input: Array((TextSanitizer.multiLine(text) + "\n").utf8))
    let shown = TextSanitizer.singleLine(pager, limit: 60)
    switch outcome {
    case .exited(0), .signalled(SIGINT), .signalled(SIGPIPE): return nil
    case .exited(127): return "The pager \(shown) was not found (set $PAGER)"
    case .exited(let status): return "The pager \(shown) exited with status \(status)"
    case .signalled(let signal): return "The pager \(shown) was ended by signal \(signal)"
    case .suspended: return "The pager was suspended (Ctrl-Z) and has been ended; caw-tui has no shell to resume it in"
    case .notStarted(let reason): return "Could not run the pager \(shown): \(reason)"
    }
  }
}
