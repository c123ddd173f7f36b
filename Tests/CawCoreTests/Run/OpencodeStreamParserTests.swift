import OrderedCollections
import Testing

@testable import CawCore

private let ses = "ses_494719016ffe85dkDMj0FPRbHK"

@Suite("Reading opencode run --format json (spec §5.3)")
struct OpencodeStreamParserTests {
  private let specStream = """
    {"type":"step_start","timestamp":1767036059338,"sessionID":"\(ses)","part":{"id":"prt_1","sessionID":"\(ses)","messageID":"msg_1","type":"step-start","snapshot":"4b825dc6"}}
    {"type":"reasoning","timestamp":1767036059340,"sessionID":"\(ses)","part":{"id":"prt_2","sessionID":"\(ses)","messageID":"msg_1","type":"reasoning","text":"","metadata":{"openai":{"itemId":"rs_1","reasoningEncryptedContent":"gAAAAABo"}},"time":{"start":1767036059340,"end":1767036059341}}}
    {"type":"tool_use","timestamp":1767036059342,"sessionID":"\(ses)","part":{"id":"prt_3","sessionID":"\(ses)","messageID":"msg_1","type":"tool","callID":"call_abc","tool":"bash","state":{"status":"completed","input":{"command":"ls","description":"List files"},"output":"a.py\\nb.py\\n","title":"List files","metadata":{"exit":0},"time":{"start":1,"end":2}}}}
    {"type":"step_finish","timestamp":1767036059343,"sessionID":"\(ses)","part":{"id":"prt_4","sessionID":"\(ses)","messageID":"msg_1","type":"step-finish","reason":"tool-calls","cost":0,"tokens":{"input":1200,"output":40,"reasoning":10,"cache":{"read":3000,"write":0}}}}
    {"type":"step_start","timestamp":1767036059344,"sessionID":"\(ses)","part":{"id":"prt_5","type":"step-start"}}
    {"type":"text","timestamp":1767036059345,"sessionID":"\(ses)","part":{"id":"prt_6","type":"text","text":"There are 2 files.","time":{"start":1,"end":2}}}
    {"type":"step_finish","timestamp":1767036059346,"sessionID":"\(ses)","part":{"id":"prt_7","type":"step-finish","reason":"stop","cost":0,"tokens":{"input":1300,"output":20,"reasoning":0,"cache":{"read":3000,"write":0}}}}
    """

  @Test(
    "spec example: encrypted reasoning placeholder, bash call, text; usage summed incl. reasoning; no model → cost 0")
  func specExample() {
    let draft = StreamFeed.draft(.opencode, specStream)
    #expect(
      draft.blocks == [
        .thinking("[encrypted reasoning]"),
        .toolUse(
          ToolUse(
            id: "call_abc", name: "bash", arguments: .object(["command": "ls", "description": "List files"]),
            output: "a.py\nb.py\n")),
        .text("There are 2 files."),
      ])
    #expect(
      draft.usage
        == UsageStats(
          inputTokens: 2500, outputTokens: 70, cacheReadTokens: 6000, cacheWriteTokens: 0, costUSD: .double(0)))
    #expect(draft.sessionKey == ses)
    #expect(draft.sawUsageReport)
    #expect(draft.unknownTypes.isEmpty)
    #expect(draft.durationMS == nil)
  }

  @Test("cost 0 with a priced model: each step priced from the table and summed in caw's order")
  func costFallback() {
    let draft = StreamFeed.draft(.opencode, model: "openai/gpt-5.3-codex", specStream)
    // (1200·1.75 + 3000·0.175 + 50·14)/1e6 + (1300·1.75 + 3000·0.175 + 20·14)/1e6, summed from 0.0 as caw does.
    #expect(draft.usage.costUSD == .double(0.006404999999999999))
    #expect(draft.usage.inputTokens == 2500)
    #expect(draft.usage.outputTokens == 70)
  }

  @Test("a reported cost is kept; only zero-cost steps fall back to the price table")
  func mixedCosts() {
    let draft = StreamFeed.draft(
      .opencode, model: "openai/gpt-5.3-codex",
      """
      {"type":"step_finish","sessionID":"s","part":{"type":"step-finish","cost":0.01,"tokens":{"input":1200,"output":40,"reasoning":10,"cache":{"read":3000,"write":0}}}}
      {"type":"step_finish","sessionID":"s","part":{"type":"step-finish","cost":0,"tokens":{"input":1300,"output":20,"reasoning":0,"cache":{"read":3000,"write":0}}}}
      """)
    #expect(draft.usage.costUSD == .double(0.01308))
  }

  @Test("a model with no price leaves the cost 0; the live draft never prices")
  func unpricedModel() {
    #expect(StreamFeed.draft(.opencode, model: "anthropic/claude-fable-5", specStream).usage.costUSD == .double(0))
    #expect(StreamFeed.liveDraft(.opencode, model: "openai/gpt-5.3-codex", specStream).usage.costUSD == .double(0))
  }

  @Test("spark model from caw's table: 0.25 / 0.025 / 2, cache writes counted but not billed")
  func sparkPricing() {
    let draft = StreamFeed.draft(
      .opencode, model: "openai/gpt-5.3-codex-spark",
      #"{"type":"step_finish","sessionID":"s","part":{"type":"step-finish","cost":0,"tokens":{"input":2000,"output":30,"reasoning":20,"cache":{"read":0,"write":500}}}}"#
    )
    #expect(
      draft.usage
        == UsageStats(
          inputTokens: 2000, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 500, costUSD: .double(0.0006)))
  }

  @Test("no final step_finish: the steps that finished still count")
  func noFinalStepFinish() {
    let draft = StreamFeed.draft(
      .opencode,
      """
      {"type":"step_start","sessionID":"s","part":{"type":"step-start"}}
      {"type":"step_finish","sessionID":"s","part":{"type":"step-finish","reason":"tool-calls","cost":0.002,"tokens":{"input":10,"output":3,"reasoning":2,"cache":{"read":5,"write":1}}}}
      {"type":"step_start","sessionID":"s","part":{"type":"step-start"}}
      {"type":"text","sessionID":"s","part":{"type":"text","text":"cut off mid-"}}
      """)
    #expect(
      draft.usage
        == UsageStats(
          inputTokens: 10, outputTokens: 5, cacheReadTokens: 5, cacheWriteTokens: 1, costUSD: .double(0.002)))
    #expect(draft.blocks == [.text("cut off mid-")])
  }

  @Test("the first non-empty sessionID is the resume key")
  func sessionIDCapture() {
    let draft = StreamFeed.draft(
      .opencode,
      """
      {"type":"step_start","sessionID":"","part":{"type":"step-start"}}
      {"type":"step_start","sessionID":42,"part":{"type":"step-start"}}
      {"type":"text","sessionID":"ses_first","part":{"type":"text","text":"a"}}
      {"type":"text","sessionID":"ses_second","part":{"type":"text","text":"b"}}
      """)
    #expect(draft.sessionKey == "ses_first")
  }

  @Test("reasoning: plain text kept; empty without encrypted metadata dropped")
  func reasoning() {
    let draft = StreamFeed.draft(
      .opencode,
      """
      {"type":"reasoning","sessionID":"s","part":{"type":"reasoning","text":"Let me check."}}
      {"type":"reasoning","sessionID":"s","part":{"type":"reasoning","text":"","metadata":{"anthropic":{"signature":"abc"}}}}
      {"type":"reasoning","sessionID":"s","part":{"type":"reasoning","text":""}}
      {"type":"text","sessionID":"s","part":{"type":"text","text":""}}
      """)
    #expect(draft.blocks == [.thinking("Let me check.")])
  }

  @Test("a repeated call id reuses its block: arguments from the first sight, output and status from the last")
  func repeatedCallID() {
    let draft = StreamFeed.draft(
      .opencode,
      """
      {"type":"tool_use","sessionID":"s","part":{"id":"prt_9","type":"tool","callID":"call_r","tool":"read","state":{"status":"running","input":{"filePath":"/w/a.py"},"title":"a.py"}}}
      {"type":"text","sessionID":"s","part":{"type":"text","text":"reading"}}
      {"type":"tool_use","sessionID":"s","part":{"id":"prt_9","type":"tool","callID":"call_r","tool":"read","state":{"status":"completed","input":{"filePath":"/w/CHANGED.py"},"output":"print(1)\\n","title":"a.py"}}}
      {"type":"tool_use","sessionID":"s","part":{"id":"prt_10","type":"tool","tool":"glob","state":{"status":"completed","input":{},"output":"a.py"}}}
      {"type":"tool_use","sessionID":"s","part":{"id":"prt_11","type":"step","tool":"ignored","state":{}}}
      """)
    #expect(
      draft.blocks == [
        .toolUse(
          ToolUse(id: "call_r", name: "read", arguments: .object(["filePath": "/w/a.py"]), output: "print(1)\n")),
        .text("reading"),
        .toolUse(ToolUse(id: "prt_10", name: "glob", arguments: .object([:]), output: "a.py")),
      ])
  }

  @Test("error states: message, object JSON, str(), existing output, 'tool call failed'; non-string output as JSON")
  func errorStates() {
    func call(_ state: String, tool: String = "bash") -> ToolUse? {
      StreamFeed.draft(
        .opencode,
        #"{"type":"tool_use","sessionID":"s","part":{"type":"tool","callID":"c","tool":"\#(tool)","state":\#(state)}}"#
      ).toolCalls.first
    }
    #expect(
      call(#"{"status":"error","input":{"command":"x"},"error":{"message":"command not found: x","code":127}}"#)
        == ToolUse(
          id: "c", name: "bash", arguments: .object(["command": "x"]), output: "command not found: x", isError: true))
    #expect(
      call(#"{"status":"error","error":{"code":"ENOENT","path":"/nope"}}"#)?.output
        == #"{"code": "ENOENT", "path": "/nope"}"#)
    #expect(call(#"{"status":"error","error":"Permission denied: rm"}"#)?.output == "Permission denied: rm")
    #expect(call(#"{"status":"error","error":7}"#)?.output == "7")
    #expect(call(#"{"status":"error","output":"partial output"}"#)?.output == "partial output")
    #expect(call(#"{"status":"error","error":"","output":""}"#)?.output == "tool call failed")
    #expect(call(#"{"status":"error"}"#)?.isError == true)
    #expect(
      call(#"{"status":"completed","output":{"files":["a","b"],"count":2}}"#)?.output
        == #"{"files": ["a", "b"], "count": 2}"#)
    #expect(call(#"{"status":"completed","output":"ok"}"#, tool: "")?.name == "")
    let missingName = StreamFeed.draft(
      .opencode,
      #"{"type":"tool_use","sessionID":"s","part":{"type":"tool","callID":"c","state":{"status":"pending"}}}"#
    ).toolCalls.first
    #expect(missingName == ToolUse(id: "c", name: "tool", arguments: .object([:]), output: ""))
  }

  @Test(
    "error event naming a usage limit becomes a text block; deliberate: data.message kept after the name (caw: name only)"
  )
  func usageLimitError() throws {
    let draft = StreamFeed.draft(
      .opencode,
      """
      {"type":"step_start","timestamp":1,"sessionID":"ses_x","part":{"type":"step-start"}}
      {"type":"error","timestamp":2,"sessionID":"ses_x","error":{"name":"FreeUsageLimitError","data":{"message":"Rate limit exceeded"}}}
      """)
    #expect(draft.blocks == [.text("FreeUsageLimitError: Rate limit exceeded")])
    #expect(draft.failure == nil)
    let limit = try #require(UsageLimit.detect(.opencode, in: draft.turn(input: "x").result))
    #expect(limit.waitMinutes == 60)
    let byMessage = StreamFeed.draft(
      .opencode,
      #"{"type":"error","sessionID":"s","error":{"name":"APIError","message":"You reached your usage limit, retry after 120"}}"#
    )
    #expect(byMessage.blocks == [.text("You reached your usage limit, retry after 120")])
  }

  @Test(
    "other error events fail the turn: message, else name (deliberate: + data.message), else JSON; str() or 'opencode error'"
  )
  func otherErrorsFail() {
    #expect(
      StreamFeed.draft(
        .opencode,
        #"{"type":"error","timestamp":1772275793048,"sessionID":"ses_35c2","error":{"name":"UnknownError","data":{"message":"Model not found: anthropic/claude-sonnet-4-6."}}}"#
      ).failure == "opencode error: UnknownError: Model not found: anthropic/claude-sonnet-4-6.")
    // data.message is added only when there is no top-level message, and only when it is a non-empty string.
    #expect(
      StreamFeed.draft(
        .opencode, #"{"type":"error","sessionID":"s","error":{"name":"E","message":"top","data":{"message":"inner"}}}"#
      )
      .failure == "opencode error: top")
    #expect(
      StreamFeed.draft(.opencode, #"{"type":"error","sessionID":"s","error":{"name":"E","data":{"message":""}}}"#)
        .failure
        == "opencode error: E")
    #expect(
      StreamFeed.draft(
        .opencode,
        #"{"type":"error","sessionID":"s","error":{"name":"ProviderAuthError","data":{"message":"usage limit reached, retry after 120"}}}"#
      )
      .blocks == [.text("ProviderAuthError: usage limit reached, retry after 120")])
    #expect(
      StreamFeed.draft(.opencode, #"{"type":"error","sessionID":"s","error":{"name":"X","message":"bad request"}}"#)
        .failure
        == "opencode error: bad request")
    #expect(
      StreamFeed.draft(.opencode, #"{"type":"error","sessionID":"s","error":{"data":{"status":500}}}"#).failure
        == #"opencode error: {"data": {"status": 500}}"#)
    #expect(
      StreamFeed.draft(.opencode, #"{"type":"error","sessionID":"s","error":"socket hang up"}"#).failure
        == "opencode error: socket hang up")
    #expect(
      StreamFeed.draft(.opencode, #"{"type":"error","sessionID":"s"}"#).failure == "opencode error: opencode error")
  }

  @Test("after a failure the rest of the stream is not read; unknown types are counted")
  func failureStopsAndUnknownCounted() {
    let failed = StreamFeed.draft(
      .opencode,
      """
      {"type":"text","sessionID":"s","part":{"type":"text","text":"before"}}
      {"type":"error","sessionID":"s","error":{"message":"boom"}}
      {"type":"text","sessionID":"s","part":{"type":"text","text":"after"}}
      """)
    #expect(failed.blocks == [.text("before")])
    let unknown = StreamFeed.draft(
      .opencode,
      """
      {"type":"file","sessionID":"s","part":{"type":"file"}}
      {"type":"file","sessionID":"s","part":{"type":"file"}}
      {"type":"patch","sessionID":"s"}
      {"sessionID":"s"}
      """)
    #expect(unknown.unknownTypes == ["file": 2, "patch": 1, "(no type)": 1])
  }
}
