import OrderedCollections
import CawCore

/// A named set of our tools served to an agent CLI as one MCP server (caw's ToolKit `as_server()`).
///
/// The CLI sees the server under `name`: claude calls its tools `mcp__<name>__<tool>`, codex
/// `<name>.<tool>`, opencode `<name>_<tool>`. Unlike caw, which appends six random hex digits to the
/// server name, the name is used as given, so tool names stay the same from one session to the next.
public struct ToolServer: Sendable {
  /// The MCP server name the CLI sees: letters, digits, `_` and `-`.
  public var name: String
  /// The name the server reports to clients in its `initialize` answer.
  public var displayName: String
  /// The tools.
  public var tools: [AgentTool]

  /// Creates a server description; it runs once a ``ToolHost`` starts it.
  public init(name: String, displayName: String? = nil, tools: [AgentTool]) {
    self.name = name
    self.displayName = displayName ?? name
    self.tools = tools
  }

  /// Checks the names the CLIs will see: the server name, and tool names unique and well formed.
  func validate() throws(CawError) {
    guard Self.isPlainName(name, allowDot: false) else {
      throw CawError(.invalidArgument, "tool server name '\(name)' must be letters, digits, '_' or '-'")
    }
    var seen: Set<String> = []
    for tool in tools {
      guard Self.isPlainName(tool.name, allowDot: true) else {
        throw CawError(.invalidArgument, "tool name '\(tool.name)' in server '\(name)' must be letters, digits, '_', '-' or '.'")
      }
      guard seen.insert(tool.name).inserted else {
        throw CawError(.invalidArgument, "tool server '\(name)' has two tools named '\(tool.name)'")
      }
    }
  }

  /// Whether `text` is 1–64 of `[A-Za-z0-9_-]` (and `.` when allowed), what MCP clients accept.
  static func isPlainName(_ text: String, allowDot: Bool) -> Bool {
    !text.isEmpty && text.utf8.count <= 64
      && text.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
            || (allowDot && scalar == "."))
      }
  }
}
