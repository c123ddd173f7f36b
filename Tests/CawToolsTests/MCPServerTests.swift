import CawCore
import Foundation
import MCP
import OrderedCollections
import Testing

@testable import CawTools

/// Our MCP servers through the SDK's own client (`HTTPClientTransport`, JSON answers) and raw HTTP.
@Suite("MCP tool servers")
struct MCPServerTests {
  /// `add` and `fail`, and `wait`, which blocks until cancelled and records that it was.
  static func calc(started: Flag? = nil, cancelled: Flag? = nil) -> ToolServer {
    let add = AgentTool(
      name: "add", description: "Add two integers", inputSchema: AgentTool.objectSchema(["a": .integer, "b": .integer])
    ) { arguments in
      let a = arguments["a"]?.numberValue?.intValue ?? 0
      let b = arguments["b"]?.numberValue?.intValue ?? 0
      return .text(String(a + b))
    }
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
    let fail = AgentTool(name: "fail", description: "Always fails", inputSchema: AgentTool.objectSchema([:])) { _ in
      throw Boom()
    }
    let wait = AgentTool(name: "wait", description: "Waits", inputSchema: AgentTool.objectSchema([:])) { _ in
      started?.set()
      do {
        try await Task.sleep(for: .seconds(60))
      } catch {
        cancelled?.set()
        throw error
      }
      return .text("done")
    }
    return ToolServer(name: "calc", displayName: "Calculator", tools: [add, fail, wait])
  }

  static func connect(_ url: String) async throws -> Client {
    let client = Client(name: "caw-tui-tests", version: "1")
    _ = try await client.connect(transport: HTTPClientTransport(endpoint: URL(string: url)!, streaming: false))
    return client
  }

  @Test("initialize, list and call tools with the SDK's client")
  func listAndCall() async throws {
    let host = try await ToolHost.start(toolServers: [Self.calc()])
    defer { Task { await host.stop() } }
    #expect(host.mcpServers.count == 1)
    let server = try #require(host.mcpServers.first)
    #expect(server.name == "calc")
    #expect(server.url.hasPrefix("http://127.0.0.1:"))
    #expect(server.url.range(of: #"/mcp/calc/[0-9a-f]{32}$"#, options: .regularExpression) != nil)

    let client = try await Self.connect(server.url)
    let tools = try await client.listTools().tools
    #expect(tools.map(\.name) == ["add", "fail", "wait"])
    #expect(tools[0].description == "Add two integers")
    #expect(tools[0].inputSchema.objectValue?["required"] == .array(["a", "b"]))
    #expect(tools[0].outputSchema?.objectValue?["required"] == .array(["result"]))

    let sum = try await client.send(CallTool.request(.init(name: "add", arguments: ["a": 2, "b": 3]))).value
    #expect(sum.content == [.text(text: "5", annotations: nil, _meta: nil)])
    #expect(sum.structuredContent == .object(["result": "5"]))
    #expect(sum.isError == false)

    let failed = try await client.callTool(name: "fail", arguments: [:])
    #expect(failed.content == [.text(text: "Error executing tool fail: boom", annotations: nil, _meta: nil)])
    #expect(failed.isError == true)

    await #expect(throws: (any Error).self) { _ = try await client.callTool(name: "nope", arguments: [:]) }
    await client.disconnect()
  }

  @Test("unknown paths get 404, foreign Host headers 421, and a stopped host refuses connections")
  func refusals() async throws {
    let host = try await ToolHost.start(toolServers: [Self.calc()])
    let url = try #require(host.mcpServers.first?.url)
    let port = try #require(URL(string: url)?.port)
    let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#

    let wrong = try await RawHTTP.post(port: port, path: "/mcp/calc/0000", body: initialize)
    #expect(wrong.status == 404)
    let rebound = try await RawHTTP.post(port: port, path: URL(string: url)!.path, body: initialize, host: "evil.example:\(port)")
    #expect(rebound.status == 421)
    let ok = try await RawHTTP.post(port: port, path: URL(string: url)!.path, body: initialize)
    #expect(ok.status == 200)
    #expect(ok.body.contains(#""serverInfo""#) && ok.body.contains("Calculator"))

    await host.stop()
    await #expect(throws: (any Error).self) { _ = try await RawHTTP.post(port: port, path: "/", body: initialize) }
  }

  @Test("a call whose connection closes is cancelled")
  func cancellation() async throws {
    let started = Flag()
    let cancelled = Flag()
    let host = try await ToolHost.start(toolServers: [Self.calc(started: started, cancelled: cancelled)])
    defer { Task { await host.stop() } }
    let address = try #require(host.mcpServers.first?.url)
    let url = try #require(URL(string: address))
    let call = #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"wait","arguments":{}}}"#
    let socket = try RawHTTP.open(port: url.port!)
    try RawHTTP.send(socket, RawHTTP.request(port: url.port!, path: url.path, body: call))
    try await Self.waitUntil("the tool call started") { started.isSet }
    close(socket)
    try await Self.waitUntil("the tool call was cancelled after its connection closed") { cancelled.isSet }
  }

  /// Polls `condition` until it holds; fails with `what` after 10 s.
  static func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
      guard ContinuousClock.now < deadline else {
        Issue.record("timed out waiting until \(what)")
        return
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }

  @Test("names the CLIs would reject are refused before anything listens")
  func badNames() async throws {
    await #expect(throws: CawError.self) {
      _ = try await ToolHost.start(toolServers: [ToolServer(name: "has space", tools: [])])
    }
    await #expect(throws: CawError.self) {
      _ = try await ToolHost.start(toolServers: [Self.calc(), Self.calc()])
    }
    await #expect(throws: CawError.self) {
      _ = try await ToolHost.start(subagents: [AgentSpec(name: "a b"), AgentSpec(name: "a?b")])
    }
  }
}

/// HTTP/1.1 by hand, to send what a client library would not (a foreign Host, a closed connection).
enum RawHTTP {
  struct Response { var status: Int; var body: String }

  static func request(port: Int, path: String, body: String, host: String? = nil) -> String {
    "POST \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nContent-Type: application/json\r\n"
      + "Accept: application/json, text/event-stream\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
  }

  static func open(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
      close(fd)
      throw POSIXError(.ECONNREFUSED)
    }
    return fd
  }

  static func send(_ fd: Int32, _ text: String) throws {
    let bytes = Array(text.utf8)
    guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else { throw POSIXError(.EIO) }
  }

  static func post(port: Int, path: String, body: String, host: String? = nil) async throws -> Response {
    let fd = try open(port: port)
    defer { close(fd) }
    try send(fd, request(port: port, path: path, body: body, host: host))
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 { break }
      received += chunk[0..<n]
    }
    let text = String(decoding: received, as: UTF8.self)
    let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
    let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    return Response(status: status, body: body)
  }
}

/// A flag tests set from a tool handler and wait on.
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
