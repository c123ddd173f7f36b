import Foundation
import GRDB

/// The text chunks of the sessions written in one transaction of ``SQLiteSearchIndex``, packed on other
/// threads while the writer goes on, and written before the transaction commits (so no search sees a
/// block without its text). Used only by the index's one writer.
final class ChunkQueue: @unchecked Sendable {
  private var waiting: [PackingChunk] = []
  /// Where chunks are packed: threads the writer starts, so they run at its priority (idle behind a UI,
  /// as ``SessionService`` writes the index, at full speed for a command that waits for it).
  private let packers = WorkerThreads(
    count: max(ProcessInfo.processInfo.activeProcessorCount, 2), name: "caw-packing", idle: false)
  /// At most this many chunks wait; beyond it the oldest is written at once.
  private static let limit = 32

  /// Starts packing `bytes`, the text of chunk `row`.
  func pack(row: Int64, _ bytes: [UInt8]) -> PackingChunk { PackingChunk(row: row, bytes, on: packers) }

  /// Takes the chunks of a session whose blocks were written (its savepoint released).
  func adopt(_ chunks: [PackingChunk], _ db: Database) throws {
    waiting += chunks
    while waiting.count > Self.limit { try write(waiting.removeFirst(), db) }
  }

  /// Writes every waiting chunk (before the transaction commits).
  func writeAll(_ db: Database) throws {
    let all = waiting
    waiting = []
    for chunk in all { try write(chunk, db) }
  }

  /// Drops the chunks of a transaction that was rolled back.
  func discard() { waiting = [] }

  private func write(_ chunk: PackingChunk, _ db: Database) throws {
    let packed = chunk.wait()
    let statement = try db.cachedStatement(sql: "INSERT INTO texts(id, data) VALUES (?, ?)")
    try statement.execute(arguments: [chunk.row, packed.withUnsafeBytes { Data($0) }])
  }
}
