import CawCore
import Foundation
import OrderedCollections
import Testing
import TestSupport

/// `i` in the TUI hands a session caw-tui recorded to the real Claude Code 2.1.327's own UI, in tmux.
@Suite("i hands a session to the real claude", .serialized)
struct RealInteractiveEndToEndTests {
  @Test("i opens claude's own UI on the recorded conversation; /exit returns to caw-tui with the terminal intact")
  func handOffToClaude() throws {
    let setup = try RealCLIEndToEndTests.Setup()
    let run = try ProcessRun.run(
      ProcessRun.cawTUI, ["run", "--data-dir", setup.data, "--provider", "claude", "What did you do?"],
      environment: setup.home.environment, cwd: setup.home.workspace)
    #expect(run.status == 0, "\(run.stderr)")
    try #require(!setup.sessionIDs().isEmpty, "no session was recorded")
    // What a person who has used claude has: onboarding done, this directory trusted, the key approved.
    let config = setup.home.home + "/.claude.json"
    var settings = (try? JSONParser.parse(Array(FileManager.default.contents(atPath: config) ?? Data())))?.objectValue ?? [:]
    settings["hasCompletedOnboarding"] = true
    settings["customApiKeyResponses"] = .object(["approved": .array([.string(String("scripted-key".suffix(20)))]), "rejected": .array([])])
    var projects = settings["projects"]?.objectValue ?? [:]
    projects[setup.home.workspace] = .object(["hasTrustDialogAccepted": true])
    settings["projects"] = .object(projects)
    try Data(PythonJSONWriter.bytes(.object(settings), style: .indented)).write(to: URL(fileURLWithPath: config))

    let tmux = try Tmux(setup.command, width: 160, height: 45)
    var screen = try tmux.waitFor("What did you do?", seconds: 20)
    #expect(try tmux.display("#{alternate_on}") == "1")
    try tmux.send("i")
    screen = try tmux.waitFor("Claude Code v2.1.327", seconds: 30)
    screen = try tmux.waitFor("I wrote marker.txt with hello.", seconds: 30)
    #expect(screen.contains("❯ What did you do?"), "claude's UI shows the recorded conversation: \(screen)")
    #expect(!screen.contains("Sessions"), "caw-tui's screen is gone while claude has the terminal")
    try tmux.send("-l", "/exit")
    try tmux.waitFor("/exit", seconds: 10)
    try tmux.send("Enter")
    screen = try tmux.waitFor("Back from claude_code", seconds: 30)
    #expect(screen.contains("Back from claude_code"), "\(screen)")
    #expect(screen.contains("What did you do?"))
    #expect(try tmux.display("#{alternate_on}") == "1", "curses has the screen again")
    try tmux.send("q")
    screen = try tmux.waitFor("exit=0", seconds: 20)
    #expect(screen.contains("exit=0"), "\(screen)")
  }
}
