/// Stands in for a content string that a marking skim (``ContentSkimmer``) left in the file: the string
/// `U+E000 <nonce> : <index> U+E000`, with a nonce drawn per read so no text in the file can pose as one.
struct ContentMarker: Sendable {
  private let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 16)

  /// The marker of string `index` as JSON string content (all ASCII: `\ue000` escapes).
  func escaped(_ index: Int) -> [UInt8] {
    Array("\\ue000\(nonce):\(index)\\ue000".utf8)
  }

  /// How ``PythonJSONWriter`` writes the start of any marker of this read: a quote and the escaped prefix.
  var writtenPrefix: [UInt8] {
    Array("\"\\ue000\(nonce):".utf8)
  }

  /// The index a marker string stands for, nil when `text` is not one of this read's markers.
  func index(of text: String) -> Int? {
    guard text.utf8.count < 64, text.hasPrefix("\u{E000}\(nonce):"), text.hasSuffix("\u{E000}") else { return nil }
    return Int(text.dropFirst(nonce.count + 2).dropLast())
  }
}
