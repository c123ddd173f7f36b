import CawCore

/// `JSONParser` and `PythonJSONWriter`: what parses is written in both of caw's layouts as ASCII, and
/// reads back to the same bytes.
enum JSONFuzz {
  static let target = FuzzTarget(
    name: "json", summary: "JSONParser + PythonJSONWriter: written output is ASCII and round-trips byte for byte"
  ) { bytes in
    guard let value = try? JSONParser.parse(bytes) else { return }
    for style in [PythonJSONWriter.Style.indented, .singleLine] {
      let written = PythonJSONWriter.bytes(value, style: style)
      require(written.allSatisfy { $0 < 0x80 }, "the writer wrote a non-ASCII byte")
      guard let again = try? JSONParser.parse(written) else {
        require(false, "the writer's output does not parse")
        return
      }
      require(PythonJSONWriter.bytes(again, style: style) == written, "writing what was read back changed the bytes")
    }
  }
}
