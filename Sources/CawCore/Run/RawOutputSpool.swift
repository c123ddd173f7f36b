import Foundation

/// A turn's stdout lines, kept in a temporary file outside the data directory rather than in memory, so
/// a CLI that floods stdout cannot exhaust memory. Written as caw writes `NNN_raw_output.jsonl`: lines
/// joined by `"\n"`, no trailing newline.
final class RawOutputSpool {
  /// The temporary file's path.
  let path: String
  private let handle: FileHandle
  private(set) var lineCount = 0

  /// Creates an empty spool file in the temporary directory.
  init() throws(CawError) {
    var template = Array((NSTemporaryDirectory() + "/caw-tui-raw-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw CawError(.io, "cannot create a temporary file in \(NSTemporaryDirectory())") }
    path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
  }

  /// Appends one line.
  func append(_ line: [UInt8]) throws(CawError) {
    do {
      if lineCount > 0 { try handle.write(contentsOf: [UInt8(ascii: "\n")]) }
      try handle.write(contentsOf: line)
    } catch {
      throw CawError(.io, "cannot write the temporary file \(path): \(error)")
    }
    lineCount += 1
  }

  deinit {
    try? handle.close()
    unlink(path)
  }
}
