import ArgumentParser
import CawCore
import Foundation

/// `caw-tui demo DIR`: writes the bundled demo tree somewhere to keep.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Write the bundled demo caw_data tree into a directory.")

  @Argument(help: "The data directory to create (must not hold a sessions/ directory yet).")
  var directory: String

  func run() throws {
    if FileManager.default.fileExists(atPath: directory + "/sessions") {
      throw CawError(.fileExists, "\(directory)/sessions already exists; choose an empty directory")
    }
    let ids = try DemoTree.write(to: directory, now: Date().timeIntervalSince1970)
    print("Wrote \(ids.count) demo sessions to \(directory)")
  }
}
