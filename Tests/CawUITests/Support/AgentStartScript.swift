import CawCore
import TestSupport

/// The script tmux runs for the real-CLI tests: the agents' private environment (`home`), caw-tui with
/// `arguments` in the workspace, then its exit status and a pause so the last screen can be read.
enum AgentStartScript {
  /// Writes `start.sh` into `tree` and returns the command that runs it.
  static func write(in tree: TempTree, home: AgentHome, arguments: [String]) -> String {
    var lines = ["#!/bin/sh", "cd \(Invocation.shellQuoted(home.workspace))"]
    for (name, value) in home.environment.sorted(by: { $0.key < $1.key }) where name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
      lines.append("export \(name)=\(Invocation.shellQuoted(value))")
    }
    lines.append("export CAW_TUI_RUNS_DIR=\(Invocation.shellQuoted(tree.path + "/runs"))")
    let command = ([ProcessRun.cawTUI] + arguments).map(Invocation.shellQuoted).joined(separator: " ")
    lines.append("\(command); echo \"exit=$?\"; sleep 60")
    tree.write("start.sh", lines.joined(separator: "\n") + "\n")
    return "sh \(Invocation.shellQuoted(tree.path + "/start.sh"))"
  }
}
