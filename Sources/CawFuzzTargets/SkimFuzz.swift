import CawCore

/// The three ways `trajectory.json` is read agree: skimmed (list, show) equals the full read with its
/// content left out; the marked read (large files, bounded views) equals the full read; the streamed
/// `export --format json` equals the export of the full read, byte for byte.
enum SkimFuzz {
  private static let tree = FuzzSessionTree("skim")

  static let target = FuzzTarget(
    name: "skim", summary: "ContentSkimmer: skimmed = full without text, marked = full, streamed export = export"
  ) { bytes in
    tree.write("trajectory.json", bytes)
    let reader = tree.reader
    let full = reader.loadDirectory(named: "s")
    let skimmed = reader.loadDirectory(named: "s", skimmingContent: true)
    let file = tree.data + "/sessions/s/trajectory.json"
    let fullFile = reader.readTrajectory(file, sessionPath: tree.data + "/sessions/s", skimmingContent: false)
    require(skimmed.problems == full.problems, "skimmed problems \(skimmed.problems) != full \(full.problems)")
    require(skimmed.brokenReason == full.brokenReason, "skimmed \(String(describing: skimmed.brokenReason)) != full \(String(describing: full.brokenReason))")
    require(skimmed.source == full.source, "skimmed read another file")
    require(skimmed.trajectory == full.trajectory.map(blankContent), "the skimmed trajectory differs beyond its text")
    if let marked = reader.readMarked(file, budget: .unlimited) {
      require(marked.problems == fullFile.problems, "marked problems \(marked.problems) != full \(fullFile.problems)")
      require(marked.reasons == fullFile.reasons, "marked \(marked.reasons) != full \(fullFile.reasons)")
      require(marked.trajectory == fullFile.trajectory, "the marked trajectory differs")
    }
    var streamed: [UInt8] = []
    let export = try? StreamingJSONExport(session: "s", in: reader)
    let didStream = export != nil
    do { try export?.write { streamed += $0 } } catch { require(false, "the streamed export failed: \(error)") }
    if full.source == .trajectoryFile, let trajectory = full.trajectory {
      require(didStream, "a readable trajectory.json was not streamed")
      require(streamed == ExportFormat.json.bytes(trajectory), "the streamed export differs from the export")
    } else {
      require(!didStream, "an unusable trajectory.json was streamed")
    }
  }

  /// `trajectory` with its text, thinking and tool output emptied, as a skimmed read gives them.
  static func blankContent(_ trajectory: Trajectory) -> Trajectory {
    (try? trajectory.mappingContent { _ in "" }) ?? trajectory
  }
}
