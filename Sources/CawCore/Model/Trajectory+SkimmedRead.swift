import OrderedCollections

extension Trajectory {
  /// The skimmed copy of `trajectory.json` (``ContentSkimmer``) read as ``read(_:file:skimmingContent:)``
  /// reads it, with the same trajectory and problems; a large one has its turns parsed and decoded on
  /// every core. Anything the parts cannot give exactly (a turn that does not parse, an array that is
  /// not only turns) is read whole instead.
  static func readSkimmed(
    _ compact: [UInt8], turns spans: ContentSkimmer.TurnSpans?, file: String = "trajectory.json",
    partsFrom: Int = partsFrom
  ) throws(JSONParseError) -> (trajectory: Trajectory?, problems: [ReadProblem]) {
    guard let spans, compact.count >= partsFrom, spans.elements.count >= 2,
      let read = readInParts(compact, spans, file: file)
    else { return try read(compact, file: file, skimmingContent: true) }
    return read
  }

  /// The size of a skimmed copy from which its turns are read on every core.
  static let partsFrom = 4 << 20

  /// Whether the array's brackets hold the elements and nothing else but commas and whitespace.
  private static func onlyTurns(_ spans: ContentSkimmer.TurnSpans, in bytes: [UInt8]) -> Bool {
    guard bytes[spans.open] == UInt8(ascii: "["), bytes[spans.close] == UInt8(ascii: "]") else { return false }
    var previous = spans.open + 1
    for (n, element) in spans.elements.enumerated() {
      guard element.lowerBound >= previous else { return false }
      var commas = 0
      for byte in bytes[previous..<element.lowerBound] {
        switch byte {
        case UInt8(ascii: ","): commas += 1
        case 0x20, 0x0A, 0x0D, 0x09: break
        default: return false
        }
      }
      guard commas == (n == 0 ? 0 : 1) else { return false }
      previous = element.upperBound
    }
    return bytes[previous..<spans.close].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
  }

  /// The document without its turns parsed on this thread, each turn parsed and decoded on its own on
  /// every core; nil when the array holds more than turns or a part does not parse.
  static func readInParts(
    _ compact: [UInt8], _ spans: ContentSkimmer.TurnSpans, file: String = "trajectory.json"
  ) -> (trajectory: Trajectory?, problems: [ReadProblem])? {
    guard onlyTurns(spans, in: compact) else { return nil }
    struct Part: Sendable {
      var turn: Turn?
      var problems: [ReadProblem]
      var invalidUTF8: Bool
    }
    // A turn stands two levels down in its document: its own depth is counted from there.
    let turnDepth = JSONParser.defaultMaxDepth - 2
    let read = SessionReader.inParallel(spans.elements.count) { i -> Part? in
      guard let (value, invalid) = try? JSONParser.parseSkimmedTurn(compact[spans.elements[i]], maxDepth: turnDepth)
      else { return nil }
      var decoder = TrajectoryDecoder(file: file)
      let turn = decoder.turnElement(value, path: "turns[\(i)]")
      return Part(turn: turn, problems: decoder.problems, invalidUTF8: invalid)
    }
    let parts = read.compactMap { $0 }
    guard parts.count == read.count else { return nil }
    let skeleton = Array(compact[...spans.open]) + compact[spans.close...]
    guard let (value, invalid) = try? JSONParser.parseReportingUTF8(skeleton, skimmingContent: true),
      let object = value.objectValue,
      // The emptied array is the `turns` the document's object keeps (not another of the same name).
      object["turns"]?.arrayValue?.isEmpty == true
    else { return nil }
    var decoder = TrajectoryDecoder(file: file)
    let trajectory = decoder.topLevel(object) { decoder in
      parts.compactMap { part in
        decoder.adopt(part.problems)
        return part.turn
      }
    }
    var problems = decoder.problems
    if invalid || parts.contains(where: \.invalidUTF8) { problems.insert(invalidUTF8Problem(file), at: 0) }
    return (trajectory, problems)
  }
}
