import Foundation
import TestSupport

extension Tmux {
  /// The demo trees caw-tui has in the window's temporary directory.
  func demoTrees() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []).filter {
      $0.hasPrefix("caw-tui-demo-")
    }
  }

  /// Waits until no demo tree is left in the window's temporary directory; throws, naming what is left.
  func waitForDemoTreeRemoval(after what: String) throws {
    try waitUntil("the demo tree to be removed after \(what)", seconds: 10, observe: { "\(self.demoTrees())" }) {
      demoTrees().isEmpty
    }
  }
}
