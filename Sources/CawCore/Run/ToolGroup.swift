import Foundation

/// Groups of agent tools a session may use, caw's `ToolGroup` flags (spec §5.0).
public struct ToolGroup: OptionSet, Sendable, Hashable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Reading files: Read, Glob, Grep.
  public static let reader = ToolGroup(rawValue: 1 << 0)
  /// Writing files: Write, Edit, NotebookEdit.
  public static let writer = ToolGroup(rawValue: 1 << 1)
  /// Running commands: Bash.
  public static let exec = ToolGroup(rawValue: 1 << 2)
  /// The web: WebFetch, WebSearch.
  public static let web = ToolGroup(rawValue: 1 << 3)
  /// Sub-tasks the CLI runs itself: Task, TaskOutput, TaskStop.
  public static let parallel = ToolGroup(rawValue: 1 << 4)
  /// Asking the user: AskUserQuestion.
  public static let interaction = ToolGroup(rawValue: 1 << 5)

  /// Every group.
  public static let all: ToolGroup = [.reader, .writer, .exec, .web, .parallel, .interaction]
  /// caw's default for a headless session: everything but asking the user.
  public static let noInteraction = ToolGroup.all.subtracting(.interaction)

  /// The groups in caw's order, with the names users type.
  public static let named: [(name: String, group: ToolGroup)] = [
    ("reader", .reader), ("writer", .writer), ("exec", .exec), ("web", .web), ("parallel", .parallel),
    ("interaction", .interaction),
  ]

  /// Parses a comma-separated list of group names (`reader,exec`, `all`, `no_interaction`).
  public init(names: String) throws(CawError) {
    var groups: ToolGroup = []
    for raw in names.split(separator: ",") {
      let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
      if name == "all" {
        groups.formUnion(.all)
      } else if name == "no_interaction" || name == "no-interaction" {
        groups.formUnion(.noInteraction)
      } else if let match = Self.named.first(where: { $0.name == name }) {
        groups.formUnion(match.group)
      } else {
        let known = (Self.named.map(\.name) + ["all", "no_interaction"]).joined(separator: ", ")
        throw CawError(.invalidArgument, "unknown tool group '\(name)'; known groups: \(known)")
      }
    }
    guard !groups.isEmpty else {
      throw CawError(.invalidArgument, "ToolGroup must not be empty — at least one group is required.")
    }
    self = groups
  }
}
