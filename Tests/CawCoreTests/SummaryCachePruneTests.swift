@testable import CawCore
import Foundation
import Testing
import TestSupport

/// The index files of data directories that are gone do not pile up in the cache directory.
@Suite struct SummaryCachePruneTests {
  @Test("an index whose data directory was deleted is removed the next time any index is written")
  func deletedDataDirectoriesArePruned() throws {
    let tree = TempTree()
    let cache = SummaryCache(directory: tree.path + "/cache")
    for name in ["kept", "deleted"] { try DemoTree.write(to: tree.path + "/" + name, now: 1_795_000_000) }
    let kept = SessionReader(DataDirectory(tree.path + "/kept"))
    let deleted = SessionReader(DataDirectory(tree.path + "/deleted"))
    _ = try kept.listSessions(cache: cache)
    _ = try deleted.listSessions(cache: cache)
    let keptFile = try #require(cache.file(for: kept.dataDirectory))
    let deletedFile = try #require(cache.file(for: deleted.dataDirectory))
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: cache.directory)) == Set([keptFile, deletedFile].map { FileSystem.baseName(of: $0) }))
    // An index of an older layout (it names no directory, so it can never be used again) and a file that
    // is not an index at all.
    tree.write("cache/summaries-00000000000000ff.bin", "caw-tui summaries 1\nwhatever")
    tree.write("cache/notes.txt", "not ours")

    try FileManager.default.removeItem(atPath: tree.path + "/deleted")
    try FileManager.default.removeItem(atPath: tree.path + "/kept/sessions/8b7e6d5c-4a39-4281-b706-f5e4d3c2b1a0")
    #expect(try kept.listSessions(cache: cache).count == 6)
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: cache.directory)) == [FileSystem.baseName(of: keptFile), "notes.txt"])
    #expect(try kept.listSessions(cache: cache).count == 6)
  }

  @Test("an index file names its data directory, and one written for another directory is not used")
  func indexNamesItsDirectory() throws {
    let tree = TempTree()
    let cache = SummaryCache(directory: tree.path + "/cache")
    try DemoTree.write(to: tree.path + "/a", now: 1_795_000_000)
    try DemoTree.write(to: tree.path + "/b", now: 1_795_000_000)
    let a = DataDirectory(tree.path + "/a")
    let b = DataDirectory(tree.path + "/b")
    _ = try SessionReader(a).listSessions(cache: cache)
    #expect(!cache.load(for: a).isEmpty)
    // As if b's path hashed to a's file name: the entries are a's, so b must not take them.
    try FileManager.default.copyItem(atPath: try #require(cache.file(for: a)), toPath: try #require(cache.file(for: b)))
    #expect(cache.load(for: b).isEmpty)
  }
}
