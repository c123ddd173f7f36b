/// How a line of CLI output is read: stripped of surrounding whitespace, then parsed as one JSON object.
package enum StreamLine {
  /// The JSON object on the line, nil for a blank line, non-JSON text, or JSON that is not an object.
  package static func event(_ bytes: [UInt8]) -> JSONObject? {
    guard !isBlank(bytes) else { return nil }
    return (try? JSONParser.parse(bytes))?.objectValue
  }

  /// Whether the line holds only whitespace.
  static func isBlank(_ bytes: [UInt8]) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A || $0 == 0x0B || $0 == 0x0C }
  }
}
