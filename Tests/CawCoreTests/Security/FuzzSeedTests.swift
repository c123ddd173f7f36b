import OrderedCollections
import Foundation
import Testing
import TestSupport

/// Issue 12, item 9: every fuzz target's invariants hold on its committed seed corpus (the long runs
/// under libFuzzer are `.ci/run`'s fuzz step and the README's command).
@Suite("Fuzz targets replay their seed corpora")
struct FuzzSeedTests {
  static let targets = ["json", "skim", "decoder", "eventlog", "streams", "import", "handles", "sanitizer"]

  /// The `caw-fuzz` executable built next to `caw-tui`.
  static let cawFuzz = URL(fileURLWithPath: ProcessRun.cawTUI).deletingLastPathComponent().appendingPathComponent("caw-fuzz").path

  @Test("each target replays its corpus with no invariant broken", arguments: targets)
  func replay(_ target: String) throws {
    let corpus = ProcessRun.packageRoot + "/Fuzz/Corpus/" + target
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus)
    #expect(files.count >= 3, "the \(target) corpus is almost empty")
    #expect(try files.contains { try FileManager.default.attributesOfItem(atPath: corpus + "/" + $0)[.size] as? Int ?? 0 > 65536 },
      "the \(target) corpus has no input over 64 KiB")
    let run = try ProcessRun.run(Self.cawFuzz, [target, "--replay", corpus])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("\(files.count) inputs replayed"))
  }
}
