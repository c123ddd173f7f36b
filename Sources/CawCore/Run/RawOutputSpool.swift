import Foundation

/// A turn's stdout lines, kept in a temporary file outside the data directory rather than in memory, so
/// a CLI that floods stdout cannot exhaust memory. Written as caw writes `NNN_raw_output.jsonl`: lines
/// joined by `"\n"`, no trailing newline. Writes are buffered; ``flush()`` before reading the file.
final class RawOutputSpool {
  /// The temporary file's path.
  let path: String
  private let fd: Int32
  private var buffer: [UInt8] = []
  private(set) var lineCount = 0

  /// How much is buffered before a write.
  static let bufferSize = 256 * 1024

  /// Creates an empty spool file in the temporary directory.
  init() throws(CawError) {
    var template = Array((NSTemporaryDirectory() + "/caw-tui-raw-XXXXXX").utf8CString)
    fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw CawError(.io, "cannot create a temporary file in \(NSTemporaryDirectory())") }
    path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    buffer.reserveCapacity(Self.bufferSize)
  }

  /// Appends one line.
  func append(_ line: [UInt8]) throws(CawError) {
    if lineCount > 0 { buffer.append(UInt8(ascii: "\n")) }
    buffer.append(contentsOf: line)
    lineCount += 1
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Writes what is buffered to the file.
  func flush() throws(CawError) {
    guard !buffer.isEmpty else { return }
    try FileSystem.writeAll(fd, buffer, path: path)
    buffer.removeAll(keepingCapacity: true)
  }

  deinit {
    close(fd)
    unlink(path)
  }
}
