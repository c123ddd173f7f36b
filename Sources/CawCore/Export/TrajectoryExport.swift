import SystemPackage

/// Writes exported files: atomically, and never over an existing file unless asked to.
public enum TrajectoryExport {
  /// Writes `bytes` to `path` via a temp file and rename.
  ///
  /// - Throws: ``CawError`` `.fileExists` when `path` exists and `overwrite` is false; `.io` on failure.
  public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(CawError) {
    try write(to: path, overwrite: overwrite) { (write) throws(CawError) in try write(bytes) }
  }

  /// Writes what `fill` hands its writer to `path` via a temp file and rename, piece by piece; returns
  /// the number of bytes written.
  ///
  /// - Throws: ``CawError`` `.fileExists` when `path` exists and `overwrite` is false; `.io` on failure.
  @discardableResult
  public static func write(
    to path: String, overwrite: Bool,
    _ fill: (_ write: ([UInt8]) throws(CawError) -> Void) throws(CawError) -> Void
  ) throws(CawError) -> Int {
    if !overwrite, FileSystem.status(path) != nil {
      throw CawError(.fileExists, "\(path) already exists; use --force to replace it", path: path, errno: .fileExists)
    }
    if FileSystem.isDirectory(path) { throw CawError(.io, "\(path) is a directory", path: path) }
    var count = 0
    try OpenDirectory.open(FileSystem.parent(of: path)).replace(FileSystem.baseName(of: path), sync: true) {
      (file) throws(CawError) in
      try fill { (bytes) throws(CawError) in
        do { try file.writeAll(bytes) } catch { throw FileSystem.failure("cannot write", path, error) }
        count += bytes.count
      }
    }
    return count
  }
}
