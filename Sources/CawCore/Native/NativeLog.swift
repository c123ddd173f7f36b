import OrderedCollections
import Glibc
import SystemPackage

/// Reads an agent's JSON-lines file one record at a time, in bounded chunks, without ever blocking or
/// writing: it is opened non-blocking and read only when it is a regular file (a FIFO or a device is
/// refused), and a line that is not a JSON object becomes a problem, never a failure of the whole file.
enum NativeLog {
  /// What reading a file found besides its records.
  struct Outcome {
    /// Lines that were not JSON objects, with where and why.
    var problems: [ReadProblem] = []
    /// Bytes read.
    var size = 0
  }

  /// Calls `body` with each JSON object of the file at `path` (blank lines skipped) and its 1-based line
  /// number. Lines starting with one of `skipPrefixes` are passed over unparsed (their count is returned in
  /// `skipped`), so a store's bulky bookkeeping records cost no parsing.
  ///
  /// - Throws: ``CawError`` when the file cannot be opened or is not a regular file.
  static func forEachRecord(
    in path: String, skipPrefixes: [[UInt8]] = [], skipped: inout Int, _ body: (JSONObject, Int) -> Void
  ) throws(CawError) -> Outcome {
    let fd = try openRegular(path)
    defer { close(fd) }
    var outcome = Outcome()
    var lineNumber = 0
    var skippedLines = 0
    let name = FileSystem.baseName(of: path)
    outcome.size = try LineReader.forEachLine(ofDescriptor: fd, path: path) { line in
      lineNumber += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
      if skipPrefixes.contains(where: { line.starts(with: $0) }) {
        skippedLines += 1
        return
      }
      let value: JSONValue
      do throws(JSONParseError) {
        value = try JSONParser.parse(line)
      } catch {
        if outcome.problems.count < 50 {
          outcome.problems.append(ReadProblem(location: "\(name) line \(lineNumber)", message: "not JSON (\(error.reason)); skipped"))
        }
        return
      }
      guard let object = value.objectValue else {
        if outcome.problems.count < 50 {
          outcome.problems.append(
            ReadProblem(location: "\(name) line \(lineNumber)", message: "\(value.typeName), not an object; skipped"))
        }
        return
      }
      body(object, lineNumber)
    }
    skipped += skippedLines
    return outcome
  }

  /// Opens `path` for reading when it is a regular file (a link to one is followed); never blocks.
  static func openRegular(_ path: String) throws(CawError) -> Int32 {
    try FileSystem.openForReading(path).0.rawValue
  }

  /// The whole of a small regular file (a JSON side file), or nil when it cannot be read or exceeds `limit`.
  static func readSmallFile(_ path: String, limit: Int = 16 << 20) -> [UInt8]? {
    guard let fd = try? openRegular(path) else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { return nil }
      if n == 0 { return bytes }
      bytes += chunk[..<n]
      if bytes.count > limit { return nil }
    }
  }
}
