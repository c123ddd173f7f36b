/// The formats a trajectory can be exported in.
public enum ExportFormat: String, Sendable, CaseIterable {
  /// caw's own `trajectory.json` (readable and resumable by Python caw).
  case json
  /// A readable Markdown transcript.
  case markdown
  /// Harbor's Agent Trajectory Interchange Format (ATIF v1.8) JSON.
  case atif

  /// The usual file extension.
  public var fileExtension: String {
    switch self {
    case .json: return "json"
    case .markdown: return "md"
    case .atif: return "atif.json"
    }
  }

  /// The trajectory in this format.
  public func bytes(_ trajectory: Trajectory) -> [UInt8] {
    switch self {
    case .json: return trajectory.trajectoryFileBytes()
    case .markdown: return Array(MarkdownTranscript.render(trajectory).utf8)
    case .atif: return PythonJSONWriter.bytes(AtifDocument.make(trajectory), style: .indented) + [0x0A]
    }
  }
}
