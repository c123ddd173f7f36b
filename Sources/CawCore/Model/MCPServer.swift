import OrderedCollections

/// An MCP server given to the agent CLI: stdio (`command`, `args`, `env`) or HTTP (`url`).
public struct MCPServer: Sendable, Equatable {
  /// The server's name as the CLI sees it.
  public var name: String
  /// Executable of a stdio server, `""` for HTTP servers.
  public var command: String
  /// Arguments of a stdio server.
  public var args: [String]
  /// Extra environment of a stdio server, in file order.
  public var env: OrderedDictionary<String, String>
  /// URL of an HTTP server, `""` for stdio servers.
  public var url: String

  /// Creates a server description with caw's defaults.
  public init(
    name: String, command: String = "", args: [String] = [], env: OrderedDictionary<String, String> = [:],
    url: String = ""
  ) {
    self.name = name
    self.command = command
    self.args = args
    self.env = env
    self.url = url
  }
}
