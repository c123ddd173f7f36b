import OrderedCollections

/// Builds the turns of a native session one record at a time: what every store reader shares.
///
/// Tool results find their call by id in any turn; usage is kept per model message, so a message written
/// over several records (Claude writes one record per content block, each repeating the usage) counts once.
struct TurnAssembler {
  /// One turn being built.
  struct Draft {
    var turn: Turn
    var firstTime: Double?
    var lastTime: Double?
    var explicitDuration: Int?
    /// Usage by model message id, each priced with its own model.
    var usageByMessage: OrderedDictionary<String, (model: String, usage: UsageStats)> = [:]
  }

  private(set) var drafts: [Draft] = []
  private var toolIndex: [String: (turn: Int, block: Int)] = [:]
  private var anonymousMessages = 0
  /// Tool results whose call was never seen.
  private(set) var orphanResults = 0
  /// Whether text and tool outputs are left out (a summary needs none of them).
  let skimmingContent: Bool

  init(skimmingContent: Bool) {
    self.skimmingContent = skimmingContent
  }

  var isEmpty: Bool { drafts.isEmpty }

  /// Starts a turn with the user's message.
  mutating func startTurn(_ input: String, at time: Double?) {
    drafts.append(Draft(turn: Turn(input: skimmingContent ? String(input.prefix(400)) : input), firstTime: time, lastTime: time))
  }

  /// Makes sure there is a turn to add to (a store may begin with the agent's output).
  mutating func ensureTurn(at time: Double?) {
    if drafts.isEmpty { startTurn("", at: time) }
  }

  /// Notes that the current turn was still going at `time`.
  mutating func touch(_ time: Double?) {
    guard let time, !drafts.isEmpty else { return }
    if drafts[drafts.count - 1].firstTime == nil { drafts[drafts.count - 1].firstTime = time }
    drafts[drafts.count - 1].lastTime = max(drafts[drafts.count - 1].lastTime ?? time, time)
  }

  /// Appends a text block (empty text is dropped, as caw's parsers do).
  mutating func text(_ text: String, at time: Double?) {
    guard !text.isEmpty else { return }
    append(.text(skimmingContent ? "" : text), at: time)
  }

  /// Appends a thinking block (empty thinking is dropped).
  mutating func thinking(_ text: String, at time: Double?) {
    guard !text.isEmpty else { return }
    append(.thinking(skimmingContent ? "" : text), at: time)
  }

  /// Appends a tool call; a call whose id was seen before in this session is updated instead.
  mutating func toolCall(_ call: ToolUse, at time: Double?) {
    if !call.id.isEmpty, let at = toolIndex[call.id], case .toolUse(var known) = drafts[at.turn].turn.output[at.block] {
      known.name = call.name.isEmpty ? known.name : call.name
      if call.arguments != .object([:]) { known.arguments = call.arguments }
      drafts[at.turn].turn.output[at.block] = .toolUse(known)
      touch(time)
      return
    }
    var stored = call
    if skimmingContent { stored.output = "" }
    append(.toolUse(stored), at: time)
    if !call.id.isEmpty { toolIndex[call.id] = (drafts.count - 1, drafts[drafts.count - 1].turn.output.count - 1) }
  }

  /// Sets the output of the call `id`; false when no such call was seen.
  @discardableResult
  mutating func toolResult(_ id: String, output: String, isError: Bool, at time: Double?) -> Bool {
    guard let at = toolIndex[id], case .toolUse(var call) = drafts[at.turn].turn.output[at.block] else {
      orphanResults += 1
      return false
    }
    call.output = skimmingContent ? "" : output
    call.isError = isError
    drafts[at.turn].turn.output[at.block] = .toolUse(call)
    touch(time)
    return true
  }

  /// Attaches a subagent's trajectory to the call `id`; false when no such call was seen.
  @discardableResult
  mutating func attachSubagent(_ trajectory: Trajectory, toCall id: String) -> Bool {
    guard let at = toolIndex[id], case .toolUse(var call) = drafts[at.turn].turn.output[at.block] else { return false }
    call.subagentTrajectory = trajectory
    drafts[at.turn].turn.output[at.block] = .toolUse(call)
    return true
  }

  /// The call `id`, when it was seen.
  func call(_ id: String) -> ToolUse? {
    guard let at = toolIndex[id] else { return nil }
    return drafts[at.turn].turn.output[at.block].toolUse
  }

  /// Every tool call, in order.
  var allCalls: [ToolUse] { drafts.flatMap { $0.turn.toolCalls } }

  /// Records the usage of model message `id` (a later record of the same message replaces it).
  mutating func usage(_ usage: UsageStats, model: String, message id: String?) {
    guard !drafts.isEmpty else { return }
    let key = id ?? { anonymousMessages += 1; return "#\(anonymousMessages)" }()
    drafts[drafts.count - 1].usageByMessage[key] = (model, usage)
  }

  /// Adds usage that has no message of its own (a turn total) to the current turn.
  mutating func addUsage(_ usage: UsageStats, model: String) {
    self.usage(usage, model: model, message: nil)
  }

  /// Sets the current turn's duration as the store recorded it.
  mutating func duration(_ milliseconds: Int) {
    guard !drafts.isEmpty else { return }
    drafts[drafts.count - 1].explicitDuration = milliseconds
  }

  /// The finished turns: usage summed (and priced by `pricing` where the store has no cost), durations from
  /// the store or from the first and last record times.
  func turns(provider: Provider, pricing: PricingTable) -> [Turn] {
    drafts.map { draft in
      var turn = draft.turn
      var total = UsageStats()
      for (model, usage) in draft.usageByMessage.values {
        var priced = usage
        if priced.cost == 0, let cost = pricing.cost(for: provider, model: model, usage: usage) {
          priced.costUSD = .double(cost)
        }
        total = total + priced
      }
      turn.usage = total
      if let explicit = draft.explicitDuration {
        turn.durationMS = explicit
      } else if let first = draft.firstTime, let last = draft.lastTime {
        turn.durationMS = max(0, Int(((last - first) * 1000).rounded()))
      }
      return turn
    }
  }

  private mutating func append(_ block: ContentBlock, at time: Double?) {
    ensureTurn(at: time)
    drafts[drafts.count - 1].turn.output.append(block)
    touch(time)
  }
}
