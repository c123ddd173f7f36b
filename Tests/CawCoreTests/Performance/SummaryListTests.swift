import CawCore
import Foundation
import Testing

@Suite struct SummaryListTests {
  @Test func filtersIgnoringASCIICaseAndSortsStably() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("caw-list-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    try SyntheticTree(sessionCount: 60, largeSessionMegabytes: 0).write(to: root)
    let summaries = try SessionReader(DataDirectory(root)).listSessions()
    let list = SummaryList(summaries)

    #expect(list.rows(matching: "", order: .newest) == Array(summaries.indices))
    let migration = list.rows(matching: "MIGRATION", order: .newest)
    #expect(migration == summaries.indices.filter { summaries[$0].firstUserMessage.lowercased().contains("migration") })
    #expect(!migration.isEmpty && migration.count < summaries.count)
    let codex = list.rows(matching: "codex", order: .cost)
    #expect(Set(codex) == Set(summaries.indices.filter { summaries[$0].agent == "codex" || summaries[$0].model.contains("codex") }))
    #expect(zip(codex, codex.dropFirst()).allSatisfy { summaries[$0].totalUsage.cost >= summaries[$1].totalUsage.cost })
    let turns = list.rows(matching: "", order: .turns).map { summaries[$0].turnCount }
    #expect(turns == turns.sorted(by: >))
    #expect(list.rows(matching: "no such text anywhere", order: .errors).isEmpty)
  }
}
