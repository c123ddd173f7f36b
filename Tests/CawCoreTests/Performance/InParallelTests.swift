import CawCore
import Synchronization
import Testing

/// The list's parallel map: every item computed once, results in order, however few or many.
@Suite struct InParallelTests {
  @Test("each index is computed once and its result lands at its place", arguments: [0, 1, 2, 3, 63, 64, 65, 1000, 10_007])
  func everyIndexOnceInOrder(count: Int) {
    let calls = Mutex([Int](repeating: 0, count: count))
    let results = SessionReader.inParallel(count) { index -> String in
      calls.withLock { $0[index] += 1 }
      return "item \(index)"
    }
    #expect(results == (0..<count).map { "item \($0)" })
    #expect(calls.withLock { $0.allSatisfy { $0 == 1 } })
  }
}
