import Foundation
import SystemPackage

/// Files caw-tui writes outside the data directory (the CLIs' config files, raw output spools), as
/// caw's `mkstemp` does: created new, readable only by the user, and written through the descriptor
/// that created them, never reopened by name.
enum TemporaryFile {
  /// Creates a new `<tmp>/<prefix>XXXXXX<suffix>` and returns it open for writing, with its path.
  static func create(prefix: String, suffix: String) throws(CawError) -> (FileDescriptor, path: String) {
    let directory = NSTemporaryDirectory()
    var template = Array((directory + "/" + prefix + "XXXXXX" + suffix).utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(suffix.utf8.count)) }
    guard fd >= 0, fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else {
      throw CawError(.io, "cannot create a temporary file in \(directory)", path: directory, errno: Errno(rawValue: errno))
    }
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return (FileDescriptor(rawValue: fd), path)
  }

  /// Writes `bytes` to a new `<tmp>/<prefix>XXXXXX.json` readable only by the user and returns its path.
  static func write(_ bytes: [UInt8], prefix: String) throws(CawError) -> String {
    let (file, path) = try create(prefix: prefix, suffix: ".json")
    do {
      _ = try file.closeAfter { try file.writeAll(bytes) }
    } catch {
      unlink(path)
      throw FileSystem.failure("cannot write", path, error)
    }
    return path
  }
}
