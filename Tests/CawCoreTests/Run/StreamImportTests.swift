import Foundation
import OrderedCollections
import Testing

@testable import CawCore

@Suite("Importing saved CLI output streams")
struct StreamImportTests {
  private func read(
    _ text: String, provider: Provider? = nil, model: String = "", input: String = ""
  ) throws -> StreamImport.Result {
    try StreamImport.read(
      Array(text.utf8), provider: provider, model: model, input: input, now: Date(timeIntervalSince1970: 1_768_485_600))
  }

  @Test("a JSON-array file (claude --output-format json --verbose) is read as one claude turn")
  func claudeJSONArray() throws {
    let result = try read(
      """
      [
        {
          "type": "system", "subtype": "init", "cwd": "/w",
          "session_id": "f64d3bc8-d6b0-4ccc-bbda-a1197b3d7b2d", "tools": ["Bash", "Read"],
          "model": "claude-opus-4-20250514", "permissionMode": "default"
        },
        {
          "type": "assistant",
          "message": {"id": "msg_01", "role": "assistant", "content": [
            {"type": "tool_use", "id": "toolu_01", "name": "Bash", "input": {"command": "rm -rf build"}}]},
          "parent_tool_use_id": null, "session_id": "f64d3bc8-d6b0-4ccc-bbda-a1197b3d7b2d"
        },
        {
          "type": "user",
          "message": {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "toolu_01", "content": "Permission denied", "is_error": true}]},
          "session_id": "f64d3bc8-d6b0-4ccc-bbda-a1197b3d7b2d"
        },
        {
          "type": "assistant",
          "message": {"id": "msg_02", "role": "assistant", "content": [{"type": "text", "text": "I could not delete it."}]},
          "session_id": "f64d3bc8-d6b0-4ccc-bbda-a1197b3d7b2d"
        },
        {
          "type": "result", "subtype": "success", "is_error": false, "duration_ms": 8123, "num_turns": 3,
          "result": "I could not delete it.", "session_id": "f64d3bc8-d6b0-4ccc-bbda-a1197b3d7b2d",
          "total_cost_usd": 0.2061, "usage": {"input_tokens": 12, "output_tokens": 90,
          "cache_read_input_tokens": 13000, "cache_creation_input_tokens": 900}
        },
        "not an object"
      ]
      """, input: "delete build")
    let t = result.trajectory
    #expect(result.skippedLines.isEmpty)
    #expect(t.agent == "claude_code")
    #expect(t.model == "claude-opus-4-20250514")
    #expect(t.sessionID == "f64d3bc8-d6b0-4ccc-bbda-a1197b3d7b2d")
    #expect(t.createdAt == "2026-01-15T14:00:00+00:00")
    #expect(t.turns.count == 1)
    #expect(t.turns[0].input == "delete build")
    #expect(
      t.turns[0].output == [
        .toolUse(
          ToolUse(
            id: "toolu_01", name: "Bash", arguments: .object(["command": "rm -rf build"]), output: "Permission denied",
            isError: true)),
        .text("I could not delete it."),
      ])
    let usage = UsageStats(
      inputTokens: 12, outputTokens: 90, cacheReadTokens: 13000, cacheWriteTokens: 900, costUSD: .double(0.2061))
    #expect(t.turns[0].usage == usage)
    #expect(t.usage == usage)
    #expect(t.durationMS == 8123)
    #expect(t.turns[0].durationMS == 8123)
    #expect(t.metadata.isEmpty)
  }

  @Test("a given model wins over the init line's model")
  func givenModel() throws {
    let t = try read(#"{"type":"system","subtype":"init","session_id":"abc","model":"claude-opus-4-6"}"#, model: "opus")
      .trajectory
    #expect(t.model == "opus")
  }

  @Test("JSONL: non-JSON lines are skipped with their 1-based numbers; blank lines are not counted; CRLF accepted")
  func skippedLines() throws {
    let text =
      "{\"type\":\"thread.started\",\"thread_id\":\"0199a213-81c0-7800-8aa1-bbab2a035a53\"}\r\n"
      + "Warning: proceeding, even though we could not update PATH\r\n"
      + "\r\n"
      + "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_0\",\"type\":\"agent_message\",\"text\":\"Done.\"}}\r\n"
      + "[1, 2]\n"
      + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":24763,\"cached_input_tokens\":24448,\"output_tokens\":122}}"
    let result = try read(text, model: "gpt-5.3-codex", input: "go")
    #expect(result.skippedLines == [2, 5])
    let t = result.trajectory
    #expect(t.agent == "codex")
    #expect(t.model == "gpt-5.3-codex")
    #expect(t.metadata == ["thread_id": "0199a213-81c0-7800-8aa1-bbab2a035a53", "skipped_stream_lines": 2])
    #expect(t.turns[0].output == [.text("Done.")])
    #expect(t.usage.costUSD == .double(0.00653765))
    #expect(t.durationMS == 0)
    #expect(t.sessionID != "0199a213-81c0-7800-8aa1-bbab2a035a53")
    #expect((try? SessionID.validate(t.sessionID)) != nil)
  }

  @Test("opencode streams are recognised by sessionID and keep it as opencode_session_id")
  func opencodeGuess() throws {
    let t = try read(
      """
      {"type":"step_start","timestamp":1767036059338,"sessionID":"ses_4947190","part":{"type":"step-start"}}
      {"type":"text","timestamp":1767036059339,"sessionID":"ses_4947190","part":{"type":"text","text":"Hi."}}
      {"type":"mystery","sessionID":"ses_4947190"}
      """
    ).trajectory
    #expect(t.agent == "opencode")
    #expect(t.model == "")
    #expect(t.metadata == ["opencode_session_id": "ses_4947190", "unknown_stream_events": .object(["mystery": 1])])
    #expect(t.turns[0].output == [.text("Hi.")])
  }

  @Test("a failing stream is still imported, with the failure in turn_error")
  func failureRecorded() throws {
    let t = try read(
      """
      {"type":"thread.started","thread_id":"t-1"}
      {"type":"turn.failed","error":{"message":"model not supported"}}
      """
    ).trajectory
    #expect(t.metadata["turn_error"] == "Codex turn failed: model not supported")
  }

  @Test("a claude session id that is not a safe directory name is not used as the trajectory's id")
  func unsafeClaudeSessionID() throws {
    let t = try read(#"{"type":"system","subtype":"init","session_id":"../../etc","model":"m"}"#).trajectory
    #expect(t.sessionID != "../../etc")
    #expect(t.sessionID.count == 36)
  }

  @Test("provider guessing: claude types, codex dotted types and legacy msg lines, opencode types with sessionID")
  func guessing() {
    func guess(_ text: String) -> Provider? { StreamImport.guessProvider(StreamFeed.events(text)) }
    #expect(guess(#"{"type":"result","usage":{}}"#) == .claudeCode)
    #expect(guess(#"{"type":"turn.started"}"#) == .codex)
    #expect(guess(#"{"type":"item.completed","item":{}}"#) == .codex)
    #expect(
      guess(
        """
        {"model":"gpt-5-codex","sandbox":"read-only"}
        {"prompt":"hi"}
        {"id":"0","msg":{"type":"task_started"}}
        """) == .codex)
    #expect(guess(#"{"type":"error","sessionID":"ses_1","error":{"name":"X"}}"#) == .opencode)
    #expect(guess(#"{"type":"error","message":"boom"}"#) == nil)
    #expect(guess(#"{"type":"text","part":{"text":"no session"}}"#) == nil)
    #expect(guess("") == nil)
  }

  @Test("an unrecognisable stream needs --provider; an explicit provider is used as given")
  func needsProvider() throws {
    #expect(
      throws: CawError(
        .invalidArgument, "cannot tell which CLI wrote this stream; pass --provider claude|codex|opencode")
    ) {
      try read(#"{"hello":"world"}"#)
    }
    let t = try read(#"{"type":"error","message":"You've hit your usage limit."}"#, provider: .codex).trajectory
    #expect(t.agent == "codex")
    #expect(t.turns[0].output == [.text("You've hit your usage limit.")])
  }

  @Test("a Claude Code on-disk transcript is recognised and refused")
  func claudeTranscript() {
    let text = """
      {"type":"summary","summary":"Fix the flaky test","leafUuid":"4625dc14-b9c0-4ced-b56a-c5004fe18f6b"}
      {"type":"file-history-snapshot","messageId":"m1","snapshot":{"messageId":"m1","trackedFileBackups":{},"timestamp":"2026-01-15T13:28:27.028Z"},"isSnapshotUpdate":false}
      {"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/w","sessionId":"bd093c16-0ecd-4075-8296-abdb752b8ed8","version":"2.1.0","type":"user","message":{"role":"user","content":"fix it"},"uuid":"a1","timestamp":"2026-01-15T13:28:27.100Z"}
      {"parentUuid":"a1","isSidechain":false,"userType":"external","cwd":"/w","sessionId":"bd093c16-0ecd-4075-8296-abdb752b8ed8","version":"2.1.0","type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":"On it."}]},"uuid":"a2","timestamp":"2026-01-15T13:28:29.000Z"}
      """
    #expect(StreamImport.otherFormat(of: StreamFeed.events(text)) == .claudeTranscript)
    #expect(throws: CawError(.invalidArgument, "this file is \(StreamImport.OtherFormat.claudeTranscript)")) {
      try read(text)
    }
    #expect(StreamImport.OtherFormat.claudeTranscript.description.hasPrefix("a Claude Code on-disk session transcript"))
  }

  @Test("a Codex rollout file is recognised and refused, even when told it is codex")
  func codexRollout() {
    let text = """
      {"timestamp":"2026-01-15T10:00:00.000Z","type":"session_meta","payload":{"id":"0199a213-81c0-7800-8aa1-bbab2a035a53","timestamp":"2026-01-15T10:00:00.000Z","cwd":"/w","originator":"codex_cli_rs","cli_version":"0.46.0","instructions":null}}
      {"timestamp":"2026-01-15T10:00:01.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"list files"}]}}
      {"timestamp":"2026-01-15T10:00:01.500Z","type":"turn_context","payload":{"cwd":"/w","approval_policy":"never","sandbox_policy":{"mode":"read-only"},"model":"gpt-5-codex"}}
      {"timestamp":"2026-01-15T10:00:02.000Z","type":"event_msg","payload":{"type":"agent_message","message":"Two files."}}
      """
    #expect(StreamImport.otherFormat(of: StreamFeed.events(text)) == .codexRollout)
    #expect(throws: CawError(.invalidArgument, "this file is \(StreamImport.OtherFormat.codexRollout)")) {
      try read(text, provider: .codex)
    }
  }

  @Test("real output streams are not mistaken for transcripts or rollouts")
  func streamsAreNotOtherFormats() {
    let claude = StreamFeed.events(
      """
      {"type":"system","subtype":"init","session_id":"s","uuid":"u1","model":"m"}
      {"type":"assistant","message":{"id":"m","role":"assistant","content":[]},"parent_tool_use_id":null,"session_id":"s","uuid":"u2"}
      """)
    #expect(StreamImport.otherFormat(of: claude) == nil)
    let opencode = StreamFeed.events(
      #"{"type":"text","timestamp":1767036059338,"sessionID":"ses_1","part":{"type":"text","text":"x"}}"#)
    #expect(StreamImport.otherFormat(of: opencode) == nil)
  }
}
