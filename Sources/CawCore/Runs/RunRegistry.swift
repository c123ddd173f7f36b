import Foundation

/// Where running `caw-tui run` / `resume` processes list themselves, so any caw-tui (a TUI started later
/// included) can show which sessions are being recorded and stop them. It lives outside the data
/// directory: `$XDG_RUNTIME_DIR/caw-tui/runs`, else `<tmp>/caw-tui-<uid>/runs`, one `<pid>.json` per run.
public struct RunRegistry: Sendable {
  /// The registry directory.
  public let directory: String

  /// The registry for this user.
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    if let runtime = environment["CAW_TUI_RUNS_DIR"], !runtime.isEmpty {
      directory = runtime
    } else if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty, FileSystem.isDirectory(runtime) {
      directory = runtime + "/caw-tui/runs"
    } else {
      directory = NSTemporaryDirectory() + "/caw-tui-\(getuid())/runs"
    }
  }

  /// Lists this process as recording `sessionID`; returns the record (remove it with ``unregister(_:)``).
  @discardableResult
  public func register(sessionID: String, dataDirectory: String, provider: Provider, now: Date = Date()) throws(CawError)
    -> RunRecord
  {
    try FileSystem.makeDirectories(directory)
    chmod(directory, 0o700)
    let pid = getpid()
    let record = RunRecord(
      pid: pid, processStartTime: ProcessInfoFile.startTime(of: pid) ?? 0, sessionID: sessionID,
      dataDirectory: URL(fileURLWithPath: dataDirectory).standardizedFileURL.path, provider: provider.rawValue,
      startedAt: ISOTime.string(secondsSince1970: now.timeIntervalSince1970))
    try FileSystem.writeAtomically(PythonJSONWriter.bytes(record.jsonValue, style: .singleLine), to: path(record.pid))
    return record
  }

  /// Removes a run's entry.
  public func unregister(_ record: RunRecord) {
    unlink(path(record.pid))
  }

  /// The runs still alive, oldest first; entries of runs that ended without unregistering are removed.
  public func activeRuns() -> [RunRecord] {
    let names = (try? FileSystem.list(directory)) ?? []
    var runs: [RunRecord] = []
    for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
      let file = directory + "/" + name
      guard let bytes = try? FileSystem.read(file), let json = try? JSONParser.parse(bytes),
        let record = RunRecord(json: json)
      else { continue }
      if record.isAlive { runs.append(record) } else { unlink(file) }
    }
    return runs.sorted { ($0.startedAt, $0.pid) < ($1.startedAt, $1.pid) }
  }

  /// The live run recording `sessionID` in `dataDirectory`, if any.
  public func run(recording sessionID: String, in dataDirectory: String) -> RunRecord? {
    let data = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
    return activeRuns().first { $0.sessionID == sessionID && $0.dataDirectory == data }
  }

  /// Asks a run to stop as Ctrl-C would: it terminates its CLI's process group and keeps what it recorded.
  public func stop(_ record: RunRecord) throws(CawError) {
    guard record.isAlive else { return }
    guard kill(record.pid, SIGINT) == 0 else {
      throw CawError(.io, "cannot signal run \(record.pid): \(String(cString: strerror(errno)))")
    }
  }

  private func path(_ pid: Int32) -> String { "\(directory)/\(pid).json" }
}
