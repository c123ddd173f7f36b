import OrderedCollections

/// What every native reader keeps while it streams records: the first and last record times, and the
/// records (or parts) of types it does not know, counted so they are reported rather than dropped.
struct RecordTally {
  var firstTime: Double?
  var lastTime: Double?
  /// Unknown types by name.
  var unknown: [String: Int] = [:]

  /// The record's time when its type is in `known` (widening the session's time span); nil, and the type
  /// counted, when it is not.
  mutating func admit(_ record: JSONObject, type: String, known: Set<String>) -> Double?? {
    guard known.contains(type) else {
      count(type.isEmpty ? "(no type)" : type)
      return nil
    }
    let time = record["timestamp"]?.stringValue.flatMap(Timestamp.parse)
    if let time { note(time) }
    return .some(time)
  }

  /// Widens the session's time span to `time`.
  mutating func note(_ time: Double) {
    firstTime = min(firstTime ?? time, time)
    lastTime = max(lastTime ?? time, time)
  }

  /// Counts one record or part of an unknown type.
  mutating func count(_ name: String) {
    unknown[name, default: 0] += 1
  }

  /// The counts for `metadata.native.unknown_record_types`, nil when there are none.
  var unknownJSON: JSONValue? {
    unknown.isEmpty
      ? nil
      : .object(JSONObject(uniqueKeysWithValues: unknown.sorted { $0.key < $1.key }.map { ($0.key, .number(.int($0.value))) }))
  }

  /// One problem per unknown type, located at `location`.
  func problems(at location: String, noun: String = "record") -> [ReadProblem] {
    unknown.sorted { $0.key < $1.key }.map { type, count in
      ReadProblem(
        location: location,
        message: "\(count) \(noun)(s) of unknown type '\(TextSanitizer.singleLine(type, limit: 60))' counted and skipped")
    }
  }
}

extension LoadedSession {
  /// A native session before it is read: broken until a trajectory is set.
  init(native origin: SessionOrigin, id: String, path: String, source: Source) {
    self.init(
      id: id, path: path, trajectory: nil, source: source, status: .broken, brokenReason: nil, problems: [], eventLog: nil,
      lastModified: NativeStores.modificationTime(path))
    self.origin = origin
  }
}
