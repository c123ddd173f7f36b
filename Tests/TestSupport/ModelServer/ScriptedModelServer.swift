import CawCore
import Foundation
import OrderedCollections

/// A model server for the real agent CLIs, answering from a ``ModelScript``: the Anthropic Messages API
/// (`POST /v1/messages`, also `count_tokens`) and the OpenAI Responses API (`POST /v1/responses`), both
/// streamed as server-sent events, and `GET /v1/models`. It listens on 127.0.0.1 on a free port, logs every
/// request, and stops when released (or ``stop()``). The server is Tests/ModelServer/scripted_model_server.py.
public final class ScriptedModelServer: @unchecked Sendable {
  /// The port it listens on.
  public let port: Int
  /// The request log (one JSON object a line).
  public let logPath: String
  private let process: Process
  private let stdin: Pipe
  private let directory: TempTree

  /// Starts a server answering from `script`; throws when python3 is missing or it does not start.
  public init(_ script: ModelScript) throws {
    directory = TempTree("caw-model-server")
    let scriptPath = directory.path + "/script.json"
    logPath = directory.path + "/requests.jsonl"
    directory.write("script.json", PythonJSONWriter.string(script.json, style: .indented))
    _ = FileManager.default.createFile(atPath: logPath, contents: Data())
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", ProcessRun.packageRoot + "/Tests/ModelServer/scripted_model_server.py", scriptPath, logPath]
    stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { throw InteropError("could not start the scripted model server (needs python3): \(error)") }
    var line = Data()
    while let byte = try stdout.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 0x0A {
      line.append(first)
    }
    guard let port = Int(String(decoding: line, as: UTF8.self)) else {
      process.terminate()
      throw InteropError("the scripted model server did not report its port (got \(String(decoding: line, as: UTF8.self)))")
    }
    self.port = port
  }

  deinit { stop() }

  /// Stops the server (it exits when its stdin closes) and waits for it.
  public func stop() {
    guard process.isRunning else { return }
    try? stdin.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  /// The base URL for `ANTHROPIC_BASE_URL`.
  public var anthropicBaseURL: String { "http://127.0.0.1:\(port)" }
  /// The base URL for an OpenAI provider's `base_url`.
  public var openAIBaseURL: String { "http://127.0.0.1:\(port)/v1" }

  /// Every request received so far, in order.
  public func requests() throws -> [ModelRequest] {
    let bytes = Array((FileManager.default.contents(atPath: logPath) ?? Data()))
    return try bytes.split(separator: 0x0A).map { line in
      guard let object = try JSONParser.parse(Array(line)).objectValue else {
        throw InteropError("model server log line is not an object")
      }
      return ModelRequest(object)
    }
  }

  /// The model calls (Messages or Responses requests) received so far.
  public func modelCalls() throws -> [ModelRequest] {
    try requests().filter { $0.api == "anthropic" || $0.api == "openai" }
  }
}

/// One request the scripted model server received.
public struct ModelRequest: Sendable {
  /// Its position in the log, from 1.
  public var sequence: Int
  /// `GET`, `POST`, ...
  public var method: String
  /// The path with its query.
  public var path: String
  /// `anthropic`, `openai`, `count_tokens`, `models`, `stall` (a stalled response began), or `unknown`.
  public var api: String
  /// The prompt the reply was chosen by.
  public var prompt: String
  /// How many tool results followed the prompt.
  public var toolResults: Int
  /// The index of the rule that answered, -1 for the fallback.
  public var rule: Int
  /// The HTTP status sent.
  public var status: Int
  /// The request's JSON body.
  public var body: JSONValue
  /// The request headers, names in lower case.
  public var headers: [String: String]

  init(_ object: JSONObject) {
    func int(_ key: String) -> Int { object[key]?.numberValue?.intValue ?? 0 }
    sequence = int("seq")
    method = object["method"]?.stringValue ?? ""
    path = object["path"]?.stringValue ?? ""
    api = object["api"]?.stringValue ?? ""
    prompt = object["prompt"]?.stringValue ?? ""
    toolResults = int("step")
    rule = object["rule"]?.numberValue?.intValue ?? -1
    status = int("status")
    body = object["body"] ?? .null
    var headers: [String: String] = [:]
    for (name, value) in object["headers"]?.objectValue ?? [:] { headers[name] = value.stringValue ?? "" }
    self.headers = headers
  }

  /// Every text the conversation in this request carries (messages and input items, user and assistant,
  /// tool results), in order: what a resumed request must repeat of the earlier turns.
  public var conversationTexts: [String] {
    var texts: [String] = []
    func collect(_ value: JSONValue) {
      switch value {
      case .string(let text): texts.append(text)
      case .array(let items): items.forEach(collect)
      case .object(let object):
        for key in ["text", "content", "output", "input", "arguments", "summary"] {
          if let inner = object[key] { collect(inner) }
        }
      default: break
      }
    }
    collect(body["messages"] ?? body["input"] ?? .null)
    return texts
  }
}
