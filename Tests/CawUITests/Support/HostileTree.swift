import CawCore
import OrderedCollections

/// A data directory with one session whose texts try to take over the terminal.
enum HostileTree {
  /// Writes session `hostile` whose tool output (and prompt) is `output`.
  static func write(output: String, to dataDirectory: String) throws {
    var store = try SessionStore(dataDirectory: dataDirectory, sessionID: "hostile")
    var t = Trajectory(agent: "claude_code", model: "m", sessionID: "hostile", createdAt: "2026-11-22T05:00:00+00:00")
    try store.writeMetadata(t)
    let turn = Turn(
      input: "run it " + output,
      output: [
        .toolUse(
          ToolUse(
            id: "t1", name: "Bash", arguments: .object(["command": .string("cat evil.txt")]), output: output,
            isError: true))
      ])
    t.turns = [turn]
    try store.appendTurn(turn, trajectory: t, rawOutput: "")
  }
}
