import CawCore
import CawUI
import Testing
import TestSupport

/// The app on sessions the real Python caw 0.1.9 wrote (through fake provider CLIs, Tests/Interop).
@Suite("Browsing a tree Python caw wrote")
struct PythonWrittenTreeTests {
  @Test func everySessionIsListedAndNestedSubagentsOpenTwoDeep() throws {
    let tree = TempTree("caw-ui-python")
    _ = try Interop.json("write_sessions.py", [tree.path + "/caw_data"])
    var app = AppHarness(dataDirectory: tree.path + "/caw_data", size: Size(width: 80, height: 24))
    #expect(app.state.visibleSessions.count == 8)
    #expect(Set(app.state.visibleSessions.map { DisplayStatus($0, now: app.state.now) }) == [.finished, .usageLimited, .unfinished])
    #expect(app.text.contains("⊘ claude "))
    try app.press(.character("/"))
    try app.type("code reviewer")
    try app.press(.enter, .enter, .enter, .character("/"))
    try app.type("mcp__subagent__code_reviewer")
    try app.press(.enter, .enter, .enter, .enter, .character("/"))
    try app.type("mcp__subagent__style_checker")
    try app.press(.enter, .enter, .enter)
    #expect(app.state.stack.count == 6)
    #expect(app.text.contains("0 Check the style"))
    #expect(
      app.frame.rowText(0).hasPrefix(" caw-tui  … › ↳ subagent › turn 0 › mcp__subagent__style_checker › ↳ subagent "))
    for _ in 0..<6 { try app.press(.escape) }
    #expect(app.state.stack.isEmpty)
  }
}
