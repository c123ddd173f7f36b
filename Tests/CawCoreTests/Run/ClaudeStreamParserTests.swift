import OrderedCollections
import Testing

@testable import CawCore

private let sid = "77ee0c5e-3b1a-4f0e-9d6c-2a5b8e4f1c01"

@Suite("Reading claude stream-json (spec §5.1)")
struct ClaudeStreamParserTests {
  @Test("spec example: thinking, Bash tool call with its result, text; usage, cost and duration from result")
  func specExample() throws {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"system","subtype":"init","cwd":"/w","session_id":"\(sid)","tools":["Bash","Read"],"mcp_servers":[],"model":"claude-opus-4-6","permissionMode":"bypassPermissions","apiKeySource":"none","uuid":"0b1c2d3e-0000-4000-8000-000000000001"}
      {"type":"assistant","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"thinking","thinking":"I should list the files.","signature":"EuYBCkYIBBgCKkB"}],"stop_reason":null,"usage":{"input_tokens":10,"cache_creation_input_tokens":500,"cache_read_input_tokens":1000,"output_tokens":8}},"parent_tool_use_id":null,"session_id":"\(sid)","uuid":"0b1c2d3e-0000-4000-8000-000000000002"}
      {"type":"assistant","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"tool_use","id":"toolu_01A","name":"Bash","input":{"command":"ls","description":"List files"}}],"stop_reason":"tool_use","usage":{"input_tokens":10,"cache_creation_input_tokens":500,"cache_read_input_tokens":1000,"output_tokens":30}},"parent_tool_use_id":null,"session_id":"\(sid)","uuid":"0b1c2d3e-0000-4000-8000-000000000003"}
      {"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_01A","type":"tool_result","content":"a.py\\nb.py","is_error":false}]},"parent_tool_use_id":null,"session_id":"\(sid)","uuid":"0b1c2d3e-0000-4000-8000-000000000004","tool_use_result":{"stdout":"a.py\\nb.py","stderr":"","interrupted":false}}
      {"type":"assistant","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"There are 2 files: a.py and b.py."}],"usage":{"input_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":1500,"output_tokens":20}},"parent_tool_use_id":null,"session_id":"\(sid)","uuid":"0b1c2d3e-0000-4000-8000-000000000005"}
      {"type":"result","subtype":"success","is_error":false,"duration_ms":5123,"duration_api_ms":4800,"num_turns":2,"result":"There are 2 files: a.py and b.py.","session_id":"\(sid)","total_cost_usd":0.0123,"usage":{"input_tokens":10,"cache_creation_input_tokens":500,"cache_read_input_tokens":1000,"output_tokens":50,"server_tool_use":{"web_search_requests":0},"service_tier":"standard"},"permission_denials":[],"uuid":"0b1c2d3e-0000-4000-8000-000000000006"}
      """)
    #expect(
      draft.blocks == [
        .thinking("I should list the files."),
        .toolUse(
          ToolUse(
            id: "toolu_01A", name: "Bash", arguments: .object(["command": "ls", "description": "List files"]),
            output: "a.py\nb.py")),
        .text("There are 2 files: a.py and b.py."),
      ])
    #expect(
      draft.usage
        == UsageStats(
          inputTokens: 10, outputTokens: 50, cacheReadTokens: 1000, cacheWriteTokens: 500, costUSD: .double(0.0123)))
    #expect(draft.durationMS == 5123)
    #expect(draft.sessionKey == sid)
    #expect(draft.model == "claude-opus-4-6")
    #expect(draft.sawUsageReport)
    #expect(draft.unknownTypes.isEmpty)
    #expect(draft.failure == nil)
    let turn = draft.turn(input: "list", durationMS: 99)
    #expect(turn.durationMS == 5123)
    #expect(turn.result == "There are 2 files: a.py and b.py.")
  }

  @Test("the init model is recorded only when no model was configured")
  func initModelOnlyWithoutConfiguredModel() {
    let line = #"{"type":"system","subtype":"init","session_id":"s1","model":"claude-opus-4-6"}"#
    #expect(StreamFeed.draft(.claudeCode, model: "opus", line).model == nil)
    #expect(StreamFeed.draft(.claudeCode, model: "", line).model == "claude-opus-4-6")
  }

  @Test("hook events before init: session id taken from the first, model from init, nothing unknown")
  func hookEventsBeforeInit() {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"system","subtype":"hook_started","hook_id":"h1","hook_name":"SessionStart:startup","hook_event":"SessionStart","uuid":"u1","session_id":"2fcc6973-894c-4e11-bddd-cb23f9ab2e12"}
      {"type":"system","subtype":"hook_response","hook_id":"h1","hook_name":"SessionStart:startup","hook_event":"SessionStart","output":"","stdout":"","stderr":"","exit_code":0,"outcome":"success","uuid":"u2","session_id":"2fcc6973-894c-4e11-bddd-cb23f9ab2e12"}
      {"type":"system","subtype":"init","cwd":"/w","session_id":"2fcc6973-894c-4e11-bddd-cb23f9ab2e12","model":"claude-sonnet-4-6","tools":[]}
      {"type":"assistant","message":{"id":"msg_a","role":"assistant","content":[{"type":"text","text":"ok"}]},"parent_tool_use_id":null,"session_id":"2fcc6973-894c-4e11-bddd-cb23f9ab2e12"}
      """)
    #expect(draft.sessionKey == "2fcc6973-894c-4e11-bddd-cb23f9ab2e12")
    #expect(draft.model == "claude-sonnet-4-6")
    #expect(draft.blocks == [.text("ok")])
    #expect(draft.unknownTypes.isEmpty)
  }

  @Test("a repeated init line does not replace the first model")
  func repeatedInit() {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"system","subtype":"init","session_id":"s1","model":"claude-opus-4-6"}
      {"type":"system","subtype":"init","session_id":"s1","model":"claude-haiku-4-5-20251001"}
      """)
    #expect(draft.model == "claude-opus-4-6")
  }

  @Test("tool_result array content: text parts joined by newlines, images dropped")
  func toolResultArray() throws {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"tool_use","id":"toolu_R","name":"Read","input":{"file_path":"/w/a.png"}}]},"session_id":"s"}
      {"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_R","content":[{"type":"text","text":"line one"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},{"type":"text","text":"line two"}]}]},"session_id":"s"}
      """)
    let call = try #require(draft.toolCalls.first)
    #expect(call.output == "line one\nline two")
    #expect(call.isError == false)
  }

  @Test("MCP {\"result\": ...} unwrapping: string result, and non-string results rendered as Python str()")
  func mcpUnwrapping() {
    func output(_ content: String) -> String? {
      StreamFeed.draft(
        .claudeCode,
        """
        {"type":"assistant","message":{"id":"m","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"mcp__calc__add","input":{"a":40,"b":2}}]}}
        {"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":\(content)}]}}
        """
      ).toolCalls.first?.output
    }
    #expect(output(#"[{"type":"text","text":"{\"result\": \"42\"}"}]"#) == "42")
    #expect(output(#""{\"result\": \"42\", \"extra\": 1}""#) == "42")
    #expect(output(#""{\"result\": 42}""#) == "42")
    #expect(output(#""{\"result\": 2.5}""#) == "2.5")
    #expect(
      output(#""{\"result\": {\"hits\": 2, \"ok\": true, \"next\": null, \"name\": \"it's\"}}""#)
        == #"{'hits': 2, 'ok': True, 'next': None, 'name': "it's"}"#)
    #expect(output(#""{\"result\": [1, \"a\", false]}""#) == "[1, 'a', False]")
    #expect(output(#""{\"result\": null}""#) == "None")
    #expect(output(#""  {\"result\": \"padded\"}\n""#) == "padded")
    // Not unwrapped: objects without "result", arrays, and text that is not JSON.
    #expect(output(#""{\"results\": [1]}""#) == #"{"results": [1]}"#)
    #expect(output(#""[{\"result\": 1}]""#) == #"[{"result": 1}]"#)
    #expect(output(#""the result is 42""#) == "the result is 42")
  }

  @Test("is_error is taken from the tool_result; results for unknown or empty ids are ignored")
  func isErrorAndUnknownIDs() {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"assistant","message":{"id":"m1","role":"assistant","content":[{"type":"tool_use","id":"toolu_E","name":"Bash","input":{"command":"false"}},{"type":"tool_use","id":"toolu_F","name":"Glob"}]}}
      {"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_E","content":"Exit code 1","is_error":true},{"type":"tool_result","tool_use_id":"toolu_nope","content":"stray"},{"type":"tool_result","tool_use_id":"","content":"empty id"},{"type":"text","text":"not a result"}]}}
      """)
    #expect(
      draft.toolCalls == [
        ToolUse(
          id: "toolu_E", name: "Bash", arguments: .object(["command": "false"]), output: "Exit code 1", isError: true),
        ToolUse(id: "toolu_F", name: "Glob", arguments: .object([:])),
      ])
  }

  @Test("empty text and empty (redacted) thinking are skipped; unknown content types ignored")
  func emptyBlocksSkipped() {
    let draft = StreamFeed.draft(
      .claudeCode,
      #"""
      {"type":"assistant","message":{"id":"m1","role":"assistant","content":[{"type":"thinking","thinking":"","signature":"CAIStAIK"},{"type":"redacted_thinking","data":"abc"},{"type":"text","text":""},{"type":"text","text":"done"}]}}
      """#)
    #expect(draft.blocks == [.text("done")])
  }

  @Test("repeated message ids are not de-duplicated; sub-agent (parent_tool_use_id) messages are flattened")
  func repeatedIDsAndSubagents() {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":"same"}]},"parent_tool_use_id":null}
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":"same"}]},"parent_tool_use_id":null}
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"tool_use","id":"toolu_T","name":"Task","input":{"description":"look","prompt":"find x"}}]},"parent_tool_use_id":null}
      {"type":"assistant","message":{"id":"msg_s","role":"assistant","content":[{"type":"tool_use","id":"toolu_S","name":"Grep","input":{"pattern":"x"}}]},"parent_tool_use_id":"toolu_T"}
      {"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_S","content":"a.py:1:x"}]},"parent_tool_use_id":"toolu_T"}
      {"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_T","content":[{"type":"text","text":"x is in a.py"}]}]},"parent_tool_use_id":null}
      """)
    #expect(draft.blocks.count == 4)
    #expect(draft.blocks[0] == .text("same"))
    #expect(draft.blocks[1] == .text("same"))
    #expect(draft.toolCalls.map(\.name) == ["Task", "Grep"])
    #expect(draft.toolCalls.map(\.output) == ["x is in a.py", "a.py:1:x"])
  }

  @Test("stream_event and rate_limit_event lines are known; other types are counted as unknown")
  func unknownTypesCounted() {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"He"}},"session_id":"s","parent_tool_use_id":null,"uuid":"u"}
      {"type":"rate_limit_event","rate_limit_info":{"status":"allowed","resetsAt":1783807200,"rateLimitType":"five_hour"},"uuid":"u2","session_id":"s"}
      {"type":"telemetry","n":1}
      {"type":"telemetry","n":2}
      {"no_type":true}
      """)
    #expect(draft.unknownTypes == ["telemetry": 2, "(no type)": 1])
    #expect(draft.blocks.isEmpty)
  }

  @Test("the last result line wins; missing cost and duration default to 0")
  func lastResultWins() {
    let draft = StreamFeed.draft(
      .claudeCode,
      """
      {"type":"result","subtype":"success","duration_ms":100,"total_cost_usd":0.5,"usage":{"input_tokens":1,"output_tokens":2}}
      {"type":"result","subtype":"error_during_execution","usage":{"input_tokens":7,"output_tokens":8,"cache_read_input_tokens":9,"cache_creation_input_tokens":10}}
      """)
    #expect(
      draft.usage
        == UsageStats(inputTokens: 7, outputTokens: 8, cacheReadTokens: 9, cacheWriteTokens: 10, costUSD: .double(0)))
    #expect(draft.durationMS == 0)
  }

  @Test("an integer total_cost_usd is kept as an integer, like caw's event.get")
  func integerCost() {
    let draft = StreamFeed.draft(.claudeCode, #"{"type":"result","total_cost_usd":0,"usage":{}}"#)
    #expect(draft.usage.costUSD == .int(0))
  }

  @Test("deliberate: with no result line, usage is summed over assistant messages (last usage per id), priced")
  func noResultLineUsageFromMessagesDeliberate() {
    let stream = """
      {"type":"system","subtype":"init","session_id":"s","model":"claude-sonnet-4-5-20250929"}
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":"Working"}],"usage":{"input_tokens":3900,"cache_creation_input_tokens":773,"cache_read_input_tokens":18381,"output_tokens":2}},"session_id":"s"}
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}],"usage":{"input_tokens":3900,"cache_creation_input_tokens":773,"cache_read_input_tokens":18381,"output_tokens":120}},"session_id":"s"}
      {"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a.py"}]},"session_id":"s"}
      {"type":"assistant","message":{"id":"msg_2","role":"assistant","content":[{"type":"text","text":"One file."}],"usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":22000,"output_tokens":40}},"session_id":"s"}
      """
    let live = StreamFeed.liveDraft(.claudeCode, stream)
    #expect(live.usage == UsageStats())
    let draft = StreamFeed.draft(.claudeCode, stream)
    #expect(!draft.sawUsageReport)
    #expect(draft.durationMS == nil)
    #expect(draft.usage.inputTokens == 3910)
    #expect(draft.usage.outputTokens == 160)
    #expect(draft.usage.cacheReadTokens == 40381)
    #expect(draft.usage.cacheWriteTokens == 773)
    // claude-sonnet-4-5-20250929 → claude-sonnet-4-5: 3 / 0.3 / 15, cache writes 3.75.
    #expect(draft.usage.costUSD == .double(0.02914305))
    #expect(draft.turn(input: "x", durationMS: 777).durationMS == 777)
  }

  @Test("with a result line, assistant-message usage is ignored and the CLI's cost kept")
  func resultBeatsMessageUsage() {
    let draft = StreamFeed.draft(
      .claudeCode, model: "claude-opus-4-6",
      """
      {"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":"hi"}],"usage":{"input_tokens":999,"output_tokens":999}}}
      {"type":"result","total_cost_usd":0.0042,"duration_ms":12,"usage":{"input_tokens":3,"output_tokens":4}}
      """)
    #expect(draft.usage == UsageStats(inputTokens: 3, outputTokens: 4, costUSD: .double(0.0042)))
  }

  @Test("no result and no priced model: usage counted, cost 0")
  func noResultUnpricedModel() {
    let draft = StreamFeed.draft(
      .claudeCode, model: "claude-fable-5",
      #"{"type":"assistant","message":{"id":"m","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":6}}}"#
    )
    #expect(draft.usage == UsageStats(inputTokens: 5, outputTokens: 6, costUSD: .double(0)))
  }
}
