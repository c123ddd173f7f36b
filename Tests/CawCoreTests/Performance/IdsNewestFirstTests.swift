import Foundation
import TestSupport
import Testing

@testable import CawCore

/// The first screen's order, found from the head of each `trajectory.json`, is the full list's order.
@Suite struct IdsNewestFirstTests {
  @Test(
    "with a session without created_at, one without trajectory.json and a link, the order is the list's",
    arguments: [SyntheticShape.standard, .dense])
  func orderIsTheListsOrder(shape: SyntheticShape) throws {
    let tree = TempTree("caw-ids-newest")
    var synthetic = SyntheticTree(sessionCount: 30, largeSessionMegabytes: 0, seed: 5)
    synthetic.shape = shape
    let ids = try synthetic.write(to: tree.path)
    let sessions = tree.path + "/sessions/"
    // No created_at: sorted by its files' modification time, here the newest of all.
    let bare = sessions + ids[3] + "/trajectory.json"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: bare))
    var t = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    t["created_at"] = nil
    try JSONSerialization.data(withJSONObject: t).write(to: URL(fileURLWithPath: bare))
    let future = Date(timeIntervalSince1970: 4_000_000_000)
    for path in [bare, sessions + ids[3] + "/traj.jsonl", sessions + ids[3]] {
      try FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: path)
    }
    // Only traj.jsonl (a first turn still running): its time comes from its files, last written as it
    // started.
    let head = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: sessions + ids[5] + "/trajectory.json"))) as? [String: Any]
    let createdAt = try #require(head?["created_at"] as? String)
    let started = try #require(Timestamp.parse(createdAt))
    try FileManager.default.removeItem(atPath: sessions + ids[5] + "/trajectory.json")
    for path in [sessions + ids[5] + "/traj.jsonl", sessions + ids[5]] {
      let date = Date(timeIntervalSince1970: started)
      try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }
    // A link to another session's directory, inside the data directory.
    try FileManager.default.createSymbolicLink(atPath: sessions + "zz-link", withDestinationPath: sessions + ids[7])
    let reader = SessionReader(DataDirectory(tree.path))
    let listed = try reader.listSessions().map(\.id)
    #expect(listed.count == ids.count + 1)
    #expect(listed.first == ids[3])
    #expect(try reader.idsNewestFirst() == listed)
  }
}
