import OrderedCollections
import CawCore
import Foundation
import MCP
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The HTTP listener our MCP servers share: 127.0.0.1 on a port the kernel picks, one path per
/// server (`/mcp/<name>/<128-bit token>`), HTTP/1.1 with keep-alive, SwiftNIO underneath.
///
/// A request for an unknown path gets 404; the Host and Origin headers must name 127.0.0.1 or
/// localhost on this port (no DNS rebinding); bodies over 16 MiB get 413.
public final class ToolHTTPServer: Sendable {
  /// The port it listens on.
  public let port: Int
  private let endpoints = Mutex<[String: MCPEndpoint]>([:])
  private let channel: any Channel
  private let acceptLoop = Mutex<Task<Void, Never>?>(nil)

  /// The largest request body accepted.
  static let maxBody = 16 << 20

  private init(port: Int, channel: any Channel) {
    self.port = port
    self.channel = channel
  }

  /// Starts listening on 127.0.0.1.
  public static func start() async throws -> ToolHTTPServer {
    let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 64)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .bind(host: "127.0.0.1", port: 0) { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
        }
      }
    guard let port = listener.channel.localAddress?.port else {
      try? await listener.channel.close()
      throw CawError(.io, "the MCP listener has no port")
    }
    let server = ToolHTTPServer(port: port, channel: listener.channel)
    let loop = Task { [server] in
      _ = try? await withThrowingDiscardingTaskGroup { group in
        try await listener.executeThenClose { connections in
          for try await connection in connections {
            group.addTask { await server.serve(connection) }
          }
        }
      }
    }
    server.acceptLoop.withLock { $0 = loop }
    return server
  }

  /// The URL clients reach `endpoint` at once it is added.
  func url(of endpoint: MCPEndpoint) -> String { "http://127.0.0.1:\(port)\(endpoint.path)" }

  /// Starts answering on the endpoint's path.
  func add(_ endpoint: MCPEndpoint) {
    endpoints.withLock { $0[endpoint.path] = endpoint }
  }

  /// Stops answering on the endpoint's path (404 from then on).
  func remove(_ endpoint: MCPEndpoint) {
    _ = endpoints.withLock { $0.removeValue(forKey: endpoint.path) }
  }

  /// Closes the listener and every connection.
  public func stop() async {
    endpoints.withLock { $0.removeAll() }
    try? await channel.close()
    let loop = acceptLoop.withLock { $0 }
    loop?.cancel()
    await loop?.value
  }

  // MARK: - Connections

  private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
    let closed = connection.channel.closeFuture
    try? await connection.executeThenClose { inbound, outbound in
      var head: HTTPRequestHead?
      var body = ByteBuffer()
      var tooLarge = false
      for try await part in inbound {
        switch part {
        case .head(let next):
          head = next
          body.clear()
          tooLarge = false
        case .body(var chunk):
          if body.readableBytes + chunk.readableBytes > Self.maxBody { tooLarge = true } else { body.writeBuffer(&chunk) }
        case .end:
          guard let request = head else { continue }
          head = nil
          let response: HTTPResponse
          if tooLarge {
            response = .error(statusCode: 413, .invalidRequest("Request body too large"))
          } else {
            response = await answer(request, body: body, closed: closed)
          }
          try await write(response, version: request.version, keepAlive: request.isKeepAlive, to: outbound)
          if !request.isKeepAlive { return }
        }
      }
    }
  }

  /// The answer to one request; the work is cancelled if the connection closes first.
  private func answer(_ head: HTTPRequestHead, body: ByteBuffer, closed: EventLoopFuture<Void>) async -> HTTPResponse {
    let path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "")
    guard let endpoint = endpoints.withLock({ $0[path] }) else {
      return .error(statusCode: 404, .invalidRequest("Not Found"))
    }
    var headers: [String: String] = [:]
    for (name, value) in head.headers {
      headers[name] = headers[name].map { $0 + ", " + value } ?? value
    }
    let request = HTTPRequest(
      method: head.method.rawValue, headers: headers,
      body: body.readableBytes > 0 ? Data(body.readableBytesView) : nil, path: path)
    let port = self.port
    let work = Task { await endpoint.respond(to: request, port: port) }
    closed.whenComplete { _ in work.cancel() }
    return await work.value
  }

  private func write(
    _ response: HTTPResponse, version: HTTPVersion, keepAlive: Bool,
    to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
  ) async throws {
    var headers = HTTPHeaders()
    for (name, value) in response.headers { headers.add(name: name, value: value) }
    headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
    let status = HTTPResponseStatus(statusCode: response.statusCode)
    switch response {
    case .stream(let chunks, _):
      headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
      try await outbound.write(.head(HTTPResponseHead(version: version, status: status, headers: headers)))
      for try await chunk in chunks { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk)))) }
    default:
      let body = response.bodyData ?? Data()
      headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
      try await outbound.write(.head(HTTPResponseHead(version: version, status: status, headers: headers)))
      if !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
    }
    try await outbound.write(.end(nil))
  }
}
