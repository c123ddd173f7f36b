import Foundation

/// The marker caw's subagent MCP tool appends to its result, `"\n<!-- caw_traj:<uuid> -->"`, which caw
/// removes from the tool output at turn end (spec §3.7); the raw output file keeps it.
public enum SubagentMarker {
  /// The marker naming the subagent trajectory `id`.
  public static func marker(for id: String) -> String {
    "\n<!-- caw_traj:\(id) -->"
  }

  /// The trajectory id of the marker `output` ends with, if any.
  public static func id(in output: String) -> String? {
    guard let range = markerRange(output) else { return nil }
    let marker = output[range]
    let start = marker.index(marker.startIndex, offsetBy: "\n<!-- caw_traj:".count)
    let end = marker.index(marker.endIndex, offsetBy: -" -->".count)
    return String(marker[start..<end])
  }

  /// `output` without a trailing marker.
  public static func strip(_ output: String) -> String {
    guard let range = markerRange(output) else { return output }
    return String(output[..<range.lowerBound])
  }

  /// The turn's blocks with every tool output's marker removed.
  public static func strip(_ blocks: [ContentBlock]) -> [ContentBlock] {
    blocks.map { block in
      guard case .toolUse(var call) = block else { return block }
      call.output = strip(call.output)
      return .toolUse(call)
    }
  }

  /// Where the trailing marker is: caw's `\n<!-- caw_traj:([\w-]+) -->$`.
  private static func markerRange(_ output: String) -> Range<String.Index>? {
    guard output.hasSuffix(" -->") else { return nil }
    return output.range(of: #"\n<!-- caw_traj:[\w-]+ -->$"#, options: .regularExpression)
  }
}
