import CawCore

/// `traj.jsonl` replay: skimmed equals full without text, and replaying the file from chunks equals
/// replaying its bytes in memory.
enum EventLogFuzz {
  private static let tree = FuzzSessionTree("log")

  static let target = FuzzTarget(
    name: "eventlog", summary: "EventLogReplay: skimmed = full without text; from a file = in memory"
  ) { bytes in
    let full = EventLogReplay(bytes)
    let skimmed = EventLogReplay(bytes, skimmingContent: true)
    require(skimmed.problems == full.problems, "skimmed problems \(skimmed.problems) != full \(full.problems)")
    require(skimmed.lineCount == full.lineCount && skimmed.parentTurnEnds == full.parentTurnEnds, "counts differ")
    require(skimmed.trajectory == full.trajectory.map(SkimFuzz.blankContent), "the skimmed replay differs beyond its text")
    tree.write("trajectory.json", nil)
    tree.write("traj.jsonl", bytes)
    let loaded = tree.reader.loadDirectory(named: "s")
    require(loaded.eventLog?.problems == full.problems, "the file replay's problems differ from the in-memory one's")
    require(loaded.eventLog?.trajectory == full.trajectory, "the file replay differs from the in-memory one")
  }
}
