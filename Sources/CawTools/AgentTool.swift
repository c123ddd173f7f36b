import OrderedCollections
import CawCore

/// A tool of ours an agent can call (caw's `@tool` on a ToolKit method): a name, a description, a JSON
/// Schema for its input and an async handler. It reaches the agent CLI through a ``ToolServer``.
///
/// ```swift
/// let add = AgentTool(
///   name: "add", description: "Add two integers",
///   inputSchema: AgentTool.objectSchema(["a": .integer, "b": .integer])
/// ) { arguments in
///   let a = arguments["a"]?.numberValue?.intValue ?? 0, b = arguments["b"]?.numberValue?.intValue ?? 0
///   return .text(String(a + b))
/// }
/// ```
public struct AgentTool: Sendable {
  /// The handler: the call's arguments in, the answer out. A thrown error becomes an error answer
  /// `Error executing tool <name>: <error>`, as caw's FastMCP servers answer.
  public typealias Handler = @Sendable (JSONObject) async throws -> ToolOutput

  /// The tool's name as the agent sees it (after the CLI's own prefix, e.g. `mcp__calc__add`).
  public var name: String
  /// What the tool does; the model reads this to decide when to call it.
  public var description: String
  /// The JSON Schema of the arguments: an object schema.
  public var inputSchema: JSONValue
  /// Runs a call.
  public var handler: Handler

  /// Creates a tool.
  public init(name: String, description: String, inputSchema: JSONValue, handler: @escaping Handler) {
    self.name = name
    self.description = description
    self.inputSchema = inputSchema
    self.handler = handler
  }

  /// JSON Schema types for ``objectSchema(_:optional:)``: `string`, `integer`, `number`, `boolean`,
  /// `array`, `object`.
  public enum ParameterType: String, Sendable {
    case string, integer, number, boolean, array, object
  }

  /// An object schema with the given properties, all required except `optional` ones (the shape
  /// FastMCP derives from a Python signature).
  public static func objectSchema(
    _ properties: KeyValuePairs<String, ParameterType>, optional: Set<String> = []
  ) -> JSONValue {
    var props = JSONObject()
    for (name, type) in properties { props[name] = .object(["type": .string(type.rawValue)]) }
    let required = properties.map(\.key).filter { !optional.contains($0) }
    return .object(["type": "object", "properties": .object(props), "required": .array(required.map(JSONValue.string))])
  }

  /// Runs the handler, turning a thrown error into an error answer.
  func call(_ arguments: JSONObject) async -> ToolOutput {
    do {
      return try await handler(arguments)
    } catch is CancellationError {
      return .error("Error executing tool \(name): cancelled")
    } catch {
      return .error("Error executing tool \(name): \(error)")
    }
  }
}
