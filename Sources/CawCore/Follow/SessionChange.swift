/// What changed in a data directory, or in the agents' own stores, since the last report.
public struct SessionChange: Sendable, Hashable {
  /// Sessions whose files were written (or that appeared or disappeared).
  public var sessionIDs: Set<String>
  /// Whether the set of session directories itself changed.
  public var listChanged: Bool
  /// Files of the agents' own stores that were written, appeared or went (``NativeWatcher``).
  public var nativeFiles: Set<String>

  /// Creates a change report.
  public init(sessionIDs: Set<String> = [], listChanged: Bool = false, nativeFiles: Set<String> = []) {
    self.sessionIDs = sessionIDs
    self.listChanged = listChanged
    self.nativeFiles = nativeFiles
  }

  /// Whether nothing changed.
  public var isEmpty: Bool { sessionIDs.isEmpty && !listChanged && nativeFiles.isEmpty }
}
