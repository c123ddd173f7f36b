import Foundation

/// One run of an agent CLI: the exact argv, environment, stdin and working directory.
public struct Invocation: Sendable, Equatable {
  /// The program: a bare name looked up on `PATH`, or an absolute path.
  public var executable: String
  /// The arguments after the program name.
  public var arguments: [String]
  /// Variables added to (or replacing) the inherited environment.
  public var environmentOverrides: [String: String]
  /// Text written to stdin before it is closed; nil connects stdin to `/dev/null`.
  public var standardInput: String?
  /// The directory to run in; nil for the current one.
  public var workingDirectory: String?
  /// Warnings about settings the CLI cannot honour exactly (caw logs the same ones).
  public var warnings: [String]

  /// Creates an invocation.
  public init(
    executable: String, arguments: [String], environmentOverrides: [String: String] = [:],
    standardInput: String? = nil, workingDirectory: String? = nil, warnings: [String] = []
  ) {
    self.executable = executable
    self.arguments = arguments
    self.environmentOverrides = environmentOverrides
    self.standardInput = standardInput
    self.workingDirectory = workingDirectory
    self.warnings = warnings
  }

  /// The command line as a person would type it, for logs and `--dry-run`.
  public var commandLine: String {
    ([executable] + arguments).map(Self.shellQuoted).joined(separator: " ")
  }

  /// `word` quoted for a POSIX shell when it needs quoting.
  public static func shellQuoted(_ word: String) -> String {
    let plain = word.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./=:,@%+".unicodeScalars.contains(scalar))
    }
    if plain && !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
