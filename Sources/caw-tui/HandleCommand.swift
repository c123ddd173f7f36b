import OrderedCollections
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
    let loaded = try data.withDataDirectory { try SessionReader($0).load(session) }
    guard let t = loaded.trajectory else {
      throw CawError(.unreadable, "session \(loaded.id) is broken: \(loaded.brokenReason ?? "unreadable")")
    }
    print(try ResumeHandle.forTrajectory(t).encoded)
  }
}
