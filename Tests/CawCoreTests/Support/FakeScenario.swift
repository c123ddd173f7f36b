import OrderedCollections
import CawCore
import Foundation
import TestSupport

/// A data directory and a scenario file for the fake CLIs, and the stream lines the scenarios use.
struct FakeScenario {
  /// The fakes, pointed at the scenario.
  let fakes: FakeCLIs
  /// The data directory under the tree.
  let data: String

  /// Writes `entries` (in the fakes' scenario format) into `tree`.
  init(_ tree: TempTree, _ entries: [[String: Any]]) throws {
    let json = try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted])
    tree.write("scenario.json", String(decoding: json, as: UTF8.self))
    fakes = FakeCLIs(scenario: tree.path + "/scenario.json", log: tree.path + "/fake.log", home: tree.path)
    data = tree.path + "/data"
  }

  /// One scenario entry: the fake `provider` answers prompts containing `match` with `lines`.
  static func entry(_ provider: String, _ match: String, _ lines: [String], extra: [String: Any] = [:]) -> [String: Any] {
    ["provider": provider, "match": match, "lines": lines].merging(extra) { _, new in new }
  }

  /// A claude turn answering `text`, with `extra` lines after the init line.
  static func claudeLines(_ text: String, extra: [String] = []) -> [String] {
    let quoted = PythonJSONWriter.string(.string(text), style: .singleLine)
    return [#"{"type":"system","subtype":"init","session_id":"{SESSION_ID}","model":"claude-sonnet-4-5","tools":[]}"#]
      + extra + [
        #"{"type":"assistant","message":{"id":"msg_1","role":"assistant","content":[{"type":"text","text":\#(quoted)}]},"session_id":"{SESSION_ID}"}"#,
        #"{"type":"result","subtype":"success","is_error":false,"duration_ms":1200,"result":\#(quoted),"session_id":"{SESSION_ID}","total_cost_usd":0.0042,"usage":{"input_tokens":11,"output_tokens":7,"cache_read_input_tokens":300,"cache_creation_input_tokens":20}}"#,
      ]
  }

  /// Runs `caw-tui` with `arguments` in the fakes' environment.
  func run(_ arguments: [String], extra: [String: String] = [:]) throws -> ProcessResult {
    try ProcessRun.run(ProcessRun.cawTUI, arguments, environment: fakes.environment(extra: extra))
  }
}
