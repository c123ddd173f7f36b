import Foundation

/// The marker caw's subagent MCP tool appends to its result, `"\n<!-- caw_traj:<uuid> -->"`, which caw
/// removes from the tool output at turn end (spec §3.7); the raw output file keeps it.
enum SubagentMarker {
  /// `output` without a trailing marker.
  static func strip(_ output: String) -> String {
    guard output.hasSuffix(" -->"), let range = output.range(
      of: #"\n<!-- caw_traj:[\w-]+ -->$"#, options: .regularExpression)
    else { return output }
    return String(output[..<range.lowerBound])
  }

  /// The turn's blocks with every tool output's marker removed.
  static func strip(_ blocks: [ContentBlock]) -> [ContentBlock] {
    blocks.map { block in
      guard case .toolUse(var call) = block else { return block }
      call.output = strip(call.output)
      return .toolUse(call)
    }
  }
}
