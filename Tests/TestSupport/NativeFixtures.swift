import CawCore
import Foundation

/// Agents' session stores written by hand in the shapes their CLIs write, one per version family, under a
/// temporary HOME: `.claude/projects`, `.codex/sessions`, `.local/share/opencode`.
public struct NativeFixtures {
  public let tree: TempTree
  public var home: String { tree.path + "/home" }
  public var stores: NativeStores { NativeStores(environment: ["HOME": home]) }

  public static let project = "-work-app"
  public static let claudeV1 = "0f1e2d3c-0000-4000-8000-000000000001"
  public static let claudeV20 = "0f1e2d3c-0000-4000-8000-000000000002"
  public static let claudeV21 = "0f1e2d3c-0000-4000-8000-000000000003"
  public static let codexOld = "01997ea4-a70d-7da3-8c20-000000000001"
  public static let codexNew = "019fc8be-3658-7ca3-9e29-000000000002"
  public static let opencodeFiles = "ses_files0001"
  public static let opencodeChild = "ses_files0002"

  public init(_ label: String = "native") {
    tree = TempTree(label)
  }

  public var claudeDirectory: String { home + "/.claude/projects/" + Self.project }
  public var codexNewPath: String { home + "/.codex/sessions/2026/08/03/rollout-2026-08-03T10-48-56-\(Self.codexNew).jsonl" }
  public var codexOldPath: String { home + "/.codex/sessions/2025/09/25/rollout-2025-09-25T02-12-23-\(Self.codexOld).jsonl" }

  /// Writes every store.
  public func writeAll() {
    writeClaude()
    writeCodex()
    writeOpencodeFiles()
  }

  public func write(_ path: String, lines: [String]) {
    tree.write(String(path.dropFirst(tree.path.count + 1)), lines.joined(separator: "\n") + "\n")
  }

  // MARK: - Claude Code

  public func writeClaude() {
    write(claudeDirectory + "/\(Self.claudeV1).jsonl", lines: Self.claudeV1Lines)
    write(claudeDirectory + "/\(Self.claudeV20).jsonl", lines: Self.claudeV20Lines)
    write(claudeDirectory + "/\(Self.claudeV21).jsonl", lines: Self.claudeV21Lines)
    let agents = claudeDirectory + "/\(Self.claudeV21)/subagents"
    write(agents + "/agent-a1b2c3.jsonl", lines: Self.claudeV21AgentLines)
    tree.write(
      String((agents + "/agent-a1b2c3.meta.json").dropFirst(tree.path.count + 1)),
      #"{"agentType":"general-purpose","description":"Find the flaky test","toolUseId":"toolu_v21_agent","spawnDepth":1,"model":"claude-haiku-4-5-20251001"}"#)
  }

  /// 1.0.x: string prompts, one record per content block repeating the message's usage, a `Task`
  /// subagent's records inline as sidechains, no `gitBranch`.
  public static let claudeV1Lines = [
    #"{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","type":"user","message":{"role":"user","content":"Find where the retry delay is set"},"uuid":"u1","timestamp":"2025-07-20T10:00:00.000Z"}"#,
    #"{"parentUuid":"u1","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","message":{"id":"msg_v1_a","type":"message","role":"assistant","model":"claude-opus-4-20250514","content":[{"type":"text","text":"I'll delegate the search."}],"stop_reason":null,"usage":{"input_tokens":10,"cache_creation_input_tokens":1000,"cache_read_input_tokens":0,"output_tokens":5}},"requestId":"req_v1_a","type":"assistant","uuid":"a1","timestamp":"2025-07-20T10:00:02.000Z"}"#,
    #"{"parentUuid":"a1","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","message":{"id":"msg_v1_a","type":"message","role":"assistant","model":"claude-opus-4-20250514","content":[{"type":"tool_use","id":"toolu_v1_task","name":"Task","input":{"description":"Search retry","prompt":"Find the retry delay constant"}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"cache_creation_input_tokens":1000,"cache_read_input_tokens":0,"output_tokens":40}},"requestId":"req_v1_a","type":"assistant","uuid":"a2","timestamp":"2025-07-20T10:00:03.000Z"}"#,
    #"{"parentUuid":null,"isSidechain":true,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","type":"user","message":{"role":"user","content":"Find the retry delay constant"},"uuid":"s1","timestamp":"2025-07-20T10:00:04.000Z"}"#,
    #"{"parentUuid":"s1","isSidechain":true,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","message":{"id":"msg_v1_s","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"tool_use","id":"toolu_v1_grep","name":"Grep","input":{"pattern":"RETRY_DELAY"}}],"stop_reason":"tool_use","usage":{"input_tokens":20,"cache_creation_input_tokens":0,"cache_read_input_tokens":500,"output_tokens":12}},"requestId":"req_v1_s","type":"assistant","uuid":"s2","timestamp":"2025-07-20T10:00:05.000Z"}"#,
    #"{"parentUuid":"s2","isSidechain":true,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_v1_grep","type":"tool_result","content":"src/net.py:3:RETRY_DELAY = 2"}]},"uuid":"s3","timestamp":"2025-07-20T10:00:06.000Z"}"#,
    #"{"parentUuid":"s3","isSidechain":true,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","message":{"id":"msg_v1_s2","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"It is in src/net.py line 3."}],"stop_reason":"end_turn","usage":{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":600,"output_tokens":9}},"requestId":"req_v1_s2","type":"assistant","uuid":"s4","timestamp":"2025-07-20T10:00:07.000Z"}"#,
    #"{"parentUuid":"a2","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_v1_task","type":"tool_result","content":[{"type":"text","text":"It is in src/net.py line 3."}]}]},"uuid":"u2","timestamp":"2025-07-20T10:00:08.000Z"}"#,
    #"{"parentUuid":"u2","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000001","version":"1.0.51","message":{"id":"msg_v1_b","type":"message","role":"assistant","model":"claude-opus-4-20250514","content":[{"type":"text","text":"RETRY_DELAY is set in src/net.py."}],"stop_reason":"end_turn","usage":{"input_tokens":50,"cache_creation_input_tokens":0,"cache_read_input_tokens":1000,"output_tokens":11}},"requestId":"req_v1_b","type":"assistant","uuid":"a3","timestamp":"2025-07-20T10:00:10.000Z"}"#,
  ]

  /// 2.0.x: summary lines first, `file-history-snapshot`s, thinking, a failing tool, results as arrays,
  /// an interrupted second turn.
  public static let claudeV20Lines = [
    #"{"type":"summary","summary":"Fix the date parser","leafUuid":"b9"}"#,
    #"{"type":"file-history-snapshot","messageId":"b1","snapshot":{"messageId":"b1","trackedFileBackups":{"utils/dates.py":{"backupFileName":"x@v1","version":1}},"timestamp":"2025-10-24T20:50:00.000Z"},"isSnapshotUpdate":false}"#,
    #"{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","type":"user","message":{"role":"user","content":"The date parser crashes on timestamps with Z"},"uuid":"b1","timestamp":"2025-10-24T20:50:00.000Z","thinkingMetadata":{"level":"high","disabled":false,"triggers":[]}}"#,
    #"{"parentUuid":"b1","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_v20_a","type":"message","role":"assistant","content":[{"type":"thinking","thinking":"Python before 3.11 rejects Z in fromisoformat.","signature":"sig"}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":8,"cache_creation_input_tokens":2000,"cache_read_input_tokens":12000,"cache_creation":{"ephemeral_5m_input_tokens":2000,"ephemeral_1h_input_tokens":0},"output_tokens":3,"service_tier":"standard"}},"requestId":"req_v20_a","type":"assistant","uuid":"b2","timestamp":"2025-10-24T20:50:03.000Z"}"#,
    #"{"parentUuid":"b2","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_v20_a","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_v20_edit","name":"Edit","input":{"file_path":"/work/app/utils/dates.py","old_string":"datetime.fromisoformat(s)","new_string":"datetime.fromisoformat(s.replace(\"Z\", \"+00:00\"))"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":8,"cache_creation_input_tokens":2000,"cache_read_input_tokens":12000,"output_tokens":120,"service_tier":"standard"}},"requestId":"req_v20_a","type":"assistant","uuid":"b3","timestamp":"2025-10-24T20:50:05.000Z"}"#,
    #"{"type":"file-history-snapshot","messageId":"b3","snapshot":{"messageId":"b3","trackedFileBackups":{},"timestamp":"2025-10-24T20:50:05.500Z"},"isSnapshotUpdate":true}"#,
    #"{"parentUuid":"b3","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_v20_edit","type":"tool_result","content":"The file /work/app/utils/dates.py has been updated."}]},"uuid":"b4","timestamp":"2025-10-24T20:50:06.000Z","toolUseResult":{"filePath":"/work/app/utils/dates.py","oldString":"datetime.fromisoformat(s)","newString":"datetime.fromisoformat(s.replace(\"Z\", \"+00:00\"))","structuredPatch":[]}}"#,
    #"{"parentUuid":"b4","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_v20_b","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_v20_bash","name":"Bash","input":{"command":"pytest -q tests/test_dates.py","description":"Run the date tests"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":6,"cache_creation_input_tokens":300,"cache_read_input_tokens":14000,"output_tokens":60,"service_tier":"standard"}},"requestId":"req_v20_b","type":"assistant","uuid":"b5","timestamp":"2025-10-24T20:50:08.000Z"}"#,
    #"{"parentUuid":"b5","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","type":"user","message":{"role":"user","content":[{"type":"tool_result","content":[{"type":"text","text":"1 failed, 4 passed"}],"is_error":true,"tool_use_id":"toolu_v20_bash"}]},"uuid":"b6","timestamp":"2025-10-24T20:50:15.000Z","toolUseResult":"Error: 1 failed, 4 passed"}"#,
    #"{"parentUuid":"b6","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_v20_c","type":"message","role":"assistant","content":[{"type":"text","text":"One test still fails: it expects naive datetimes."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":14300,"output_tokens":25,"service_tier":"standard"}},"requestId":"req_v20_c","type":"assistant","uuid":"b7","timestamp":"2025-10-24T20:50:18.000Z"}"#,
    #"{"parentUuid":"b7","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","type":"user","message":{"role":"user","content":"Make the test expect aware datetimes"},"uuid":"b8","timestamp":"2025-10-24T20:51:00.000Z"}"#,
    #"{"parentUuid":"b8","isSidechain":false,"userType":"external","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000002","version":"2.0.26","gitBranch":"main","type":"user","message":{"role":"user","content":[{"type":"text","text":"[Request interrupted by user]"}]},"uuid":"b9","timestamp":"2025-10-24T20:51:02.000Z"}"#,
  ]

  /// 2.1.x: hooks and bookkeeping records, titles, an `Agent` subagent in `subagents/agent-*.jsonl` linked
  /// by its meta file, `turn_duration`, a record type no version wrote yet, and a torn last line.
  public static let claudeV21Lines = [
    #"{"type":"permission-mode","permissionMode":"default","sessionId":"0f1e2d3c-0000-4000-8000-000000000003"}"#,
    #"{"parentUuid":null,"isSidechain":false,"attachment":{"type":"hook_success","hookName":"SessionStart:startup","toolUseID":"h1","hookEvent":"SessionStart","content":"","stdout":"","stderr":"","exitCode":0,"command":"echo hi","durationMs":12},"type":"attachment","uuid":"c0","timestamp":"2026-06-12T13:28:27.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c0","isSidechain":false,"promptId":"p1","type":"user","message":{"role":"user","content":"Find and fix the flaky test"},"uuid":"c1","timestamp":"2026-06-12T13:28:30.000Z","permissionMode":"default","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c1","isSidechain":false,"message":{"model":"claude-opus-4-6","id":"msg_v21_a","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_v21_agent","name":"Agent","input":{"description":"Find the flaky test","prompt":"Run the suite three times and report flaky tests","subagent_type":"general-purpose"},"caller":{"type":"direct"}}],"stop_reason":"tool_use","stop_sequence":null,"stop_details":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":5000,"cache_read_input_tokens":10000,"output_tokens":80,"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":5000},"inference_geo":"","iterations":[],"speed":"standard"}},"requestId":"req_v21_a","type":"assistant","uuid":"c2","timestamp":"2026-06-12T13:28:33.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c2","isSidechain":false,"promptId":"p1","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_v21_agent","type":"tool_result","content":[{"type":"text","text":"tests/test_net.py::test_retry is flaky (1 of 3 runs failed)."},{"type":"text","text":"agentId: a1b2c3 (use SendMessage with to: 'a1b2c3' to continue this agent)"}]}]},"uuid":"c3","timestamp":"2026-06-12T13:29:40.000Z","toolUseResult":{"status":"completed","prompt":"Run the suite three times and report flaky tests","agentId":"a1b2c3","content":[{"type":"text","text":"tests/test_net.py::test_retry is flaky (1 of 3 runs failed)."}],"totalDurationMs":65000,"totalTokens":4100,"totalToolUseCount":1},"sourceToolAssistantUUID":"c2","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c3","isSidechain":false,"message":{"model":"claude-opus-4-6","id":"msg_v21_b","type":"message","role":"assistant","content":[{"type":"text","text":"test_retry depends on wall-clock time; I'll freeze it."}],"stop_reason":"end_turn","stop_sequence":null,"stop_details":null,"usage":{"input_tokens":4,"cache_creation_input_tokens":200,"cache_read_input_tokens":15000,"output_tokens":30,"service_tier":"standard"}},"requestId":"req_v21_b","type":"assistant","uuid":"c4","timestamp":"2026-06-12T13:29:45.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c4","isSidechain":false,"type":"system","subtype":"stop_hook_summary","hookCount":2,"hookInfos":[{"command":"lint","durationMs":40}],"hookErrors":[],"preventedContinuation":false,"stopReason":"","hasOutput":false,"level":"suggestion","timestamp":"2026-06-12T13:29:46.000Z","uuid":"c5","toolUseID":"c4","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c5","isSidechain":false,"type":"system","subtype":"turn_duration","durationMs":76000,"messageCount":6,"timestamp":"2026-06-12T13:29:46.500Z","uuid":"c6","isMeta":false,"userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"type":"ai-title","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","aiTitle":"Fix flaky retry test"}"#,
    #"{"type":"custom-title","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","customTitle":"flaky retry"}"#,
    #"{"type":"hologram-state","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","state":{"x":1}}"#,
    #"{"type":"last-prompt","lastPrompt":"Find and fix the flaky test","sessionId":"0f1e2d3c-0000-4000-8000-000000000003"}"#,
    #"{"parentUuid":"c6","isSidechain":false,"promptId":"p2","type":"user","message":{"role":"user","content":"Now freeze the clock in test_retry"},"uuid":"c7","timestamp":"2026-06-12T13:31:00.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c7","isSidechain":false,"message":{"model":"claude-opus-4-6","id":"msg_v21_c","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_v21_write","name":"Write","input":{"file_path":"/work/app/tests/conftest.py","content":"import pytest\n"}}],"stop_reason":"tool_use","usage":{"input_tokens":2,"cache_creation_input_tokens":0,"cache_read_input_tokens":15200,"output_tokens":20}},"requestId":"req_v21_c","type":"assistant","uuid":"c8","timestamp":"2026-06-12T13:31:04.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"c8","isSidechain":false,"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_v21_write","type":"tool_re"#,
  ]

  /// The subagent the 2.1 session's `Agent` call ran (its own file, all records sidechain).
  public static let claudeV21AgentLines = [
    #"{"parentUuid":null,"isSidechain":true,"agentId":"a1b2c3","type":"user","message":{"role":"user","content":"Run the suite three times and report flaky tests"},"uuid":"d1","timestamp":"2026-06-12T13:28:34.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"d1","isSidechain":true,"agentId":"a1b2c3","message":{"model":"claude-haiku-4-5-20251001","id":"msg_agent_a","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_agent_bash","name":"Bash","input":{"command":"for i in 1 2 3; do pytest -q; done"}}],"stop_reason":"tool_use","usage":{"input_tokens":100,"cache_creation_input_tokens":3000,"cache_read_input_tokens":0,"output_tokens":40}},"requestId":"req_agent_a","type":"assistant","uuid":"d2","timestamp":"2026-06-12T13:28:36.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"d2","isSidechain":true,"agentId":"a1b2c3","type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_agent_bash","type":"tool_result","content":"5 passed\n1 failed, 4 passed\n5 passed","is_error":false}]},"uuid":"d3","timestamp":"2026-06-12T13:29:30.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
    #"{"parentUuid":"d3","isSidechain":true,"agentId":"a1b2c3","message":{"model":"claude-haiku-4-5-20251001","id":"msg_agent_b","type":"message","role":"assistant","content":[{"type":"text","text":"tests/test_net.py::test_retry is flaky (1 of 3 runs failed)."}],"stop_reason":"end_turn","usage":{"input_tokens":150,"cache_creation_input_tokens":0,"cache_read_input_tokens":3000,"output_tokens":25}},"requestId":"req_agent_b","type":"assistant","uuid":"d4","timestamp":"2026-06-12T13:29:38.000Z","userType":"external","entrypoint":"cli","cwd":"/work/app","sessionId":"0f1e2d3c-0000-4000-8000-000000000003","version":"2.1.175","gitBranch":"main"}"#,
  ]

  // MARK: - Codex

  public func writeCodex() {
    write(codexOldPath, lines: Self.codexOldLines)
    write(codexNewPath, lines: Self.codexNewLines)
  }

  /// 0.40: `response_item` and `event_msg` both carry the prompt, shell calls take an argv and answer with
  /// a JSON string holding the output and exit code, `token_count` totals grow over the session.
  public static let codexOldLines = [
    #"{"timestamp":"2025-09-25T02:12:23.966Z","type":"session_meta","payload":{"id":"01997ea4-a70d-7da3-8c20-000000000001","timestamp":"2025-09-25T02:12:23.949Z","cwd":"/work/app","originator":"codex_cli_rs","cli_version":"0.40.0","instructions":null,"git":{"commit_hash":"9d35","branch":"main"}}}"#,
    #"{"timestamp":"2025-09-25T02:12:23.966Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n  <cwd>/work/app</cwd>\n</environment_context>"}]}}"#,
    #"{"timestamp":"2025-09-25T02:12:23.966Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Add a created_at column"}]}}"#,
    #"{"timestamp":"2025-09-25T02:12:23.966Z","type":"event_msg","payload":{"type":"user_message","message":"Add a created_at column","kind":"plain"}}"#,
    #"{"timestamp":"2025-09-25T02:12:23.966Z","type":"turn_context","payload":{"cwd":"/work/app","approval_policy":"never","sandbox_policy":{"mode":"danger-full-access"},"model":"gpt-5-codex","effort":"high","summary":"auto"}}"#,
    #"{"timestamp":"2025-09-25T02:12:29.513Z","type":"event_msg","payload":{"type":"agent_reasoning","text":"**Looking at the schema**"}}"#,
    #"{"timestamp":"2025-09-25T02:12:31.531Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":3587,"cached_input_tokens":2560,"output_tokens":229,"reasoning_output_tokens":128,"total_tokens":3816},"last_token_usage":{"input_tokens":3587,"cached_input_tokens":2560,"output_tokens":229,"reasoning_output_tokens":128,"total_tokens":3816},"model_context_window":272000}}}"#,
    #"{"timestamp":"2025-09-25T02:12:31.531Z","type":"response_item","payload":{"type":"reasoning","summary":[{"type":"summary_text","text":"**Looking at the schema**"}],"content":null,"encrypted_content":"gAAAA"}}"#,
    #"{"timestamp":"2025-09-25T02:12:31.531Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"cat db/schema.sql\"],\"workdir\":\"/work/app\"}","call_id":"call_old_1"}}"#,
    #"{"timestamp":"2025-09-25T02:12:31.600Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_old_1","output":"{\"output\":\"CREATE TABLE orders (id INTEGER);\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}"}}"#,
    #"{"timestamp":"2025-09-25T02:12:35.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"apply_patch\",\"*** Begin Patch\\n*** Update File: db/schema.sql\\n@@\\n-CREATE TABLE orders (id INTEGER);\\n+CREATE TABLE orders (id INTEGER, created_at TEXT);\\n*** End Patch\"]}","call_id":"call_old_2"}}"#,
    #"{"timestamp":"2025-09-25T02:12:35.100Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_old_2","output":"{\"output\":\"Success. Updated the following files:\\nM db/schema.sql\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}"}}"#,
    #"{"timestamp":"2025-09-25T02:12:38.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"pytest -q\"]}","call_id":"call_old_3"}}"#,
    #"{"timestamp":"2025-09-25T02:12:40.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_old_3","output":"{\"output\":\"1 failed\\n\",\"metadata\":{\"exit_code\":1,\"duration_seconds\":1.9}}"}}"#,
    #"{"timestamp":"2025-09-25T02:12:41.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":8000,"cached_input_tokens":6000,"output_tokens":500,"reasoning_output_tokens":192,"total_tokens":8500},"last_token_usage":{"input_tokens":4413,"cached_input_tokens":3440,"output_tokens":271,"reasoning_output_tokens":64,"total_tokens":4684},"model_context_window":272000}}}"#,
    #"{"timestamp":"2025-09-25T02:12:41.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":8000,"cached_input_tokens":6000,"output_tokens":500,"reasoning_output_tokens":192,"total_tokens":8500},"last_token_usage":{"input_tokens":4413,"cached_input_tokens":3440,"output_tokens":271,"reasoning_output_tokens":64,"total_tokens":4684},"model_context_window":272000}}}"#,
    #"{"timestamp":"2025-09-25T02:12:42.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Added created_at; one test fails."}]}}"#,
    #"{"timestamp":"2025-09-25T02:12:42.000Z","type":"event_msg","payload":{"type":"agent_message","message":"Added created_at; one test fails."}}"#,
    #"{"timestamp":"2025-09-25T02:14:00.000Z","type":"event_msg","payload":{"type":"user_message","message":"Fix the test","kind":"plain"}}"#,
    #"{"timestamp":"2025-09-25T02:14:00.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Fix the test"}]}}"#,
    #"{"timestamp":"2025-09-25T02:14:05.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Done."}]}}"#,
    #"{"timestamp":"2025-09-25T02:14:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":9000,"cached_input_tokens":6500,"output_tokens":520,"reasoning_output_tokens":192,"total_tokens":9520},"last_token_usage":{"input_tokens":1000,"cached_input_tokens":500,"output_tokens":20,"reasoning_output_tokens":0,"total_tokens":1020},"model_context_window":272000}}}"#,
  ]

  /// 0.14x: task start and end with durations, `exec_command` calls answered with `Exit code:` text and
  /// the whole output in `exec_command_end`, a custom `apply_patch` call, an aborted turn, a record type
  /// of a later version.
  public static let codexNewLines = [
    #"{"timestamp":"2026-08-03T10:48:56.000Z","type":"session_meta","payload":{"id":"019fc8be-3658-7ca3-9e29-000000000002","timestamp":"2026-08-03T10:48:56.000Z","cwd":"/work/app","originator":"codex_exec","cli_version":"0.146.0","source":"exec","model_provider":"openai"}}"#,
    #"{"timestamp":"2026-08-03T10:48:56.000Z","type":"turn_context","payload":{"turn_id":"t1","cwd":"/work/app","approval_policy":"never","sandbox_policy":{"type":"danger-full-access"},"model":"gpt-5.3-codex","effort":"medium","summary":"auto"}}"#,
    #"{"timestamp":"2026-08-03T10:48:56.000Z","type":"event_msg","payload":{"type":"task_started","turn_id":"t1","started_at":"2026-08-03T10:48:56.000Z","model_context_window":258400}}"#,
    #"{"timestamp":"2026-08-03T10:48:56.000Z","type":"response_item","payload":{"type":"message","role":"developer","content":[{"type":"input_text","text":"<permissions instructions>never ask</permissions instructions>"}]}}"#,
    #"{"timestamp":"2026-08-03T10:48:56.000Z","type":"event_msg","payload":{"type":"user_message","message":"Run the tests and fix the failure","images":[],"local_images":[]}}"#,
    #"{"timestamp":"2026-08-03T10:48:56.000Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Run the tests and fix the failure"}]}}"#,
    #"{"timestamp":"2026-08-03T10:48:58.000Z","type":"response_item","payload":{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAA"}}"#,
    #"{"timestamp":"2026-08-03T10:48:58.000Z","type":"response_item","payload":{"type":"function_call","id":"fc_1","name":"exec_command","arguments":"{\"cmd\":\"pytest -q\",\"workdir\":\"/work/app\"}","call_id":"call_new_1"}}"#,
    #"{"timestamp":"2026-08-03T10:49:01.000Z","type":"event_msg","payload":{"type":"exec_command_end","call_id":"call_new_1","turn_id":"t1","command":["bash","-lc","pytest -q"],"cwd":"/work/app","stdout":"","stderr":"","aggregated_output":"F....\nFAILED tests/test_cart.py::test_total - assert 9 == 10\n1 failed, 4 passed in 0.12s\n","exit_code":1,"duration":{"secs":3,"nanos":0},"formatted_output":"1 failed","status":"failed"}}"#,
    #"{"timestamp":"2026-08-03T10:49:01.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":"call_new_1","output":"Exit code: 1\nWall time: 3 seconds\nOutput:\n1 failed, 4 passed in 0.12s\n"}}"#,
    #"{"timestamp":"2026-08-03T10:49:03.000Z","type":"response_item","payload":{"type":"custom_tool_call","id":"ctc_1","status":"completed","call_id":"call_new_2","name":"apply_patch","input":"*** Begin Patch\n*** Update File: lib/cart.py\n@@\n-    return sum(prices)\n+    return sum(prices) + shipping\n*** End Patch\n"}}"#,
    #"{"timestamp":"2026-08-03T10:49:03.500Z","type":"event_msg","payload":{"type":"patch_apply_end","call_id":"call_new_2","turn_id":"t1","success":true,"stdout":"Success. Updated the following files:\nM lib/cart.py\n","stderr":"","changes":{"/work/app/lib/cart.py":{"type":"update","unified_diff":"@@ -1 +1 @@\n-    return sum(prices)\n+    return sum(prices) + shipping\n","move_path":null}}}}"#,
    #"{"timestamp":"2026-08-03T10:49:03.500Z","type":"response_item","payload":{"type":"custom_tool_call_output","call_id":"call_new_2","output":"{\"output\":\"Success. Updated the following files:\\nM lib/cart.py\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}"}}"#,
    #"{"timestamp":"2026-08-03T10:49:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":16341,"cached_input_tokens":3584,"cache_write_input_tokens":0,"output_tokens":181,"reasoning_output_tokens":63,"total_tokens":16522},"last_token_usage":{"input_tokens":16341,"cached_input_tokens":3584,"cache_write_input_tokens":0,"output_tokens":181,"reasoning_output_tokens":63,"total_tokens":16522},"model_context_window":258400},"rate_limits":null}}"#,
    #"{"timestamp":"2026-08-03T10:49:06.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Shipping was missing from the total; fixed."}],"phase":"final"}}"#,
    #"{"timestamp":"2026-08-03T10:49:06.000Z","type":"event_msg","payload":{"type":"task_complete","turn_id":"t1","last_agent_message":"Shipping was missing from the total; fixed.","duration_ms":10000}}"#,
    #"{"timestamp":"2026-08-03T10:49:30.000Z","type":"quantum_checkpoint","payload":{"slot":3}}"#,
    #"{"timestamp":"2026-08-03T10:50:00.000Z","type":"event_msg","payload":{"type":"task_started","turn_id":"t2"}}"#,
    #"{"timestamp":"2026-08-03T10:50:00.000Z","type":"event_msg","payload":{"type":"user_message","message":"Also add a test for free shipping"}}"#,
    #"{"timestamp":"2026-08-03T10:50:02.000Z","type":"event_msg","payload":{"type":"turn_aborted","turn_id":"t2","reason":"interrupted"}}"#,
  ]

  // MARK: - opencode

  /// opencode before 1.2: `storage/` JSON files; a session whose `task` call ran a child session.
  public func writeOpencodeFiles() {
    let storage = "home/.local/share/opencode/storage"
    tree.write("\(storage)/project/p1.json", #"{"id":"p1","worktree":"/work/app","vcs":"git","time":{"created":1767036000000}}"#)
    tree.write(
      "\(storage)/session/p1/\(Self.opencodeFiles).json",
      #"{"id":"ses_files0001","slug":"calm-river","version":"1.1.8","projectID":"p1","directory":"/work/app","title":"Document cart.ts","time":{"created":1767036059000,"updated":1767036075000}}"#)
    tree.write(
      "\(storage)/session/p1/\(Self.opencodeChild).json",
      #"{"id":"ses_files0002","slug":"quiet-hill","version":"1.1.8","projectID":"p1","directory":"/work/app","parentID":"ses_files0001","title":"Read cart.ts (@general subagent)","time":{"created":1767036062000,"updated":1767036066000}}"#)
    for (name, text) in Self.opencodeMessages { tree.write("\(storage)/message/\(name)", text) }
    for (name, text) in Self.opencodeParts { tree.write("\(storage)/part/\(name)", text) }
  }

  public static let opencodeMessages: [(String, String)] = [
    ("ses_files0001/msg_001.json", #"{"id":"msg_001","sessionID":"ses_files0001","role":"user","time":{"created":1767036059000},"agent":"build","model":{"providerID":"openai","modelID":"gpt-5.3-codex"}}"#),
    ("ses_files0001/msg_002.json", #"{"id":"msg_002","sessionID":"ses_files0001","role":"assistant","time":{"created":1767036060000,"completed":1767036070000},"parentID":"msg_001","modelID":"gpt-5.3-codex","providerID":"openai","mode":"build","path":{"cwd":"/work/app","root":"/work/app"},"cost":0,"tokens":{"input":1200,"output":40,"reasoning":10,"cache":{"read":3000,"write":0}},"finish":"tool-calls"}"#),
    ("ses_files0001/msg_003.json", #"{"id":"msg_003","sessionID":"ses_files0001","role":"assistant","time":{"created":1767036071000,"completed":1767036075000},"parentID":"msg_001","modelID":"gpt-5.3-codex","providerID":"openai","mode":"build","path":{"cwd":"/work/app","root":"/work/app"},"cost":0.0125,"tokens":{"input":1300,"output":20,"reasoning":0,"cache":{"read":3000,"write":0}},"finish":"stop"}"#),
    ("ses_files0002/msg_101.json", #"{"id":"msg_101","sessionID":"ses_files0002","role":"user","time":{"created":1767036062000},"agent":"general","model":{"providerID":"openai","modelID":"gpt-5.3-codex"}}"#),
    ("ses_files0002/msg_102.json", #"{"id":"msg_102","sessionID":"ses_files0002","role":"assistant","time":{"created":1767036063000,"completed":1767036066000},"parentID":"msg_101","modelID":"gpt-5.3-codex","providerID":"openai","mode":"general","cost":0,"tokens":{"input":500,"output":30,"reasoning":0,"cache":{"read":0,"write":0}}}"#),
  ]

  public static let opencodeParts: [(String, String)] = [
    ("msg_001/prt_001.json", #"{"id":"prt_001","sessionID":"ses_files0001","messageID":"msg_001","type":"text","text":"Document the public functions in lib/cart.ts"}"#),
    ("msg_001/prt_002.json", #"{"id":"prt_002","sessionID":"ses_files0001","messageID":"msg_001","type":"text","text":"<file>lib/cart.ts contents</file>","synthetic":true}"#),
    ("msg_002/prt_003.json", #"{"id":"prt_003","sessionID":"ses_files0001","messageID":"msg_002","type":"step-start","snapshot":"4b825dc6"}"#),
    ("msg_002/prt_004.json", #"{"id":"prt_004","sessionID":"ses_files0001","messageID":"msg_002","type":"reasoning","text":"","metadata":{"openai":{"itemId":"rs_1","reasoningEncryptedContent":"gAAAA"}},"time":{"start":1767036060000,"end":1767036060500}}"#),
    ("msg_002/prt_005.json", #"{"id":"prt_005","sessionID":"ses_files0001","messageID":"msg_002","type":"tool","callID":"call_task","tool":"task","state":{"status":"completed","input":{"description":"Read cart.ts","prompt":"List the exported functions of lib/cart.ts","subagent_type":"general"},"output":"total, addItem","title":"Read cart.ts","metadata":{"sessionId":"ses_files0002"},"time":{"start":1767036061000,"end":1767036066000}}}"#),
    ("msg_002/prt_006.json", #"{"id":"prt_006","sessionID":"ses_files0001","messageID":"msg_002","type":"tool","callID":"call_edit","tool":"edit","state":{"status":"completed","input":{"filePath":"/work/app/lib/cart.ts","oldString":"export function total(","newString":"/** Sum of the cart. */\nexport function total("},"output":"","title":"lib/cart.ts","metadata":{"diff":"@@"},"time":{"start":1767036067000,"end":1767036068000}}}"#),
    ("msg_002/prt_007.json", #"{"id":"prt_007","sessionID":"ses_files0001","messageID":"msg_002","type":"tool","callID":"call_bash","tool":"bash","state":{"status":"error","input":{"command":"npx tsc --noEmit"},"error":"Command failed: tsc not found","time":{"start":1767036068000,"end":1767036069000}}}"#),
    ("msg_002/prt_008.json", #"{"id":"prt_008","sessionID":"ses_files0001","messageID":"msg_002","type":"step-finish","reason":"tool-calls","cost":0,"tokens":{"input":1200,"output":40,"reasoning":10,"cache":{"read":3000,"write":0}}}"#),
    ("msg_003/prt_009.json", #"{"id":"prt_009","sessionID":"ses_files0001","messageID":"msg_003","type":"text","text":"Documented total and addItem.","time":{"start":1767036072000,"end":1767036075000}}"#),
    ("msg_003/prt_010.json", #"{"id":"prt_010","sessionID":"ses_files0001","messageID":"msg_003","type":"hologram","payload":{}}"#),
    ("msg_101/prt_101.json", #"{"id":"prt_101","sessionID":"ses_files0002","messageID":"msg_101","type":"text","text":"List the exported functions of lib/cart.ts"}"#),
    ("msg_102/prt_102.json", #"{"id":"prt_102","sessionID":"ses_files0002","messageID":"msg_102","type":"tool","callID":"call_read","tool":"read","state":{"status":"completed","input":{"filePath":"/work/app/lib/cart.ts"},"output":"export function total(\nexport function addItem(","time":{"start":1767036063500,"end":1767036064000}}}"#),
    ("msg_102/prt_103.json", #"{"id":"prt_103","sessionID":"ses_files0002","messageID":"msg_102","type":"text","text":"total, addItem"}"#),
  ]
}
