/// What the search index reads off a session's stamps.
extension SessionStamps {
  /// The size of `trajectory.json` (0 when missing).
  var trajectoryFileSize: Int { Int(values[7]) }

  /// The newest modification time of the directory and its two files, as ``SessionReader`` computes it.
  var lastModified: Double {
    stride(from: 0, to: 21, by: 7).map { Double(values[$0 + 2]) + Double(values[$0 + 3]) / 1e9 }.max() ?? 0
  }
}
