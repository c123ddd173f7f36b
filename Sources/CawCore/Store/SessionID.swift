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
          "invalid session id '\(shown)': only letters, digits, '-', '_' and '.' are allowed"
            + " (a session directory named otherwise can be read, not resumed: it is read-only)")
      }
    }
    return id
  }

  /// Returns `name` if it can name an existing session directory to read: one path component that is
  /// not empty, `.` or `..`, does not start with a dot, and holds no `/`, NUL or control character.
  /// Sessions caw did not name (`weird name with spaces`) are listed, so they can be shown and exported
  /// by name too; writing into them still needs ``validate(_:)``.
  ///
  /// - Throws: ``CawError`` `.invalidSessionID` naming what is wrong.
  @discardableResult
  public static func validateForReading(_ name: String) throws(CawError) -> String {
    if (try? validate(name)) != nil { return name }
    let shown = TextSanitizer.singleLine(name, limit: 80)
    if name.isEmpty { throw CawError(.invalidSessionID, "invalid session id: it is empty") }
    if name.utf8.count > 255 {
      throw CawError(.invalidSessionID, "invalid session name '\(shown)': longer than a directory name can be")
    }
    if name.hasPrefix(".") {
      throw CawError(.invalidSessionID, "invalid session id '\(shown)': it may not start with '.'")
    }
    if name.utf8.contains(UInt8(ascii: "/")) || name.utf8.contains(UInt8(ascii: "\\")) {
      throw CawError(.invalidSessionID, "invalid session id '\(shown)': it may not contain a path separator")
    }
    if name.utf8.contains(0) { throw CawError(.invalidSessionID, "invalid session id '\(shown)': it contains a NUL byte") }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
      throw CawError(.invalidSessionID, "invalid session name '\(shown)': it contains control characters")
    }
    return name
  }
}
