import OrderedCollections
import Testing

@testable import CawCore

private let thread = "0199a213-81c0-7800-8aa1-bbab2a035a53"

@Suite("Reading codex exec --json (spec §5.2)")
struct CodexStreamParserTests {
  private let specStream = """
    {"type":"thread.started","thread_id":"\(thread)"}
    {"type":"turn.started"}
    {"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Listing files**"}}
    {"type":"item.started","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc ls","aggregated_output":"","exit_code":null,"status":"in_progress"}}
    {"type":"item.completed","item":{"id":"item_1","type":"command_execution","command":"/bin/bash -lc ls","aggregated_output":"a.py\\nb.py\\n","exit_code":0,"status":"completed"}}
    {"type":"item.started","item":{"id":"item_2","type":"mcp_tool_call","server":"docs","tool":"search","arguments":{"q":"x"},"result":null,"error":null,"status":"in_progress"}}
    {"type":"item.completed","item":{"id":"item_2","type":"mcp_tool_call","server":"docs","tool":"search","arguments":{"q":"x"},"result":{"content":[{"type":"text","text":"found 3"}],"structured_content":null},"error":null,"status":"completed"}}
    {"type":"item.completed","item":{"id":"item_4","type":"agent_message","text":"There are 2 files."}}
    {"type":"turn.completed","usage":{"input_tokens":24763,"cached_input_tokens":24448,"output_tokens":122}}
    """

  @Test("spec example: blocks, usage (input − cached) and the gpt-5.3-codex cost 0.00653765")
  func specExample() {
    let draft = StreamFeed.draft(.codex, model: "gpt-5.3-codex", specStream)
    #expect(
      draft.blocks == [
        .thinking("**Listing files**"),
        // Deliberate: the output comes from aggregated_output (caw records "").
        .toolUse(
          ToolUse(
            id: "item_1", name: "command_execution", arguments: .object(["command": "/bin/bash -lc ls"]),
            output: "a.py\nb.py\n")),
        .toolUse(ToolUse(id: "item_2", name: "docs.search", arguments: .object(["q": "x"]), output: "found 3")),
        .text("There are 2 files."),
      ])
    #expect(
      draft.usage
        == UsageStats(
          inputTokens: 315, outputTokens: 122, cacheReadTokens: 24448, cacheWriteTokens: 0, costUSD: .double(0.00653765)
        ))
    #expect(draft.sessionKey == thread)
    #expect(draft.sawUsageReport)
    #expect(draft.durationMS == nil)
    #expect(draft.turn(input: "q").durationMS == 0)
    #expect(draft.unknownTypes.isEmpty)
  }

  @Test("no model → cost 0; an unknown model → cost 0")
  func costWithoutModel() {
    #expect(StreamFeed.draft(.codex, model: "", specStream).usage.costUSD == .double(0))
    #expect(StreamFeed.draft(.codex, model: "o9-experimental", specStream).usage.costUSD == .double(0))
  }

  @Test("reasoning and agent_message become blocks only on item.completed; empty text skipped")
  func completedOnly() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"item.started","item":{"id":"item_0","type":"reasoning","text":"partial"}}
      {"type":"item.updated","item":{"id":"item_0","type":"reasoning","text":"partial more"}}
      {"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"full thought"}}
      {"type":"item.started","item":{"id":"item_1","type":"agent_message","text":"Hel"}}
      {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"Hello"}}
      {"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":""}}
      """)
    #expect(draft.blocks == [.thinking("full thought"), .text("Hello")])
  }

  @Test("deliberate: exit_code null while running is not an error; exit 1 at completion is")
  func exitCodeNullNotErrorDeliberate() throws {
    let started = """
      {"type":"item.started","item":{"id":"item_5","type":"command_execution","command":"/bin/bash -lc 'pytest -q'","aggregated_output":"","exit_code":null,"status":"in_progress"}}
      {"type":"item.updated","item":{"id":"item_5","type":"command_execution","command":"/bin/bash -lc 'pytest -q'","aggregated_output":"F.\\n","exit_code":null,"status":"in_progress"}}
      """
    let running = try #require(StreamFeed.draft(.codex, started).toolCalls.first)
    #expect(running.isError == false)
    #expect(running.output == "F.\n")
    let done = try #require(
      StreamFeed.draft(
        .codex,
        started + "\n"
          + #"{"type":"item.completed","item":{"id":"item_5","type":"command_execution","command":"/bin/bash -lc 'pytest -q'","aggregated_output":"F.\n1 failed\n","exit_code":1,"status":"failed"}}"#
      ).toolCalls.first)
    #expect(done.isError)
    #expect(done.output == "F.\n1 failed\n")
    #expect(done.arguments == .object(["command": "/bin/bash -lc 'pytest -q'"]))
  }

  @Test("command status failed marks an error even with exit code 0; caw's `output` field is still read")
  func statusFailedAndOutputField() throws {
    let failed = try #require(
      StreamFeed.draft(
        .codex,
        #"{"type":"item.completed","item":{"id":"c1","type":"command_execution","command":"rm -rf /x","aggregated_output":"denied","exit_code":0,"status":"failed"}}"#
      ).toolCalls.first)
    #expect(failed.isError)
    #expect(failed.output == "denied")
    let older = try #require(
      StreamFeed.draft(
        .codex,
        """
        {"type":"item.started","item":{"id":"c2","type":"command_execution","command":"ls"}}
        {"type":"item.completed","item":{"id":"c2","type":"command_execution","command":"ls","output":"x.txt","exit_code":0}}
        """
      ).toolCalls.first)
    #expect(
      older == ToolUse(id: "c2", name: "command_execution", arguments: .object(["command": "ls"]), output: "x.txt"))
  }

  @Test("mcp_tool_call: bare strings in content, error.message, str(error), status failed, non-object arguments")
  func mcpToolCalls() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"item.started","item":{"id":"m1","type":"mcp_tool_call","server":"","tool":"lookup","arguments":"plain","status":"in_progress"}}
      {"type":"item.completed","item":{"id":"m1","type":"mcp_tool_call","server":"","tool":"lookup","arguments":"plain","result":{"content":["raw line",{"type":"text","text":"typed line"},{"type":"image","data":"x"}]},"error":null,"status":"completed"}}
      {"type":"item.started","item":{"id":"m2","type":"mcp_tool_call","server":"docs","tool":"fetch","status":"in_progress"}}
      {"type":"item.completed","item":{"id":"m2","type":"mcp_tool_call","server":"docs","tool":"fetch","result":null,"error":{"message":"tool timed out"},"status":"failed"}}
      {"type":"item.started","item":{"id":"m3","type":"mcp_tool_call","server":"docs","tool":"fetch","arguments":{"u":1}}}
      {"type":"item.completed","item":{"id":"m3","type":"mcp_tool_call","server":"docs","tool":"fetch","arguments":{"u":1},"error":{"code":-32000}}}
      {"type":"item.started","item":{"id":"m4","type":"mcp_tool_call","server":"docs","tool":"fetch","arguments":[1,2]}}
      {"type":"item.completed","item":{"id":"m4","type":"mcp_tool_call","server":"docs","tool":"fetch","arguments":[1,2],"status":"failed"}}
      """)
    #expect(
      draft.toolCalls == [
        ToolUse(id: "m1", name: "lookup", arguments: .object(["input": "plain"]), output: "raw line\ntyped line"),
        ToolUse(id: "m2", name: "docs.fetch", arguments: .object([:]), output: "tool timed out", isError: true),
        ToolUse(id: "m3", name: "docs.fetch", arguments: .object(["u": 1]), output: "{'code': -32000}", isError: true),
        ToolUse(id: "m4", name: "docs.fetch", arguments: .object(["input": .array([1, 2])]), isError: true),
      ])
  }

  @Test("caw's file_change shape from item.started: file/action arguments, output from patch then content")
  func fileChangeCawShape() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"item.started","item":{"id":"f1","type":"file_change","file":"a.py","action":"modify"}}
      {"type":"item.completed","item":{"id":"f1","type":"file_change","file":"a.py","action":"modify","patch":"@@ -1 +1 @@\\n-x\\n+y"}}
      {"type":"item.started","item":{"id":"f2","type":"file_change"}}
      {"type":"item.completed","item":{"id":"f2","type":"file_change","content":"new file body"}}
      """)
    #expect(
      draft.toolCalls == [
        ToolUse(
          id: "f1", name: "file_change", arguments: .object(["file": "a.py", "action": "modify"]),
          output: "@@ -1 +1 @@\n-x\n+y"),
        ToolUse(
          id: "f2", name: "file_change", arguments: .object(["file": "", "action": ""]), output: "new file body"),
      ])
  }

  @Test("deliberate: a file_change seen only at item.completed, with changes, is recorded (caw drops it)")
  func fileChangeCompletedOnlyDeliberate() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"item.completed","item":{"id":"item_3","type":"file_change","changes":[{"path":"/w/calc.py","kind":"update"},{"path":"/w/test_calc.py","kind":"add"}],"status":"completed"}}
      {"type":"item.completed","item":{"id":"item_4","type":"file_change","changes":[{"path":"/w/gone.py","kind":"delete"}],"status":"failed"}}
      """)
    #expect(
      draft.toolCalls == [
        ToolUse(
          id: "item_3", name: "file_change",
          arguments: .object([
            "changes": .array([
              .object(["path": "/w/calc.py", "kind": "update"]), .object(["path": "/w/test_calc.py", "kind": "add"]),
            ])
          ]),
          output: "update /w/calc.py\nadd /w/test_calc.py"),
        ToolUse(
          id: "item_4", name: "file_change",
          arguments: .object(["changes": .array([.object(["path": "/w/gone.py", "kind": "delete"])])]),
          output: "delete /w/gone.py", isError: true),
      ])
  }

  @Test("usage: the last turn.completed wins; cached tokens are subtracted from input")
  func lastUsageWins() {
    let draft = StreamFeed.draft(
      .codex, model: "gpt-5.2-codex",
      """
      {"type":"turn.completed","usage":{"input_tokens":50,"cached_input_tokens":10,"output_tokens":5}}
      {"type":"turn.completed","usage":{"input_tokens":1000,"output_tokens":100}}
      """)
    #expect(draft.usage.inputTokens == 1000)
    #expect(draft.usage.cacheReadTokens == 0)
    #expect(draft.usage.outputTokens == 100)
    #expect(draft.usage.costUSD == .double(0.00315))
  }

  @Test("usage limit: the error and the turn.failed each add a text block, no failure")
  func usageLimitTwice() {
    let message =
      "You've hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro) or try again at 3:47 PM."
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"thread.started","thread_id":"\(thread)"}
      {"type":"turn.started"}
      {"type":"error","message":"\(message)"}
      {"type":"turn.failed","error":{"message":"\(message)"}}
      """)
    #expect(draft.blocks == [.text(message), .text(message)])
    #expect(draft.failure == nil)
    #expect(draft.turn(input: "x").result == message)
  }

  @Test("Reconnecting... errors are ignored; a later plain error fails the turn with caw's message")
  func reconnectingIgnored() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"thread.started","thread_id":"\(thread)"}
      {"type":"error","message":"Reconnecting... 2/5 (stream disconnected before completion: Connection closed normally)"}
      {"type":"error","message":"Reconnecting... 5/5 (stream disconnected before completion)"}
      {"type":"item.completed","item":{"id":"item_0","type":"error","message":"Falling back from WebSockets to HTTPS transport."}}
      {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"partial answer"}}
      """)
    #expect(draft.failure == nil)
    #expect(draft.blocks == [.text("partial answer")])
    #expect(draft.unknownTypes.isEmpty)
  }

  @Test("a Reconnecting text in turn.failed is not ignored (only error events are transient)")
  func reconnectingInTurnFailedFails() {
    let draft = StreamFeed.draft(.codex, #"{"type":"turn.failed","error":{"message":"Reconnecting... 5/5 (gave up)"}}"#)
    #expect(draft.failure == "Codex turn failed: Reconnecting... 5/5 (gave up)")
  }

  @Test("other errors fail the turn: message, error object's message/error, str() of anything else")
  func otherErrorsFail() {
    #expect(
      StreamFeed.draft(
        .codex,
        #"{"type":"turn.failed","error":{"message":"The 'gpt-9' model is not supported when using Codex with a ChatGPT account."}}"#
      ).failure == "Codex turn failed: The 'gpt-9' model is not supported when using Codex with a ChatGPT account.")
    #expect(
      StreamFeed.draft(.codex, #"{"type":"error","message":"stream error: boom"}"#).failure
        == "Codex turn failed: stream error: boom")
    #expect(
      StreamFeed.draft(.codex, #"{"type":"error","error":{"error":"quota"}}"#).failure == "Codex turn failed: quota")
    #expect(
      StreamFeed.draft(.codex, #"{"type":"error","error":{"code":7}}"#).failure == "Codex turn failed: {'code': 7}")
    #expect(StreamFeed.draft(.codex, #"{"type":"error","error":"plain"}"#).failure == "Codex turn failed: plain")
    #expect(StreamFeed.draft(.codex, #"{"type":"error"}"#).failure == "Codex turn failed: Unknown error")
  }

  @Test("after a failure the rest of the stream is not read")
  func stopsAfterFailure() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"item.completed","item":{"id":"a","type":"agent_message","text":"before"}}
      {"type":"turn.failed","error":{"message":"fatal"}}
      {"type":"item.completed","item":{"id":"b","type":"agent_message","text":"after"}}
      """)
    #expect(draft.blocks == [.text("before")])
    #expect(draft.failure == "Codex turn failed: fatal")
  }

  @Test("older shape: session.created, items tagged item_type, assistant_message")
  func olderShape() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"session.created","session_id":"0199a0aa-1111-7222-8333-444455556666"}
      {"type":"item.completed","item":{"id":"item_0","item_type":"reasoning","text":"thinking it over"}}
      {"type":"item.started","item":{"id":"item_1","item_type":"command_execution","command":"bash -lc pwd","aggregated_output":"","exit_code":null,"status":"in_progress"}}
      {"type":"item.completed","item":{"id":"item_1","item_type":"command_execution","command":"bash -lc pwd","aggregated_output":"/w\\n","exit_code":0,"status":"completed"}}
      {"type":"item.completed","item":{"id":"item_2","item_type":"assistant_message","text":"You are in /w."}}
      {"type":"turn.completed","usage":{"input_tokens":200,"cached_input_tokens":150,"output_tokens":30}}
      """)
    #expect(draft.sessionKey == "0199a0aa-1111-7222-8333-444455556666")
    #expect(
      draft.blocks == [
        .thinking("thinking it over"),
        .toolUse(
          ToolUse(
            id: "item_1", name: "command_execution", arguments: .object(["command": "bash -lc pwd"]), output: "/w\n")),
        .text("You are in /w."),
      ])
    #expect(draft.usage.inputTokens == 50)
    #expect(draft.usage.cacheReadTokens == 150)
  }

  @Test("legacy {\"id\",\"msg\"} stream: config and prompt lines skipped, exec/patch/mcp calls, token_count")
  func legacyStream() {
    let draft = StreamFeed.draft(
      .codex, model: "gpt-5-codex",
      """
      {"model":"gpt-5-codex","provider":"openai","sandbox":"read-only","reasoning effort":"medium"}
      {"prompt":"what is here?"}
      {"id":"0","msg":{"type":"task_started","model_context_window":272000}}
      {"id":"0","msg":{"type":"session_configured","session_id":"5973b6c0-94b8-487b-a530-2aeb6098ae0e","model":"gpt-5-codex"}}
      {"id":"0","msg":{"type":"agent_reasoning","text":"**Inspecting**"}}
      {"id":"0","msg":{"type":"exec_command_begin","call_id":"call_1","command":["bash","-lc","ls"],"cwd":"/w"}}
      {"id":"0","msg":{"type":"exec_command_output_delta","call_id":"call_1","stream":"stdout","chunk":"YS5weQo="}}
      {"id":"0","msg":{"type":"exec_command_end","call_id":"call_1","stdout":"a.py\\n","stderr":"","exit_code":0}}
      {"id":"0","msg":{"type":"exec_command_begin","call_id":"call_2","command":["bash","-lc","cat nope"],"cwd":"/w"}}
      {"id":"0","msg":{"type":"exec_command_end","call_id":"call_2","stdout":"","stderr":"cat: nope: No such file\\n","exit_code":1}}
      {"id":"0","msg":{"type":"patch_apply_begin","call_id":"call_3","auto_approved":true,"changes":{"/w/a.py":{"add":{"content":"x"}}}}}
      {"id":"0","msg":{"type":"patch_apply_end","call_id":"call_3","stdout":"Success.","stderr":"","success":true}}
      {"id":"0","msg":{"type":"mcp_tool_call_begin","call_id":"call_4","invocation":{"server":"docs","tool":"search","arguments":{"q":"x"}}}}
      {"id":"0","msg":{"type":"mcp_tool_call_end","call_id":"call_4","result":{"Ok":{"content":[{"type":"text","text":"3 hits"}],"isError":false}}}}
      {"id":"0","msg":{"type":"mcp_tool_call_begin","call_id":"call_5","invocation":{"server":"docs","tool":"search"}}}
      {"id":"0","msg":{"type":"mcp_tool_call_end","call_id":"call_5","result":{"Err":"connection refused"}}}
      {"id":"0","msg":{"type":"agent_message","message":"There is a.py."}}
      {"id":"0","msg":{"type":"token_count","info":{"total_token_usage":{"input_tokens":1000,"cached_input_tokens":600,"output_tokens":50}}}}
      {"id":"0","msg":{"type":"task_complete","last_agent_message":"There is a.py."}}
      {"id":"0","msg":{"type":"shiny_new_event"}}
      """)
    #expect(draft.sessionKey == "5973b6c0-94b8-487b-a530-2aeb6098ae0e")
    #expect(
      draft.blocks == [
        .thinking("**Inspecting**"),
        .toolUse(
          ToolUse(
            id: "call_1", name: "command_execution", arguments: .object(["command": "bash -lc ls"]), output: "a.py\n")),
        .toolUse(
          ToolUse(
            id: "call_2", name: "command_execution", arguments: .object(["command": "bash -lc cat nope"]),
            output: "cat: nope: No such file\n", isError: true)),
        .toolUse(
          ToolUse(
            id: "call_3", name: "file_change",
            arguments: .object(["changes": .object(["/w/a.py": .object(["add": .object(["content": "x"])])])]),
            output: "Success.")),
        .toolUse(ToolUse(id: "call_4", name: "docs.search", arguments: .object(["q": "x"]), output: "3 hits")),
        .toolUse(ToolUse(id: "call_5", name: "docs.search", output: "connection refused", isError: true)),
        .text("There is a.py."),
      ])
    #expect(draft.usage.inputTokens == 400)
    #expect(draft.usage.cacheReadTokens == 600)
    #expect(draft.usage.outputTokens == 50)
    // gpt-5-codex: 1.25 / 0.125 / 10 → (400·1.25 + 600·0.125 + 50·10) / 1e6
    #expect(draft.usage.costUSD == .double(0.001075))
    #expect(draft.unknownTypes == ["msg:shiny_new_event": 1])
  }

  @Test("unknown event and item types are counted; known-but-ignored items are not")
  func unknownCounted() {
    let draft = StreamFeed.draft(
      .codex,
      """
      {"type":"item.completed","item":{"id":"t","type":"todo_list","items":[{"text":"a","completed":false}]}}
      {"type":"item.completed","item":{"id":"w","type":"web_search","query":"swift"}}
      {"type":"item.started","item":{"id":"z","type":"collab_tool_call"}}
      {"type":"item.completed","item":{"id":"z","type":"collab_tool_call"}}
      {"type":"thread.archived"}
      {"thread_id":"no type here"}
      """)
    #expect(draft.unknownTypes == ["item:collab_tool_call": 2, "thread.archived": 1, "(no type)": 1])
    #expect(draft.blocks.isEmpty)
  }

  @Test("usage-limit detection uses caw's codex rule, case-insensitively")
  func usageLimitCaseInsensitive() {
    let draft = StreamFeed.draft(.codex, #"{"type":"error","message":"Usage Limit reached for your plan"}"#)
    #expect(draft.blocks == [.text("Usage Limit reached for your plan")])
  }
}
