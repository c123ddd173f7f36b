import Foundation

/// The kernel's table of file locks (`/proc/locks`), to see that a process waits for a lock.
public enum FileLocks {
  /// The table as the kernel prints it.
  public static func table() -> String {
    (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
  }

  /// Whether some process is blocked waiting for a lock on the file with inode `inode` (a `->` line).
  public static func hasWaiter(inode: UInt64) -> Bool {
    table().split(separator: "\n").contains { line in
      let fields = line.split(separator: " ")
      guard fields.contains("->") else { return false }
      // The device and inode field reads MAJOR:MINOR:INODE.
      return fields.contains { $0.split(separator: ":").count == 3 && $0.split(separator: ":").last == "\(inode)" }
    }
  }
}
