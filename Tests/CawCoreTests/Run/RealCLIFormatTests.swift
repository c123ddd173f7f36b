import OrderedCollections
import Testing

@testable import CawCore

/// What the real CLIs (claude 2.1.327, codex 0.163.0) do differently from the streams and command lines
/// of the spec, as unit tests on the command builder and the parsers (issue 10).
@Suite("real CLI formats: codex flags by version, per-turn usage, failed turns")
struct RealCLIFormatTests {
  private let thread = "01a233df-820f-7740-923d-5fa173061684"

  @Test("codex 0.163: --sandbox without --full-auto on exec, -c sandbox_mode on exec resume; older: caw's flags; operands after --")
  func codexSandboxFlagsByVersion() {
    let settings = AgentSettings(provider: .codex, tools: .reader)
    let current = CLIVersion("codex-cli 0.163.0")
    let new = CodexCommand.invocation(
      settings, TurnRequest(message: "one", sessionID: "s", cliVersion: current), executable: "codex")
    #expect(new.arguments == ["exec", "--sandbox", "read-only", "--skip-git-repo-check", "--json", "--", "one"])
    let resumed = CodexCommand.invocation(
      settings, TurnRequest(message: "two", sessionID: "s", resumeKey: thread, continuesConversation: true, cliVersion: current),
      executable: "codex")
    #expect(
      resumed.arguments == [
        "exec", "resume", "-c", #"sandbox_mode="read-only""#, "--skip-git-repo-check", "--json", "--", thread, "two",
      ])
    let writer = CodexCommand.invocation(
      AgentSettings(provider: .codex, tools: [.reader, .writer]),
      TurnRequest(message: "w", sessionID: "s", cliVersion: CLIVersion("codex-cli 0.170.2")), executable: "codex")
    #expect(Array(writer.arguments.prefix(3)) == ["exec", "--sandbox", "workspace-write"])
    for old in [CLIVersion("codex-cli 0.46.0"), CLIVersion("garbage"), nil] {
      let call = CodexCommand.invocation(
        settings, TurnRequest(message: "two", sessionID: "s", resumeKey: thread, continuesConversation: true, cliVersion: old),
        executable: "codex")
      #expect(Array(call.arguments.prefix(5)) == ["exec", "resume", "--full-auto", "--sandbox", "read-only"])
      #expect(Array(call.arguments.suffix(3)) == ["--", thread, "two"])
    }
  }

  @Test("CLIVersion reads the first dotted number of either CLI's --version line")
  func versionLines() {
    #expect(CLIVersion("codex-cli 0.163.0").numbers == [0, 163, 0])
    #expect(CLIVersion("2.1.327 (Claude Code)").numbers == [2, 1, 327])
    #expect(CLIVersion("codex-cli v0.99.1-alpha").numbers == [0, 99, 1])
    #expect(CLIVersion("codex-cli 0.163.0").isAtLeast([0, 163]))
    #expect(!CLIVersion("codex-cli 0.162.9").isAtLeast([0, 163]))
    #expect(!CLIVersion("unknown").isAtLeast([0, 1]))
  }

  @Test("claude after --resume: the turn's cost is model_usage_since_last_result's, not total_cost_usd")
  func claudeCostSinceLastResult() {
    let stream = """
      {"type":"assistant","message":{"id":"m","content":[{"type":"text","text":"hi"}]}}
      {"type":"result","is_error":false,"total_cost_usd":0.00212,"usage":{"input_tokens":100,"output_tokens":20},"modelUsage":{"claude-opus-5-5":{"inputTokens":230,"outputTokens":60,"costUSD":0.00212}},"model_usage_since_last_result":{"claude-opus-5-5":{"inputTokens":100,"outputTokens":20,"costUSD":0.0008}}}
      """
    let draft = StreamFeed.draft(.claudeCode, stream)
    #expect(draft.usage.cost == 0.0008)
    #expect(draft.usage.inputTokens == 100 && draft.usage.outputTokens == 20)
    #expect(draft.turnError == nil)
  }

  @Test("claude with running totals and no per-turn figure: the price table prices the turn's own tokens")
  func claudeRunningCostPriced() {
    let stream = """
      {"type":"result","total_cost_usd":9.99,"usage":{"input_tokens":1000,"output_tokens":100},"modelUsage":{"claude-sonnet-4-5":{"inputTokens":5000,"outputTokens":900,"costUSD":9.99}}}
      """
    let draft = StreamFeed.draft(.claudeCode, model: "claude-sonnet-4-5", stream)
    let priced = PricingTable.builtIn.cost(for: .claudeCode, model: "claude-sonnet-4-5", usage: draft.usage)
    #expect(priced != nil)
    #expect(draft.usage.cost == priced)
    // The first turn of a process: totals equal the usage, so the CLI's cost is the turn's.
    let first = StreamFeed.draft(
      .claudeCode, model: "claude-sonnet-4-5",
      #"{"type":"result","total_cost_usd":0.5,"usage":{"input_tokens":10,"output_tokens":1},"modelUsage":{"x":{"inputTokens":10,"outputTokens":1}}}"#)
    #expect(first.usage.cost == 0.5)
    // An unpriced model: the running cost in proportion to the turn's share of the weighted tokens.
    let unpriced = StreamFeed.draft(
      .claudeCode, model: "claude-future-9",
      #"{"type":"result","total_cost_usd":0.003,"usage":{"input_tokens":100,"output_tokens":20},"modelUsage":{"claude-future-9":{"inputTokens":200,"outputTokens":40,"costUSD":0.003}}}"#)
    #expect(abs(unpriced.usage.cost - 0.0015) < 1e-12)
  }

  @Test("claude's first turn with a side call on another model: the turn costs total_cost_usd, side call included")
  func claudeSideModelIsNotARunningTotal() {
    let stream = """
      {"type":"result","total_cost_usd":0.0277273,"usage":{"input_tokens":4,"output_tokens":122,"cache_read_input_tokens":37731,"cache_creation_input_tokens":3744},"modelUsage":{"claude-haiku-4-5-20251001":{"inputTokens":451,"outputTokens":15,"cacheReadInputTokens":0,"cacheCreationInputTokens":0,"costUSD":0.000526},"claude-sonnet-4-6":{"inputTokens":4,"outputTokens":122,"cacheReadInputTokens":37731,"cacheCreationInputTokens":3744,"costUSD":0.0272013}}}
      """
    let draft = StreamFeed.draft(.claudeCode, model: "claude-sonnet-4-6", stream)
    #expect(draft.usage.cost == 0.0277273)
  }

  @Test("claude: an API error after --resume costs nothing of its own (empty model_usage_since_last_result)")
  func claudeFailedResumedTurnCost() {
    let stream = """
      {"type":"result","is_error":true,"api_error_status":400,"result":"API Error: 400 x","total_cost_usd":0.0025,"usage":{"input_tokens":0,"output_tokens":0},"modelUsage":{"claude-opus-5-5":{"inputTokens":230,"outputTokens":60,"costUSD":0.0025}},"model_usage_since_last_result":{}}
      """
    let draft = StreamFeed.draft(.claudeCode, stream)
    #expect(draft.usage.cost == 0)
    #expect(draft.turnError == "API Error: 400 x")
  }

  @Test("claude's is_error result (an API error) fails the turn with its text")
  func claudeAPIError() {
    let stream = """
      {"type":"assistant","message":{"id":"x","model":"<synthetic>","content":[{"type":"text","text":"API Error: 400 scripted bad request"}]}}
      {"type":"result","subtype":"success","is_error":true,"api_error_status":400,"result":"API Error: 400 scripted bad request","total_cost_usd":0,"usage":{"input_tokens":0,"output_tokens":0}}
      """
    let draft = StreamFeed.draft(.claudeCode, stream)
    #expect(draft.turnError == "API Error: 400 scripted bad request")
    #expect(draft.failure == nil, "the turn is recorded, not abandoned")
    #expect(StreamFeed.draft(.claudeCode, #"{"type":"result","is_error":true,"api_error_status":529}"#).turnError == "API Error: 529")
  }

  @Test("codex exec resume reports the thread's running totals; the turn keeps the difference")
  func codexRunningTokenTotals() {
    let before = UsageStats(inputTokens: 230, outputTokens: 70, cacheReadTokens: 10)
    var parser = CodexStreamParser(model: "gpt-5.3-codex", usageBefore: before)
    for event in StreamFeed.events(
      #"{"type":"turn.completed","usage":{"input_tokens":340,"cached_input_tokens":10,"output_tokens":100,"reasoning_output_tokens":0}}"#)
    {
      parser.consume(event)
    }
    let draft = parser.finished(pricing: .builtIn)
    #expect(draft.usage.inputTokens == 100 && draft.usage.outputTokens == 30 && draft.usage.cacheReadTokens == 0)
    #expect(draft.cumulativeUsage == UsageStats(inputTokens: 330, outputTokens: 100, cacheReadTokens: 10))
    #expect(draft.usage.cost == PricingTable.builtIn.cost(for: .codex, model: "gpt-5.3-codex", usage: draft.usage))
    // A total below what came before (a new thread) is taken as it is.
    #expect(RunningTotals.own(UsageStats(inputTokens: 5, outputTokens: 5), after: before) == UsageStats(inputTokens: 5, outputTokens: 5))
  }

  @Test("codex: an error item that ends the turn fails it; one before turn.started is only a warning")
  func codexErrorItems() {
    let warning = """
      {"type":"thread.started","thread_id":"t"}
      {"type":"item.completed","item":{"id":"item_0","type":"error","message":"Model metadata for `gpt-5.3-codex` not found."}}
      {"type":"turn.started"}
      {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"done"}}
      {"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":1}}
      """
    #expect(StreamFeed.draft(.codex, warning).turnError == nil)
    let ending = """
      {"type":"turn.started"}
      {"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"partial"}}
      {"type":"item.completed","item":{"id":"item_2","type":"error","message":"context window exceeded"}}
      {"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":1}}
      """
    #expect(StreamFeed.draft(.codex, ending).turnError == "Codex turn failed: context window exceeded")
    let recovered = """
      {"type":"turn.started"}
      {"type":"item.completed","item":{"id":"item_1","type":"error","message":"tool call failed"}}
      {"type":"item.completed","item":{"id":"item_2","type":"agent_message","text":"recovered"}}
      {"type":"turn.completed","usage":{"input_tokens":1,"output_tokens":1}}
      """
    #expect(StreamFeed.draft(.codex, recovered).turnError == nil)
  }

  @Test("running-total pattern: codex tokens that only grow, claude cost that outgrows its tokens; not ours")
  func runningTotalPattern() {
    func trajectory(_ agent: Provider, _ usages: [UsageStats]) -> Trajectory {
      var t = Trajectory(agent: agent.rawValue, model: "", sessionID: "s", createdAt: "")
      t.turns = usages.map { Turn(input: "x", usage: $0) }
      return t
    }
    let growing = [30, 60, 90, 120].map { UsageStats(inputTokens: $0 * 10, outputTokens: $0) }
    #expect(RunningTotals.find(in: trajectory(.codex, growing)) == .tokens)
    var ours = trajectory(.codex, growing)
    ours.metadata[RunningTotals.codexMetadataKey] = RunningTotals.codexMetadata(UsageStats(), sinceTurn: 0)
    #expect(RunningTotals.find(in: ours) == nil)
    // Three turns Python caw recorded (running totals), then caw-tui's: the first three are still flagged.
    var mixed = trajectory(.codex, growing)
    mixed.metadata[RunningTotals.codexMetadataKey] = RunningTotals.codexMetadata(UsageStats(), sinceTurn: 3)
    #expect(RunningTotals.find(in: mixed) == .tokens)
    let own = [30, 30, 30].map { UsageStats(inputTokens: 300, outputTokens: $0) }
    #expect(RunningTotals.find(in: trajectory(.codex, own)) == nil)
    #expect(RunningTotals.find(in: trajectory(.codex, [growing[0]])) == nil)
    // claude: $0.00132 then $0.00212 (running) for 130/40 then 100/20 tokens; per turn it is $0.0008.
    let running = [
      UsageStats(inputTokens: 130, outputTokens: 40, costUSD: .double(0.00132)),
      UsageStats(inputTokens: 100, outputTokens: 20, costUSD: .double(0.00212)),
    ]
    #expect(RunningTotals.find(in: trajectory(.claudeCode, running)) == .cost)
    var perTurn = running
    perTurn[1].costUSD = .double(0.0008)
    #expect(RunningTotals.find(in: trajectory(.claudeCode, perTurn)) == nil)
    #expect(RunningTotals.codexTotals(before: trajectory(.codex, growing)) == UsageStats(inputTokens: 1200, outputTokens: 120))
    #expect(RunningTotals.codexTotals(before: trajectory(.codex, own)) == UsageStats(inputTokens: 900, outputTokens: 90))
  }

  @Test("claude refusing to run as root is explained, with what to do")
  func rootRefusalMessage() {
    let exit = ProcessExit(
      exitCode: 1, stderrTail: "--dangerously-skip-permissions cannot be used with root/sudo privileges for security reasons")
    let message = AgentSession.exitMessage(.claudeCode, exit)
    #expect(message.contains("claude refused to run as root"))
    #expect(message.contains("IS_SANDBOX=1"))
    #expect(message.contains("cannot be used with root/sudo privileges"))
    #expect(AgentSession.exitMessage(.codex, ProcessExit(exitCode: 3, stderrTail: "boom")) == "codex CLI exited with code 3: boom")
  }
}
