/// Checks a CLI resume key against its provider's id format before it goes anywhere near a command
/// line: a key from a handle, a stored trajectory or a stream could otherwise become a CLI option
/// (`--config=…` after codex's `exec resume`). Claude Code and codex ids are UUIDs; opencode's are
/// `ses_` and letters and digits.
public enum ResumeKey {
  /// Whether `key` has the form of `provider`'s session ids.
  public static func isValid(_ key: String, for provider: Provider) -> Bool {
    switch provider {
    case .claudeCode, .codex: return isUUID(key)
    case .opencode:
      let rest = key.utf8.dropFirst(4)
      return key.hasPrefix("ses_") && (1...64).contains(rest.count) && rest.allSatisfy(isAlphanumeric)
    }
  }

  /// Returns `key` when it is valid for `provider`.
  ///
  /// - Throws: ``CawError`` `.resume` naming the provider and the form expected.
  @discardableResult
  public static func validate(_ key: String, for provider: Provider) throws(CawError) -> String {
    guard isValid(key, for: provider) else {
      let expected: String
      switch provider {
      case .claudeCode: expected = "a Claude Code session id (a UUID)"
      case .codex: expected = "a Codex thread id (a UUID)"
      case .opencode: expected = "an opencode session id (ses_ and letters and digits)"
      }
      throw CawError(
        .resume, "invalid resume key \(PythonRepr.repr(key)) for \(provider.rawValue): it is not \(expected); refused")
    }
    return key
  }

  private static func isUUID(_ key: String) -> Bool {
    let bytes = Array(key.utf8)
    guard bytes.count == 36 else { return false }
    for (i, byte) in bytes.enumerated() {
      if [8, 13, 18, 23].contains(i) {
        guard byte == UInt8(ascii: "-") else { return false }
      } else if !isHexDigit(byte) {
        return false
      }
    }
    return true
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
  }
}
