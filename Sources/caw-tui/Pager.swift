import Foundation

/// Shows text in `$PAGER` (else `less`), on the terminal the TUI has handed over.
enum Pager {
  /// Runs the pager on `text` and waits for it to exit.
  static func show(_ text: String) {
    let pager = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", pager]
    let input = Pipe()
    process.standardInput = input
    // NB: a pager quit before reading everything closes the pipe; that must not kill us with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    do {
      try process.run()
      try? input.fileHandleForWriting.write(contentsOf: Data((text + "\n").utf8))
      try? input.fileHandleForWriting.close()
      process.waitUntilExit()
    } catch {
      FileHandle.standardError.write(Data("caw-tui: could not run \(pager): \(error)\n".utf8))
    }
  }
}
