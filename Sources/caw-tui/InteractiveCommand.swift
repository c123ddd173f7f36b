import ArgumentParser
import CawCore
import Foundation

/// `caw-tui interactive SESSION`: opens a recorded session in its CLI's own interactive UI.
struct InteractiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interactive",
    abstract: "Open a session in its agent CLI's own interactive UI (claude --resume, codex resume, opencode --session).",
    discussion: """
      The CLI runs in the session's recorded working directory, in the foreground of this terminal. What \
      you do there is kept in the CLI's own record of the conversation, not in caw_data; `caw-tui resume` \
      continues it headlessly afterwards.
      """)

  @OptionGroup var data: DataOptions

  @Flag(name: .long, help: "Print the command line and directory instead of running it.")
  var dryRun = false

  @Argument(help: "Session id or unique id prefix.")
  var session: String

  func run() throws {
    let (_, trajectory) = try data.loadReadableSession(session, skimmingContent: true)
    let invocation = try InteractiveInvocation.resume(trajectory, environment: ProcessInfo.processInfo.environment)
    let place = invocation.workingDirectory ?? FileManager.default.currentDirectoryPath
    if dryRun {
      print("cd \(Invocation.shellQuoted(place)) && \(invocation.commandLine)")
      return
    }
    guard isatty(STDIN_FILENO) != 0 else {
      throw ValidationError("the agent's interactive UI needs a terminal on stdin")
    }
    FileHandle.standardError.write(Data("opening \(TextSanitizer.singleLine(invocation.commandLine)) in \(TextSanitizer.singleLine(place))\n".utf8))
    switch try ForegroundProcess.run(invocation) {
    case .exited(0): return
    case .exited(let code): throw ExitCode(code)
    case .signalled(let number): throw ExitCode(128 + number)
    }
  }
}
