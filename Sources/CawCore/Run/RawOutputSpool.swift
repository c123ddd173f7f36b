import Foundation
import SystemPackage

/// A turn's stdout lines, kept in a temporary file outside the data directory rather than in memory, so
/// a CLI that floods stdout cannot exhaust memory. Written as caw writes `NNN_raw_output.jsonl`: lines
/// joined by `"\n"`, no trailing newline. Writes are buffered; ``flush()`` before reading the file.
final class RawOutputSpool {
  /// The temporary file's path.
  let path: String
  private let file: FileDescriptor
  private var buffer: [UInt8] = []
  private(set) var lineCount = 0

  /// How much is buffered before a write.
  static let bufferSize = 256 * 1024

  /// Creates an empty spool file in the temporary directory.
  init() throws(CawError) {
    (file, path) = try TemporaryFile.create(prefix: "caw-tui-raw-", suffix: "")
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
    do { try file.writeAll(buffer) } catch { throw FileSystem.failure("cannot write", path, error) }
    buffer.removeAll(keepingCapacity: true)
  }

  deinit {
    try? file.close()
    unlink(path)
  }
}
