import OrderedCollections
import CawCore
import Foundation
import MCP
import Synchronization

/// One MCP server of ours behind a path of the ``ToolHTTPServer``: its tools, answered statelessly.
///
/// Every HTTP request gets a fresh SDK `Server` on a `StatelessHTTPServerTransport` (JSON answers, no
/// session id, no SSE): `initialize`, `tools/list` and `tools/call` need no state between requests,
/// so nothing is kept per client and nothing has to expire. A tool call whose connection closes is
/// cancelled, which stops a subagent's CLI.
final class MCPEndpoint: Sendable {
  /// The path the endpoint answers on: `/mcp/<name>/<random token>`.
  let path: String
  /// The server's name as the CLI sees it.
  let name: String
  private let displayName: String
  private let tools: [AgentTool]
  private let listing: [Tool]

  init(name: String, displayName: String, tools: [AgentTool]) {
    self.name = name
    self.displayName = displayName
    self.tools = tools
    self.path = "/mcp/\(name)/\(Self.token())"
    self.listing = tools.map(Self.describe)
  }

  /// The `tools/list` entry of a tool, with caw's output schema: one `result` string, which is how
  /// FastMCP describes a tool returning `str`.
  static func describe(_ tool: AgentTool) -> Tool {
    let output: Value = .object([
      "type": "object", "properties": .object(["result": .object(["type": "string"])]), "required": ["result"],
    ])
    return Tool(name: tool.name, description: tool.description, inputSchema: tool.inputSchema.mcpValue, outputSchema: output)
  }

  /// Answers one HTTP request; `port` is the listener's, for the Host/Origin check.
  func respond(to request: HTTPRequest, port: Int) async -> HTTPResponse {
    let calls = CallCancellation()
    let transport = StatelessHTTPServerTransport(
      validationPipeline: StandardValidationPipeline(validators: [
        OriginValidator.localhost(port: port), AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(),
        ProtocolVersionValidator(),
      ]))
    let server = Server(
      name: displayName, version: ToolHost.version, capabilities: .init(tools: .init(listChanged: false)))
    let listing = self.listing
    await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: listing) }
    await server.withMethodHandler(CallTool.self) { [tools] parameters in
      guard let tool = tools.first(where: { $0.name == parameters.name }) else {
        throw MCPError.invalidParams("Unknown tool: \(parameters.name)")
      }
      let arguments = JSONObject(
        uniqueKeysWithValues: (parameters.arguments ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, JSONValue(mcp: $0.value)) })
      let output = await calls.run { await tool.call(arguments) }
      return CallTool.Result(
        content: [.text(text: output.text, annotations: nil, _meta: nil)],
        structuredContent: output.isError ? nil : .object(["result": .string(output.text)]), isError: output.isError)
    }
    do {
      try await server.start(transport: transport)
    } catch {
      return .error(statusCode: 500, .internalError("could not start the MCP server: \(error)"))
    }
    let response = await withTaskCancellationHandler {
      await transport.handleRequest(request)
    } onCancel: {
      calls.cancel()
      Task { await transport.disconnect() }
    }
    await server.stop()
    return response
  }

  /// 128 random bits in hex: the path is the only thing that lets a client in, so it must not be guessable.
  static func token() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String(format: "%08x", generator.next() as UInt32) }.joined()
  }
}

/// The tool calls of one request, cancelled together when the request's connection goes away.
final class CallCancellation: Sendable {
  private let state = Mutex<(cancelled: Bool, tasks: [Task<ToolOutput, Never>])>((false, []))

  /// Runs `body` as a task this object can cancel.
  func run(_ body: @escaping @Sendable () async -> ToolOutput) async -> ToolOutput {
    let task = Task { await body() }
    let cancelled = state.withLock { state in
      state.tasks.append(task)
      return state.cancelled
    }
    if cancelled { task.cancel() }
    return await task.value
  }

  /// Cancels every call, running or still to come.
  func cancel() {
    let tasks = state.withLock { state in
      state.cancelled = true
      return state.tasks
    }
    for task in tasks { task.cancel() }
  }
}
