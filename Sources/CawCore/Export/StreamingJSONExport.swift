/// `export --format json` of a stored session without holding its text: `trajectory.json` is skimmed
/// with its content strings marked, the rest is decoded and written as caw writes it, and each string
/// is copied from the file into its place, re-escaped piece by piece. Memory follows the session's
/// structure, not its size; the bytes are those ``ExportFormat/json`` gives for the loaded session.
public struct StreamingJSONExport {
  private let skeleton: [UInt8]
  private let strings: ContentStrings

  /// Prepares the export of session `id`; nil when its `trajectory.json` is not what a read would use
  /// (missing, a link out of the session, unreadable, not a trajectory): export the loaded session then.
  ///
  /// - Throws: ``CawError`` for an unsafe id, or a file that cannot be opened after it was skimmed.
  public init?(session id: String, in reader: SessionReader) throws(CawError) {
    let session = try reader.dataDirectory.sessionPath(id)
    let file = session + "/trajectory.json"
    var reasons: [String] = []
    guard reader.linkEscape(session, inside: reader.dataDirectory.sessionsPath, named: "") == nil,
      reader.mayRead(file, sessionPath: session, reasons: &reasons), reasons.isEmpty
    else { return nil }
    let marker = ContentMarker()
    guard case .compact(let compact, let ranges, _)? = try? ContentSkimmer.skim(file: file, marking: marker),
      let read = try? Trajectory.read(compact), let trajectory = read.trajectory
    else { return nil }
    strings = try ContentStrings(path: file, ranges: ranges, marker: marker)
    skeleton = trajectory.trajectoryFileBytes()
  }

  /// Writes the export to `sink` in pieces.
  public func write(to sink: ([UInt8]) throws(CawError) -> Void) throws(CawError) {
    let prefix = strings.marker.writtenPrefix
    let suffix = Array("\\ue000\"".utf8)
    var copied = 0
    var searchFrom = 0
    while let found = skeleton[searchFrom...].firstRange(of: prefix) {
      var end = found.upperBound
      var index = 0
      while end < skeleton.count, let digit = skeleton[end].asciiDigit {
        index = index * 10 + digit
        end += 1
      }
      guard skeleton[end...].starts(with: suffix), index < strings.ranges.count else {
        searchFrom = found.upperBound
        continue
      }
      try sink(Array(skeleton[copied..<found.lowerBound]))
      try strings.writeEscaped(index, to: sink)
      copied = end + suffix.count
      searchFrom = copied
    }
    try sink(Array(skeleton[copied...]))
  }
}

extension UInt8 {
  fileprivate var asciiDigit: Int? {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) ? Int(self - UInt8(ascii: "0")) : nil
  }
}
