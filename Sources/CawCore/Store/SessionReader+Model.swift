import OrderedCollections

/// The model of a claude session rebuilt from `traj.jsonl`, which caw writes before the CLI names it.
extension SessionReader {
  /// The model claude's CLI named in the `system`/`init` event of the session's first raw output file,
  /// as caw records it in `trajectory.json` when no model was configured; nil when there is none.
  ///
  /// Only the first 64 KiB of that file are read: the init event is its first line.
  func claudeModelFromRawOutput(sessionPath: String) -> String? {
    let turns = sessionPath + "/turns"
    guard let names = try? FileSystem.list(turns) else { return nil }
    let outputs = names.compactMap { name -> (Int, String)? in
      guard name.hasSuffix("_raw_output.jsonl"), let number = Int(name.prefix { $0.isASCII && $0.isNumber }) else {
        return nil
      }
      return (number, name)
    }
    guard let first = outputs.min(by: { $0.0 < $1.0 }),
      linkEscape(turns + "/" + first.1, inside: sessionPath, named: "the session directory") == nil,
      let head = FileSystem.readPrefix(turns + "/" + first.1, count: 64 << 10)
    else { return nil }
    for line in head.split(separator: UInt8(ascii: "\n")) {
      guard let event = (try? JSONParser.parse(Array(line)))?.objectValue,
        event["type"]?.stringValue == "system", event["subtype"]?.stringValue == "init"
      else { continue }
      return event["model"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }
    return nil
  }
}
