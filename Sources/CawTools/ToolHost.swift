import OrderedCollections
import CawCore
import Foundation
import Synchronization

/// Serves one session's tool servers and subagents over MCP (spec §3.1, §3.7) and links the session to
/// the subagents its tool calls run.
///
/// ```swift
/// let host = try await ToolHost.start(toolServers: [calc], subagents: [reviewer])
/// var settings = AgentSettings(provider: .claudeCode)
/// host.add(to: &settings)
/// let session = try AgentSession.start(settings, dataDirectory: DataDirectory("caw_data"))
/// await host.bind(to: session)
/// try await session.send("Review calc.py, then add 2 and 3")
/// try await session.end()
/// await host.stop()
/// ```
///
/// All subagents are tools of one MCP server named `subagent` (caw gives every spec its own server,
/// all named `subagent`, so a second spec hides the first); each ``ToolServer`` is a server under its
/// own name. The servers listen on 127.0.0.1 behind 128-bit random paths.
public final class ToolHost: SubagentTrajectories, Sendable {
  /// The MCP server name every subagent tool is served under, as caw names it.
  public static let subagentServerName = "subagent"
  /// The version our MCP servers report.
  static let version = "0.1.0"

  /// The servers to give the agent CLI: add them to ``AgentSettings/mcpServers`` before starting the
  /// session (they are recorded in its `mcp_servers`, as caw records its own).
  public let mcpServers: [MCPServer]
  private let http: ToolHTTPServer
  private let ownsHTTP: Bool
  private let endpoints: [MCPEndpoint]
  private let board: SubagentBoard
  private let refresh = Mutex<SnapshotRefresh?>(nil)

  private init(http: ToolHTTPServer, ownsHTTP: Bool, endpoints: [MCPEndpoint], board: SubagentBoard) {
    self.http = http
    self.ownsHTTP = ownsHTTP
    self.endpoints = endpoints
    self.board = board
    self.mcpServers = endpoints.map { MCPServer(name: $0.name, url: http.url(of: $0)) }
  }

  /// Starts serving `toolServers` and `subagents` (on `server`, else on a listener of its own).
  /// - Throws: ``CawError`` for names the CLIs would not accept or clash; the listener's errors.
  public static func start(
    toolServers: [ToolServer] = [], subagents: [AgentSpec] = [], context: SubagentContext = SubagentContext(),
    server: ToolHTTPServer? = nil
  ) async throws -> ToolHost {
    var names: Set<String> = subagents.isEmpty ? [] : [subagentServerName]
    for toolServer in toolServers {
      try toolServer.validate()
      guard names.insert(toolServer.name).inserted else {
        throw CawError(.invalidArgument, "two MCP servers are named '\(toolServer.name)'")
      }
    }
    var toolNames: Set<String> = []
    for spec in subagents {
      try spec.validate()
      guard toolNames.insert(spec.toolName).inserted else {
        throw CawError(.invalidArgument, "two subagents have the tool name '\(spec.toolName)'")
      }
    }
    let http: ToolHTTPServer
    if let server { http = server } else { http = try await ToolHTTPServer.start() }
    let board = SubagentBoard()
    var endpoints = toolServers.map { MCPEndpoint(name: $0.name, displayName: $0.displayName, tools: $0.tools) }
    if !subagents.isEmpty {
      let tools = subagents.map { SubagentRun(spec: $0, context: context, http: http).tool(board: board) }
      let display = subagents.count == 1 ? "caw-subagent-\(subagents[0].name)" : "caw-subagents"
      endpoints.append(MCPEndpoint(name: subagentServerName, displayName: display, tools: tools))
    }
    for endpoint in endpoints { http.add(endpoint) }
    return ToolHost(http: http, ownsHTTP: server == nil, endpoints: endpoints, board: board)
  }

  /// How long a CLI may wait on one call to our servers: a subagent may work for hours.
  public static let toolTimeoutSeconds = 86_400

  /// Gives `settings` this host's servers, with a tool-call timeout long enough for subagents.
  public func add(to settings: inout AgentSettings) {
    settings.mcpServers += mcpServers
    for server in mcpServers { settings.mcpToolTimeouts[server.name] = Self.toolTimeoutSeconds }
  }

  /// Links the host to the session its servers were started for: the session shows running subagents
  /// under their tool calls, attaches their trajectories at turn end, and gets their turns in its
  /// `traj.jsonl`, tagged with the spec name as caw tags them.
  public func bind(to session: AgentSession) async {
    let refresh = SnapshotRefresh(session: session)
    self.refresh.withLock { $0 = refresh }
    board.connect(onChange: { refresh.request() }) { trajectory, name in
      try? await session.recordSubagentTurns(of: trajectory, name: name)
    }
    await session.attach(subagents: self)
  }

  /// Links the host to a subagent's own session: trajectories attached as above, but nothing written
  /// to any log (caw keeps only the first level in `traj.jsonl`); `onChange` hears of progress.
  func bindNested(to session: AgentSession, onChange: @escaping @Sendable () -> Void) async {
    board.connect(onChange: onChange, record: nil)
    await session.attach(subagents: self)
  }

  /// Stops answering (and closes the listener if it is this host's own). Tool calls still running are
  /// cancelled when their connections close.
  public func stop() async {
    for endpoint in endpoints { http.remove(endpoint) }
    if ownsHTTP { await http.stop() }
  }

  /// The running turn's blocks with its subagents' trajectories so far (``SubagentTrajectories``).
  public func live(_ blocks: [ContentBlock]) -> [ContentBlock] { board.live(blocks) }

  /// The finished turn's blocks with its subagents' trajectories attached, markers removed.
  public func finished(_ blocks: [ContentBlock]) -> [ContentBlock] { board.finished(blocks) }
}

/// Rewrites a session's running snapshot when a subagent progressed, one rewrite at a time: requests
/// that arrive during a rewrite fold into one more.
final class SnapshotRefresh: Sendable {
  private let session: AgentSession
  private let state = Mutex<(running: Bool, again: Bool)>((false, false))

  init(session: AgentSession) { self.session = session }

  func request() {
    let start = state.withLock { state -> Bool in
      if state.running {
        state.again = true
        return false
      }
      state.running = true
      return true
    }
    guard start else { return }
    Task {
      while true {
        try? await session.refreshSnapshot()
        let more = state.withLock { state -> Bool in
          if state.again {
            state.again = false
            return true
          }
          state.running = false
          return false
        }
        if !more { return }
      }
    }
  }
}
