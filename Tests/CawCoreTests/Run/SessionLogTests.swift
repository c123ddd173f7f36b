import Foundation
import Logging
import OrderedCollections
import Testing

@testable import CawCore
import TestSupport

/// The one-line session events (caw's AgentLogger) through swift-log.
@Suite("Session events through swift-log")
struct SessionLogTests {
  /// Keeps every event a logger is given.
  final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(Logger.Level, String, Logger.Metadata)] = []
    func add(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
      lock.withLock { events.append((level, message, metadata)) }
    }
    var all: [(level: Logger.Level, message: String, metadata: Logger.Metadata)] { lock.withLock { events } }

    var logger: Logger {
      var logger = Logger(label: "test") { _ in Handler(recorder: self) }
      logger.logLevel = .trace
      return logger
    }

    struct Handler: LogHandler {
      let recorder: Recorder
      var logLevel: Logger.Level = .trace
      var metadata: Logger.Metadata = [:]
      subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
      }
      func log(event: LogEvent) { recorder.add(event.level, event.message.description, event.metadata ?? [:]) }
    }
  }

  static func environment(_ tree: TempTree, _ lines: [String], logger: Logger) -> AgentEnvironment {
    for name in ["claude", "codex", "opencode"] {
      tree.write("bin/\(name)", "#!/bin/sh\nexit 0\n")
      chmod(tree.path + "/bin/" + name, 0o755)
    }
    return AgentEnvironment(
      launcher: AgentSessionTests.ScriptedLauncher(lines), variables: ["PATH": tree.path + "/bin", "HOME": tree.path],
      now: { Date(timeIntervalSince1970: 1_767_225_600) }, logger: logger)
  }

  @Test("metadata, user, tool call and result, text, turn end, usage limit and end, one line each")
  func claudeTurn() async throws {
    let tree = TempTree()
    let recorder = Recorder()
    let long = String(repeating: "x", count: 300)
    let lines = [
      #"{"type":"system","subtype":"init","model":"claude-opus-4-6","session_id":"s"}"#,
      #"{"type":"assistant","message":{"id":"m1","content":[{"type":"thinking","thinking":"hmm"},{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls"}}]}}"#,
      #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","content":"a.py\n\u001b]52;c;ZXZpbA==\u0007b.py","is_error":false}]}}"#,
      #"{"type":"assistant","message":{"id":"m2","content":[{"type":"tool_use","id":"t2","name":"Read","input":{"file_path":"/nope"}}]}}"#,
      #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t2","content":"no such file","is_error":true}]}}"#,
      #"{"type":"assistant","message":{"id":"m3","content":[{"type":"text","text":"You've hit your limit · resets 3pm (UTC) "# + long + #""}]}}"#,
      #"{"type":"result","usage":{"input_tokens":10,"output_tokens":5},"total_cost_usd":0.0123,"duration_ms":1500}"#,
    ]
    let session = try AgentSession.start(
      AgentSettings(provider: .claudeCode), dataDirectory: DataDirectory(tree.path + "/data"),
      environment: Self.environment(tree, lines, logger: recorder.logger))
    try await session.send("List\nthe files")
    try await session.end()

    let events = recorder.all
    let expected = [
      "metadata agent=claude_code session=\(session.sessionID)", "user List the files", "thinking hmm",
      #"tool_call Bash {"command": "ls"}"#, "tool_result Bash → a.py ␛]52;c;ZXZpbA==␇b.py",
      #"tool_call Read {"file_path": "/nope"}"#, "tool_error Read → no such file",
      "assistant You've hit your limit · resets 3pm (UTC) xxx", "turn_end duration=1500ms tokens=10in/5out",
      "usage_limit wait=", "end turns=1 usage_limited=true cost=$0.0123",
    ]
    #expect(events.count == expected.count, "\(events.map(\.message))")
    for (event, prefix) in zip(events, expected) { #expect(event.message.hasPrefix(prefix)) }
    #expect(events.map(\.level) == [.info, .info, .debug, .info, .info, .info, .info, .debug, .info, .warning, .info])
    let assistant = events[7].message
    #expect(assistant.count == "assistant ".count + 200 && assistant.hasSuffix("…"), "cut to caw's 200 characters")
    #expect(!events.contains { $0.message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } }, "no raw escapes")
    #expect(events[8].message == "turn_end duration=1500ms tokens=10in/5out cost=$0.0123")
    #expect(events[3].metadata["event"] == "tool_call" && events[3].metadata["tool"] == "Bash")
    #expect(events.allSatisfy { $0.metadata["session"] == .string(session.sessionID) })
  }

  @Test("a failed turn is logged as an error")
  func failure() async throws {
    let tree = TempTree()
    let recorder = Recorder()
    let session = try AgentSession.start(
      AgentSettings(provider: .codex), dataDirectory: DataDirectory(tree.path + "/data"),
      environment: Self.environment(tree, [#"{"type":"turn.failed","error":{"message":"model overloaded"}}"#], logger: recorder.logger))
    await #expect(throws: CawError.self) { try await session.send("go") }
    #expect(recorder.all.last?.level == .error)
    #expect(recorder.all.last?.message == "turn_failed Codex turn failed: model overloaded")
  }
}
