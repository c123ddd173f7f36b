import ArgumentParser
import CawCore
import Foundation
import Logging

/// swift-log handler for `run` and `resume`: one line per event on stderr, `<level>: <message>`, the
/// message and metadata made terminal-safe (a session's text never reaches the terminal raw).
struct StderrLogHandler: LogHandler {
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var text = "\(event.level): \(event.message)"
    if event.level <= .debug {
      let all = metadata.merging(event.metadata ?? [:]) { $1 }
      if !all.isEmpty { text += " [" + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "]" }
    }
    FileHandle.standardError.write(Data((TextSanitizer.singleLine(text) + "\n").utf8))
  }

  /// Sends every logger of this process to stderr at `level` (once per process).
  static func bootstrap(_ level: Logger.Level) {
    LoggingSystem.bootstrap { _ in StderrLogHandler(logLevel: level) }
  }
}

extension Logger.Level: @retroactive ExpressibleByArgument {
  public init?(argument: String) {
    self.init(rawValue: argument.lowercased())
  }

  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
