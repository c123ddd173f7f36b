import Foundation
import TestSupport

/// Points a `caw-tui` run at the fake `claude`, `codex` and `opencode` of Tests/Interop/fakebin, which
/// replay the scenario file and log every invocation (argv, stdin, config files) to a log file.
struct FakeCLIs {
  /// The scenario file the fakes answer from.
  let scenario: String
  /// The invocation log the fakes append to.
  let log: String
  /// A private directory for `$CAW_HOME` and `$XDG_CONFIG_HOME`.
  let home: String

  /// The fakes' directory.
  static let fakebin = ProcessRun.packageRoot + "/Tests/Interop/fakebin"

  /// The environment a `caw-tui` child process needs; `pythonDirectory` (the interpreter the fakes'
  /// `#!/usr/bin/env python3` should find first) is optional.
  func environment(pythonDirectory: String? = nil, extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    let path = [Self.fakebin, pythonDirectory].compactMap { $0 } + [environment["PATH"] ?? "/usr/bin:/bin"]
    environment["PATH"] = path.joined(separator: ":")
    environment["CAW_FAKE_SCENARIO"] = scenario
    environment["CAW_FAKE_LOG"] = log
    environment["CAW_HOME"] = home + "/caw_home"
    environment["XDG_CONFIG_HOME"] = home + "/config"
    for name in ["CAW_PROVIDER", "CAW_MODEL", "CAW_EFFORT", "OPENCODE_CONFIG", "CAW_TUI_PRICING"] {
      environment.removeValue(forKey: name)
    }
    environment.merge(extra) { _, new in new }
    return environment
  }

  /// The invocations logged so far, one JSON object each.
  func invocations() throws -> [[String: Any]] {
    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").map { line in
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw InteropError("fake CLI log line is not an object: \(line)")
      }
      return object
    }
  }
}
