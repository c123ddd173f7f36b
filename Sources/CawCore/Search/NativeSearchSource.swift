/// One session of an agent's own store as the search index takes it: its id, its files' stamps (it is
/// read again only when they change), and how to read it.
public struct NativeSearchSource: Sendable {
  /// The session id, as the list shows it.
  public var id: String
  /// The store it lives in.
  public var origin: SessionOrigin
  /// `lstat` stamps of the files it is read from (size first).
  public var stamps: [Int64]
  /// Reads the session whole.
  public var load: @Sendable () -> LoadedSession

  /// A source from its parts.
  public init(id: String, origin: SessionOrigin, stamps: [Int64], load: @escaping @Sendable () -> LoadedSession) {
    self.id = id
    self.origin = origin
    self.stamps = stamps
    self.load = load
  }

  /// The bytes of its files (the first of each file's stamps).
  var bytes: Int {
    stride(from: 0, to: stamps.count, by: 6).reduce(0) { $0 + Int(max(stamps[$1], 0)) }
  }
}
