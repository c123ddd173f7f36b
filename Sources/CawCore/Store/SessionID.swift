/// Checks that a session id is a plain directory name before it is joined to any path.
public enum SessionID {
  /// Longest id accepted (caw's ids are 36 characters).
  public static let maxLength = 128

  /// Returns `id` if it is a plain name: ASCII letters, digits, `-`, `_` and `.`, not starting with a dot.
  ///
  /// - Throws: ``CawError`` `.invalidSessionID` naming what is wrong, for `..`, `/`, NUL, an empty id
  ///   and anything else that could leave the sessions directory.
  @discardableResult
  public static func validate(_ id: String) throws(CawError) -> String {
    let shown = TextSanitizer.singleLine(id, limit: 80)
    if id.isEmpty { throw CawError(.invalidSessionID, "invalid session id: it is empty") }
    if id.utf8.count > maxLength {
      throw CawError(.invalidSessionID, "invalid session id '\(shown)': longer than \(maxLength) characters")
    }
    if id.hasPrefix(".") {
      throw CawError(.invalidSessionID, "invalid session id '\(shown)': it may not start with '.'")
    }
    for byte in id.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
        continue
      case UInt8(ascii: "/"), UInt8(ascii: "\\"):
        throw CawError(.invalidSessionID, "invalid session id '\(shown)': it may not contain a path separator")
      case 0:
        throw CawError(.invalidSessionID, "invalid session id '\(shown)': it contains a NUL byte")
      default:
        throw CawError(
          .invalidSessionID,
          "invalid session id '\(shown)': only letters, digits, '-', '_' and '.' are allowed")
      }
    }
    return id
  }
}
