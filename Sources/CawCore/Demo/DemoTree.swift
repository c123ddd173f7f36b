import Foundation
import OrderedCollections
/// Writes the bundled demo `caw_data` tree: every provider, tool calls and errors, thinking, nested
/// subagents, a usage-limited and an unfinished session, costs and non-ASCII text.
///
/// Everything is written through ``SessionStore``, so the tree is exactly what a recording looks like.
/// Times are laid out backwards from `now`, so the list reads naturally whenever it is opened.
public enum DemoTree {
  /// Writes the demo sessions into `dataDirectory` and returns their ids, newest first.
  @discardableResult
  public static func write(to dataDirectory: String, now: Double) throws(CawError) -> [String] {
    var ids: [String] = []
    for (index, session) in sessions().enumerated() {
      let start = now - Double(index) * 5400 - 600
      ids.append(try record(session, dataDirectory: dataDirectory, start: start))
    }
    return ids
  }

  /// One demo session: its trajectory (turns included) and how it ended.
  struct DemoSession {
    var trajectory: Trajectory
    var ended: Bool
    var turnInProgress: Turn? = nil
  }

  private static func record(_ demo: DemoSession, dataDirectory: String, start: Double) throws(CawError) -> String {
    var t = demo.trajectory
    t.createdAt = ISOTime.string(secondsSince1970: start)
    var store = try SessionStore(dataDirectory: dataDirectory, sessionID: t.sessionID)
    var recorded = t
    recorded.turns = []
    recorded.usage = UsageStats()
    recorded.durationMS = 0
    recorded.completedAt = ""
    recorded.usageLimited = false
    let providerKeys = recorded.metadata
    recorded.metadata = providerKeys.filter { $0.key != "thread_id" && $0.key != "opencode_session_id" }
    try store.writeMetadata(recorded)
    recorded.metadata = providerKeys
    for turn in t.turns {
      for call in turn.toolCalls {
        if let sub = call.subagentTrajectory {
          for (i, subTurn) in sub.turns.enumerated() {
            try store.appendSubagentTurn(subTurn, index: i, subagent: subagentName(call.name))
          }
        }
      }
      recorded.turns.append(turn)
      recorded.usage = recorded.usage + turn.usage
      recorded.durationMS += turn.durationMS
      try store.appendTurn(turn, trajectory: recorded, rawOutput: "")
    }
    if let partial = demo.turnInProgress {
      var snapshot = recorded
      snapshot.turns.append(partial)
      try store.saveTrajectory(snapshot)
    }
    let lastWrite = start + Double(recorded.durationMS) / 1000 + 2.5
    if demo.ended {
      recorded.completedAt = ISOTime.string(secondsSince1970: lastWrite)
      recorded.usageLimited = t.usageLimited
      try store.saveTrajectory(recorded)
    }
    stamp(store.sessionDirectory, modified: lastWrite)
    return t.sessionID
  }

  /// Gives the session's files the modification time of the moment they show, not of the moment the demo
  /// was written: a session whose turn is open then reads as interrupted, not as being recorded.
  private static func stamp(_ directory: String, modified seconds: Double) {
    let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
    for path in files.map({ directory + "/" + $0 }) + [directory] {
      try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
    }
  }

  private static func subagentName(_ toolName: String) -> String {
    let tool = toolName.split(separator: "__").last.map(String.init) ?? toolName
    return String(tool.map { $0 == "_" ? " " : $0 })
  }

  // MARK: - Building blocks

  static func usage(_ input: Int, _ output: Int, read: Int = 0, write: Int = 0, cost: Double) -> UsageStats {
    UsageStats(inputTokens: input, outputTokens: output, cacheReadTokens: read, cacheWriteTokens: write, costUSD: .double(cost))
  }

  static func call(
    _ id: String, _ name: String, _ arguments: JSONObject, _ output: String, error: Bool = false,
    subagent: Trajectory? = nil
  ) -> ContentBlock {
    .toolUse(ToolUse(id: id, name: name, arguments: .object(arguments), output: output, isError: error, subagentTrajectory: subagent))
  }
}
