import OrderedCollections

/// A `caw-tui run` or `resume` process that is recording a session, as listed in the ``RunRegistry``.
public struct RunRecord: Sendable, Hashable {
  /// The recording process.
  public var pid: Int32
  /// The kernel's start time of that process (clock ticks since boot), so a reused pid is not mistaken
  /// for the run.
  public var processStartTime: UInt64
  /// The session being recorded.
  public var sessionID: String
  /// The data directory it is recorded in (absolute).
  public var dataDirectory: String
  /// The provider's canonical name.
  public var provider: String
  /// When the run started (ISO 8601).
  public var startedAt: String

  /// Creates a record.
  public init(
    pid: Int32, processStartTime: UInt64, sessionID: String, dataDirectory: String, provider: String, startedAt: String
  ) {
    self.pid = pid
    self.processStartTime = processStartTime
    self.sessionID = sessionID
    self.dataDirectory = dataDirectory
    self.provider = provider
    self.startedAt = startedAt
  }

  /// The record as JSON.
  var jsonValue: JSONValue {
    [
      "pid": .number(.int(Int(pid))), "process_start_time": .number(.int(Int(processStartTime))),
      "session_id": .string(sessionID), "data_dir": .string(dataDirectory), "provider": .string(provider),
      "started_at": .string(startedAt),
    ]
  }

  /// Reads a record written by ``jsonValue``; nil when a field is missing.
  init?(json: JSONValue) {
    guard let pid = json["pid"]?.numberValue?.intValue, let start = json["process_start_time"]?.numberValue?.intValue,
      let session = json["session_id"]?.stringValue, let data = json["data_dir"]?.stringValue
    else { return nil }
    self.init(
      pid: Int32(truncatingIfNeeded: pid), processStartTime: UInt64(max(0, start)), sessionID: session,
      dataDirectory: data, provider: json["provider"]?.stringValue ?? "", startedAt: json["started_at"]?.stringValue ?? "")
  }

  /// Whether the recording process is still the one that registered.
  public var isAlive: Bool {
    ProcessInfoFile.startTime(of: pid) == processStartTime
  }
}
