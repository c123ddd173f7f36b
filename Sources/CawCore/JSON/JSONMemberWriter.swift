/// A ``JSONMemberSink`` that writes objects byte for byte as ``PythonJSONWriter`` writes them, without
/// building a ``JSONValue`` of each (a listing of 10,000 summaries is written this way).
public struct JSONMemberWriter: JSONMemberSink {
  /// What has been written.
  public var bytes: [UInt8] = []
  private let style: PythonJSONWriter.Style
  private var level: Int
  private var first = true

  /// A writer of values nested `level` deep in a document of `style`.
  public init(style: PythonJSONWriter.Style, level: Int = 0, capacity: Int = 0) {
    self.style = style
    self.level = level
    bytes.reserveCapacity(capacity)
  }

  /// Writes an object whose members `body` adds, at the writer's level.
  public mutating func object(_ body: (inout JSONMemberWriter) -> Void) {
    bytes.append(UInt8(ascii: "{"))
    let (outerFirst, outerLevel) = (first, level)
    (first, level) = (true, level + 1)
    body(&self)
    let empty = first
    (first, level) = (outerFirst, outerLevel)
    // An empty object is `{}` in both styles, as Python writes it.
    if empty { bytes.append(UInt8(ascii: "}")) } else { PythonJSONWriter.close(UInt8(ascii: "}"), style: style, level: level, into: &bytes) }
  }

  /// Writes the member.
  public mutating func add(_ key: StaticString, _ value: JSONValue) {
    self.key(key)
    PythonJSONWriter.write(value, style: style, level: level, into: &bytes)
  }

  /// Writes the member whose value is the object `body` writes.
  public mutating func addObject(_ key: StaticString, _ body: (inout JSONMemberWriter) -> Void) {
    self.key(key)
    object(body)
  }

  private mutating func key(_ key: StaticString) {
    PythonJSONWriter.separator(first: first, style: style, level: level, into: &bytes)
    first = false
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    bytes.append(contentsOf: "\": ".utf8)
  }
}
