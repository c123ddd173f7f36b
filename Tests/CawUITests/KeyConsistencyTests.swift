import CawCore
import CawUI
import Testing

/// Keys a tig or less user can rely on: `q` backs out of pages, one key per command, Enter takes the default.
@Suite("Keys mean one thing")
struct KeyConsistencyTests {
  let size = Size(width: 100, height: 30)

  @Test("q goes back one page from a tool call and a transcript, and quits only from the browser")
  func qBacksOutOfPages() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter)
    try app.press(.character("j"), .character("j"), .character("j"), .character("j"), .character("j"))
    try app.press(.character("j"), .enter)
    #expect(app.state.stack.count == 2)
    try app.press(.character("q"))
    #expect(app.state.stack.count == 1)
    #expect(app.text.contains("Turn 0"))
    try app.press(.character("q"))
    #expect(app.state.stack.isEmpty)
    #expect(app.state.focus == .timeline)
    #expect(!app.state.quitting)
    #expect(app.requested.isEmpty)
    try app.press(.character("q"))
    #expect(app.state.quitting)
    #expect(app.requested == [.quit])
  }

  @Test("q on a subagent's timeline goes back to the tool call that ran it")
  func qBacksOutOfASubagent() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .down, .down, .enter, .enter)
    try app.type("/code_reviewer")
    try app.press(.enter, .enter, .enter)
    guard case .subagent = app.state.page else {
      Issue.record("expected a subagent page, got \(app.state.page)")
      return
    }
    try app.press(.character("q"))
    guard case .toolCall = app.state.page else {
      Issue.record("expected the tool call, got \(app.state.page)")
      return
    }
    #expect(!app.state.quitting)
  }

  @Test("Ctrl-C quits from any page")
  func ctrlCQuitsFromAnywhere() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter)
    try app.press(.ctrl("c"))
    #expect(app.state.quitting)
    #expect(app.requested == [.quit])
  }

  @Test("q with the help open closes the help")
  func qClosesHelp() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .enter, .enter, .character("?"))
    #expect(app.state.showingHelp)
    try app.press(.character("q"))
    #expect(!app.state.showingHelp)
    #expect(!app.state.quitting)
    #expect(app.state.stack.count == 1)
  }

  @Test("Enter in the export menu takes the first format, caw JSON")
  func enterTakesTheDefaultExportFormat() throws {
    var app = try AppHarness.demo(size)
    try app.press(.down, .character("e"))
    #expect(app.text.contains("Enter/j caw JSON"))
    try app.press(.enter)
    guard case .exportPath(_, let format, let text) = app.state.dialog else {
      Issue.record("expected the file name dialog, got \(String(describing: app.state.dialog))")
      return
    }
    #expect(format == .json)
    #expect(text.hasSuffix(".json"))
  }

  /// Keys that mean different commands in different contexts, on purpose: `/` finds (filters the list,
  /// searches a document), `n` is the next match where there is a search (as in less and vim) and a new
  /// session in the browser, where nothing is searched; `q` backs out of a page and quits the browser.
  static let sharedOnPurpose: Set<Key> = [.character("/"), .character("n"), .character("q")]

  @Test("every other key runs one command wherever it is bound")
  func oneCommandPerKey() {
    var commands: [Key: Set<Command>] = [:]
    for binding in Keymap.standard.bindings {
      for key in binding.keys { commands[key, default: []].insert(binding.command) }
    }
    for (key, bound) in commands where !Self.sharedOnPurpose.contains(key) {
      #expect(bound.count == 1, "\(key) runs \(bound.map(\.rawValue).sorted())")
    }
  }

  @Test("F follows and w shows the whole output; f and x each keep one command")
  func followAndExpandKeys() {
    let keymap = Keymap.standard
    for context in [KeyContext.timeline, .transcript, .toolCall] {
      #expect(keymap.command(for: .character("F"), in: context) == .toggleFollow)
      #expect(keymap.command(for: .character("f"), in: context) == nil)
    }
    #expect(keymap.command(for: .character("f"), in: .sessions) == .cycleStatus)
    #expect(keymap.command(for: .character("w"), in: .toolCall) == .toggleExpand)
    #expect(keymap.command(for: .character("x"), in: .toolCall) == nil)
    #expect(keymap.command(for: .character("x"), in: .sessions) == .stopRun)
  }
}
