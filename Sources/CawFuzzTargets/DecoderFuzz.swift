import CawCore

/// `TrajectoryDecoder` and the exports: a decoded trajectory written as caw's file reads back to the
/// same bytes, and the Markdown transcript of anything holds no raw control or escape character.
enum DecoderFuzz {
  static let target = FuzzTarget(
    name: "decoder", summary: "TrajectoryDecoder: caw JSON round-trips byte for byte; Markdown holds no raw controls"
  ) { bytes in
    guard let read = try? Trajectory.read(bytes), let trajectory = read.trajectory else { return }
    let written = trajectory.trajectoryFileBytes()
    guard let again = try? Trajectory.read(written), let reread = again.trajectory else {
      require(false, "caw's file of a decoded trajectory does not decode")
      return
    }
    require(reread.trajectoryFileBytes() == written, "the export round trip changed the bytes")
    require(again.problems.isEmpty, "caw's own file has problems: \(again.problems)")
    let markdown = MarkdownTranscript.render(trajectory)
    let raw = TerminalSafety.rawCharacters(in: markdown, newlines: true)
    require(raw.isEmpty, "the Markdown transcript holds raw \(raw.map { String($0.value, radix: 16) })")
    require(ExportFormat.atif.bytes(trajectory).allSatisfy { $0 < 0x80 }, "ATIF is not ASCII")
  }
}
