import CawCore
import Foundation
import Testing
import TestSupport

/// A session directory caw did not name is read by the name `list` shows it under, and is read-only.
@Suite("Session directories with other names")
struct SessionNameTests {
  private let tree = TempTree("caw-cli-names")
  private var dataDir: String { tree.path + "/caw_data" }

  init() throws {
    try DemoTree.write(to: tree.path + "/caw_data", now: 1_795_000_000)
  }

  private func run(_ arguments: [String]) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, cacheHome: tree.path + "/cache")
  }

  @Test("a directory named with spaces is listed, and show, handle and export read it; resume refuses it visibly")
  func directoryWithSpaces() throws {
    let source = dataDir + "/sessions/5f0c2a9e-3d41-4b8e-9a57-1c2d3e4f5a61"
    try FileManager.default.copyItem(atPath: source, toPath: dataDir + "/sessions/weird name with spaces")
    let list = try run(["list", "--data-dir", dataDir])
    #expect(list.stdout.contains("weird na"))
    let show = try run(["show", "--data-dir", dataDir, "weird name with spaces"])
    #expect(show.status == 0, "\(show.stderr)")
    #expect(show.stdout.contains("Session: weird name with spaces"))
    #expect(try run(["show", "--data-dir", dataDir, "weird"]).status == 0)
    #expect(try run(["export", "--data-dir", dataDir, "weird name with spaces"]).stdout == tree.read("caw_data/sessions/weird name with spaces/trajectory.json"))
    let resume = try run(["resume", "--data-dir", dataDir, "weird name with spaces", "more"])
    #expect(resume.status != 0)
    #expect(resume.stderr.contains("read-only"), "\(resume.stderr)")
    // Names that could leave the sessions directory stay refused.
    for bad in ["../caw_data", "a/b", ".hidden"] {
      #expect(try run(["show", "--data-dir", dataDir, bad]).status != 0)
    }
  }
}
