import Foundation

/// Files caw-tui writes outside the data directory (the CLIs' config files), as caw's `mkstemp` does.
enum TemporaryFile {
  /// Writes `bytes` to a new `<tmp>/<prefix>XXXXXX.json` readable only by the user and returns its path.
  static func write(_ bytes: [UInt8], prefix: String) throws(CawError) -> String {
    var template = Array((NSTemporaryDirectory() + "/" + prefix + "XXXXXX.json").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
    guard fd >= 0 else { throw CawError(.io, "cannot create a temporary file in \(NSTemporaryDirectory())") }
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    close(fd)
    try FileSystem.overwrite(bytes, to: path)
    return path
  }
}
