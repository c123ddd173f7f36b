import OrderedCollections

/// What caw-tui recorded in a session's metadata about stream content it could not use: unknown event
/// or item types (kept in the raw output files) and lines that were not JSON objects.
public struct StreamProblems: Sendable, Equatable {
  /// Unknown event or item types with their counts, in first-seen order.
  public var unknownEvents: OrderedDictionary<String, Int>
  /// How many stdout lines were skipped.
  public var skippedLines: Int

  /// Reads the counts from trajectory metadata (`unknown_stream_events`, `skipped_stream_lines`).
  public init(_ metadata: JSONObject) {
    var unknown = OrderedDictionary<String, Int>()
    for (type, count) in metadata["unknown_stream_events"]?.objectValue ?? [:] {
      unknown[type] = count.numberValue?.intValue ?? 0
    }
    unknownEvents = unknown
    skippedLines = metadata["skipped_stream_lines"]?.numberValue?.intValue ?? 0
  }

  /// The total number of unknown events.
  public var unknownEventCount: Int { unknownEvents.values.reduce(0, +) }

  /// One line for people, nil when there is nothing to report.
  public var summary: String? {
    var parts: [String] = []
    if !unknownEvents.isEmpty {
      let list = unknownEvents.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
      parts.append("\(unknownEventCount) unknown event\(unknownEventCount == 1 ? "" : "s") kept in the raw output (\(list))")
    }
    if skippedLines > 0 {
      parts.append("\(skippedLines) non-JSON line\(skippedLines == 1 ? "" : "s") skipped")
    }
    return parts.isEmpty ? nil : parts.joined(separator: "; ")
  }
}
