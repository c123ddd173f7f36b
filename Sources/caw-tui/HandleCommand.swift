import ArgumentParser
import CawCore

/// `caw-tui handle SESSION`: the resume handle caw would give for the session.
struct HandleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handle", abstract: "Print a session's resume handle, as caw's Session.resume_handle.")

  @OptionGroup var data: DataOptions

  @Argument(help: "Session id or unique id prefix.")
  var session: String

  func run() throws {
    let (_, trajectory) = try data.loadReadableSession(session, skimmingContent: true)
    print(try ResumeHandle.forTrajectory(trajectory).encoded)
  }
}
