import CawCore

/// The stream parsers of the three CLIs, fed the input line by line: whatever they make is a turn
/// caw's file can hold, written in ASCII.
enum StreamFuzz {
  static let target = FuzzTarget(
    name: "streams", summary: "Claude/Codex/opencode stream parsers: any line sequence gives a writable turn"
  ) { bytes in
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    for provider in Provider.allCases {
      var parser = StreamParsers.make(for: provider, model: "m")
      for line in lines {
        guard let event = StreamLine.event(Array(line)) else { continue }
        parser.consume(event)
      }
      let turn = parser.finished(pricing: .builtIn).turn(input: "in")
      let written = PythonJSONWriter.bytes(turn.jsonValue, style: .singleLine)
      require(written.allSatisfy { $0 < 0x80 }, "a \(provider) turn is not written in ASCII")
      require((try? JSONParser.parse(written)) != nil, "a \(provider) turn's JSON does not parse")
    }
  }
}
