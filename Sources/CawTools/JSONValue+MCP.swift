import CawCore
import Foundation
import MCP
import OrderedCollections

extension JSONValue {
  /// The value as the MCP SDK's `Value` (object keys lose their order there).
  var mcpValue: MCP.Value {
    switch self {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .number(.int(let number)): return .int(number)
    case .number(let number): return .double(number.doubleValue)
    case .string(let text): return .string(text)
    case .array(let items): return .array(items.map(\.mcpValue))
    case .object(let object): return .object(Dictionary(uniqueKeysWithValues: object.map { ($0.key, $0.value.mcpValue) }))
    }
  }

  /// An MCP `Value` as JSON; object keys sorted, since the SDK does not keep their order.
  init(mcp value: MCP.Value) {
    switch value {
    case .null: self = .null
    case .bool(let flag): self = .bool(flag)
    case .int(let number): self = .number(.int(number))
    case .double(let number): self = .number(.double(number))
    case .string(let text): self = .string(text)
    case .data(_, let data): self = .string(data.base64EncodedString())
    case .array(let items): self = .array(items.map(JSONValue.init(mcp:)))
    case .object(let object):
      self = .object(JSONObject(uniqueKeysWithValues: object.sorted { $0.key < $1.key }.map { ($0.key, JSONValue(mcp: $0.value)) }))
    }
  }
}
