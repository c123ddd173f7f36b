/// Writes exported files: atomically, and never over an existing file unless asked to.
public enum TrajectoryExport {
  /// Writes `bytes` to `path` via a temp file and rename.
  ///
  /// - Throws: ``CawError`` `.fileExists` when `path` exists and `overwrite` is false; `.io` on failure.
  public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(CawError) {
    if !overwrite, FileSystem.status(path) != nil {
      throw CawError(.fileExists, "\(path) already exists; use --force to replace it")
    }
    if FileSystem.isDirectory(path) { throw CawError(.io, "\(path) is a directory") }
    try FileSystem.writeAtomically(bytes, to: path)
  }
}
