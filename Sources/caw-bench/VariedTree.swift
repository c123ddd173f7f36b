import CawCore
import Foundation
import OrderedCollections

/// A second shape of tree for the search figures, unlike ``SyntheticTree``'s few repeated lines: prose,
/// code and logs drawn from a vocabulary of 40,000 made-up words (Zipf-distributed, as words are),
/// identifiers, paths, hex hashes and numbers, so most phrases are rare and the index holds many terms.
/// Sizes follow ``SyntheticTree``'s ordinary sessions (1–9 turns, 0–6 tool calls of 80 B–4 KB, 3 % with a
/// subagent); there is no large session.
struct VariedTree {
  var sessionCount: Int
  var largeSessionMegabytes: Int
  var seed: UInt64

  /// Writes the tree into `dataDirectory` and returns the session ids written.
  func write(to dataDirectory: String) throws -> [String] {
    var random = SplitMix64(seed: seed)
    let words = VariedText(random: &random)
    var ids: [String] = []
    let now = 1_795_000_000.0
    let providers = ["claude_code", "codex", "opencode"]
    let models = ["claude_code": ["claude-sonnet-4-5", "claude-opus-4-6"], "codex": ["gpt-5.3-codex"], "opencode": ["openai/gpt-5.3-codex"]]
    for index in 0..<sessionCount {
      let agent = providers[index % 10 < 5 ? 0 : index % 10 < 8 ? 1 : 2]
      let id = random.uuid()
      var t = Trajectory(
        agent: agent, model: random.pick(models[agent]!), sessionID: id,
        createdAt: ISOTime.string(secondsSince1970: now - Double(index) * 613 - random.double() * 300),
        metadata: ["cwd": .string("/home/dev/" + words.identifier(&random))])
      let store = try SessionStore(dataDirectory: dataDirectory, sessionID: id)
      try store.writeMetadata(t)
      let log = FileHandle(forWritingAtPath: store.eventLogPath)!
      log.seekToEndOfFile()
      for turnIndex in 0..<(random.int(1...3) + (random.chance(0.3) ? random.int(0...6) : 0)) {
        let sub = random.chance(0.03) ? subagent(words, &random) : nil
        let turn = self.turn(words, tools: random.int(0...6), subagent: sub, &random)
        t.turns.append(turn)
        t.usage = t.usage + turn.usage
        try turn.input.write(toFile: "\(store.sessionDirectory)/turns/\(SessionStore.turnPrefix(turnIndex))_input.txt", atomically: false, encoding: .utf8)
        log.write(Data(TrajEvent.lines(TrajEvent.turn(turn, index: turnIndex))))
      }
      try log.close()
      if !random.chance(0.05) { t.completedAt = ISOTime.string(secondsSince1970: now - Double(index) * 613 + 60) }
      try store.saveSnapshot(t)
      ids.append(id)
    }
    return ids
  }

  private func subagent(_ words: VariedText, _ random: inout SplitMix64) -> Trajectory {
    var t = Trajectory(agent: "claude_code", model: "claude-sonnet-4-5", sessionID: random.uuid())
    for _ in 0..<random.int(1...2) { t.turns.append(turn(words, tools: random.int(1...4), subagent: nil, &random)) }
    return t
  }

  private func turn(_ words: VariedText, tools: Int, subagent: Trajectory?, _ random: inout SplitMix64) -> Turn {
    var output: [ContentBlock] = [.thinking(words.prose(sentences: random.int(1...4), &random))]
    for _ in 0..<tools {
      let command = random.pick(["rg -n ", "cat ", "pytest -q ", "git log --oneline ", "sed -n 1,80p "]) + words.path(&random)
      output.append(
        .toolUse(
          ToolUse(
            id: "call_" + random.uuid().prefix(13), name: random.pick(["Bash", "Read", "Edit", "Grep", "command_execution", "read"]),
            arguments: .object(["command": .string(command), "description": .string(words.prose(sentences: 1, &random))]),
            output: words.output(bytes: random.int(80...4000), &random), isError: random.chance(0.08))))
    }
    if let subagent {
      output.append(
        .toolUse(ToolUse(id: "call_" + random.uuid().prefix(13), name: "mcp__subagent__reviewer", arguments: .object(["task": .string(words.prose(sentences: 1, &random))]),
          output: subagent.result, subagentTrajectory: subagent)))
    }
    output.append(.text(words.prose(sentences: random.int(1...5), &random)))
    return Turn(
      input: words.prose(sentences: random.int(1...2), &random), output: output,
      usage: UsageStats(inputTokens: random.int(200...20_000), outputTokens: random.int(50...4_000), costUSD: .double(Double(random.int(1...90_000)) / 1_000_000)),
      durationMS: random.int(1_500...180_000))
  }
}

/// Words and text for ``VariedTree``.
struct VariedText {
  private var vocabulary: [String] = []
  /// Cumulative Zipf weights of `vocabulary`.
  private var cumulative: [Double] = []

  init(random: inout SplitMix64) {
    let onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "st", "tr", "pl", "gr", "sk"]
    let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ei", "é", "ü"]
    var seen = Set<String>()
    while vocabulary.count < 40_000 {
      var word = ""
      for _ in 0..<random.int(1...4) { word += random.pick(onsets) + random.pick(vowels) }
      if random.chance(0.3) { word += random.pick(["n", "s", "t", "r", "x"]) }
      if seen.insert(word).inserted { vocabulary.append(word) }
    }
    var total = 0.0
    for rank in 1...vocabulary.count {
      total += 1 / Double(rank)
      cumulative.append(total)
    }
  }

  /// A word, frequent ones more often.
  func word(_ random: inout SplitMix64) -> String {
    let target = random.double() * cumulative[cumulative.count - 1]
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] < target { low = mid + 1 } else { high = mid }
    }
    return vocabulary[low]
  }

  func identifier(_ random: inout SplitMix64) -> String {
    (0..<random.int(1...3)).map { _ in word(&random) }.joined(separator: random.pick(["_", "-", ""]))
  }

  func path(_ random: inout SplitMix64) -> String {
    (0..<random.int(1...3)).map { _ in identifier(&random) }.joined(separator: "/") + random.pick([".py", ".ts", ".rs", ".go", ".md", ""])
  }

  func prose(sentences: Int, _ random: inout SplitMix64) -> String {
    (0..<sentences).map { _ in
      let words = (0..<random.int(6...18)).map { _ in random.chance(0.08) ? "`\(identifier(&random))`" : word(&random) }
      return words.joined(separator: " ").capitalizedFirst + random.pick([".", ".", "?", "!", ":"])
    }.joined(separator: random.chance(0.5) ? " " : "\n\n")
  }

  func output(bytes: Int, _ random: inout SplitMix64) -> String {
    var lines: [String] = []
    var size = 0
    while size < bytes {
      let line: String
      switch random.int(0...5) {
      case 0: line = "\(path(&random)):\(random.int(1...2000)): \(prose(sentences: 1, &random))"
      case 1: line = "    \(identifier(&random)) = \(identifier(&random))(\(word(&random)), \(random.int(0...99999)))"
      case 2: line = "\(String(random.next(), radix: 16)) \(prose(sentences: 1, &random))"
      case 3: line = "{\"\(word(&random))\": \"\(identifier(&random))\", \"ms\": \(random.int(1...5000))}"
      case 4: line = "ERROR \(identifier(&random)): \(word(&random)) \(word(&random)) failed\t(code \(random.int(1...255)))"
      default: line = prose(sentences: 1, &random)
      }
      lines.append(line)
      size += line.utf8.count + 1
    }
    return lines.joined(separator: "\n")
  }
}

extension String {
  fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
