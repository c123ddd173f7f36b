import OrderedCollections
import CawCore
import Foundation

extension AgentSpec {
  /// The keys an agents file may use: caw's `AgentSpec` field names plus our `provider` and `tier`.
  static let fileKeys: Set<String> = [
    "name", "description", "system_prompt", "model", "reasoning", "tools", "mcp_servers", "subagents", "metadata",
    "provider", "tier",
  ]

  /// Reads an agents file: a JSON array of spec objects (`run --agents FILE`).
  /// - Throws: ``CawError`` naming the file and the JSON path of the first problem.
  public static func load(file path: String) throws(CawError) -> [AgentSpec] {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw CawError(.io, "cannot read \(path): \(error.localizedDescription)")
    }
    let json: JSONValue
    do { json = try JSONParser.parse(data) } catch { throw CawError(.invalidArgument, "\(path): not JSON: \(error)") }
    return try specs(from: json, file: path)
  }

  /// Specs from the JSON of an agents file.
  public static func specs(from json: JSONValue, file: String = "agents") throws(CawError) -> [AgentSpec] {
    guard let items = json.arrayValue else {
      throw CawError(.invalidArgument, "\(file): expected a JSON array of agent specs")
    }
    var specs: [AgentSpec] = []
    for (index, item) in items.enumerated() { specs.append(try AgentSpec(json: item, at: "\(file)[\(index)]")) }
    return specs
  }

  /// One spec object; `location` names it in errors.
  init(json: JSONValue, at location: String) throws(CawError) {
    guard let object = json.objectValue else { throw CawError(.invalidArgument, "\(location): expected an object") }
    if let unknown = object.keys.first(where: { !Self.fileKeys.contains($0) }) {
      let hint = unknown == "tool_servers" ? " (tool servers are Swift code: give them through CawTools' AgentSpec)" : ""
      throw CawError(.invalidArgument, "\(location): unknown key '\(unknown)'\(hint)")
    }
    func string(_ key: String) throws(CawError) -> String {
      guard let value = object[key], value != .null else { return "" }
      guard let text = value.stringValue else { throw CawError(.invalidArgument, "\(location).\(key): expected a string") }
      return text
    }
    self.init(
      name: try string("name"), description: try string("description"), systemPrompt: try string("system_prompt"),
      model: try string("model"), reasoning: try string("reasoning"))
    guard !name.isEmpty else { throw CawError(.invalidArgument, "\(location).name: a subagent needs a name") }
    let provider = try string("provider")
    if !provider.isEmpty {
      guard let known = Provider(name: provider) else {
        throw CawError(
          .invalidArgument,
          "\(location).provider: unknown provider '\(provider)' (claude_code, claude, cc, codex or opencode)")
      }
      self.provider = known
    }
    let tier = try string("tier")
    if !tier.isEmpty {
      guard let known = ModelTier(rawValue: tier) else {
        throw CawError(.invalidArgument, "\(location).tier: unknown tier '\(tier)'. Valid tiers: strongest, fast")
      }
      guard model.isEmpty else { throw CawError(.invalidArgument, "\(location): give model or tier, not both") }
      self.tier = known
    }
    switch object["tools"] {
    case nil, .null?: break
    case .string(let names)?: tools = try ToolGroup(names: names)
    case .array(let items)?:
      let names = items.compactMap(\.stringValue)
      guard names.count == items.count else {
        throw CawError(.invalidArgument, "\(location).tools: expected tool group names")
      }
      tools = try ToolGroup(names: names.joined(separator: ","))
    default:
      throw CawError(.invalidArgument, "\(location).tools: expected a list of tool groups or a comma-separated string")
    }
    if let servers = object["mcp_servers"], servers != .null {
      guard let list = servers.arrayValue else { throw CawError(.invalidArgument, "\(location).mcp_servers: expected an array") }
      for (index, server) in list.enumerated() {
        mcpServers.append(try Self.mcpServer(server, at: "\(location).mcp_servers[\(index)]"))
      }
    }
    if let nested = object["subagents"], nested != .null {
      guard let list = nested.arrayValue else { throw CawError(.invalidArgument, "\(location).subagents: expected an array") }
      for (index, item) in list.enumerated() {
        subagents.append(try AgentSpec(json: item, at: "\(location).subagents[\(index)]"))
      }
    }
    if let metadata = object["metadata"], metadata != .null {
      guard let dictionary = metadata.objectValue else {
        throw CawError(.invalidArgument, "\(location).metadata: expected an object")
      }
      self.metadata = dictionary
    }
  }

  /// An `MCPServer` object: `name`, and `url` or `command` (+ `args`, `env`).
  static func mcpServer(_ json: JSONValue, at location: String) throws(CawError) -> MCPServer {
    guard let object = json.objectValue, let name = object["name"]?.stringValue, !name.isEmpty else {
      throw CawError(.invalidArgument, "\(location): expected an object with a name")
    }
    var server = MCPServer(name: name, command: object["command"]?.stringValue ?? "", url: object["url"]?.stringValue ?? "")
    server.args = object["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
    for (key, value) in object["env"]?.objectValue ?? [:] { server.env[key] = value.stringValue ?? "" }
    guard server.url.isEmpty != server.command.isEmpty else {
      throw CawError(.invalidArgument, "\(location): give either url or command")
    }
    return server
  }
}
