import OrderedCollections
/// What a string given to "resume" names: a self-contained handle or a bare caw session id.
public enum ResumeTarget: Sendable, Equatable {
  /// A JSON handle with a resume key.
  case handle(ResumeHandle)
  /// Anything else, taken as a session id to look up in the data directory.
  case sessionID(String)

  /// Reads `text` as caw's `resume_session` does: a JSON object with a truthy `resume_key` is a handle;
  /// anything else (invalid JSON included) is a bare session id. The session id is checked to be a plain
  /// name either way.
  ///
  /// - Throws: ``CawError`` when a handle lacks `provider` or `session_id`, or names an unsafe session id.
  public static func parse(_ text: String) throws(CawError) -> ResumeTarget {
    guard let object = try? JSONParser.parse(Array(text.utf8)).objectValue,
      let key = object["resume_key"], key.isTruthy
    else {
      return .sessionID(try SessionID.validate(text.trimmingSpaces()))
    }
    guard let keyText = key.stringValue else {
      throw CawError(.resume, "invalid resume handle: 'resume_key' is \(key.typeName), not a string")
    }
    for field in ["provider", "session_id"] where object[field] == nil {
      throw CawError(.resume, "invalid resume handle: it has no '\(field)'")
    }
    guard let provider = object["provider"]?.stringValue, let sessionID = object["session_id"]?.stringValue else {
      throw CawError(.resume, "invalid resume handle: 'provider' and 'session_id' must be strings")
    }
    try SessionID.validate(sessionID)
    var handle = ResumeHandle(provider: provider, sessionID: sessionID, resumeKey: keyText)
    if let version = object["version"]?.numberValue { handle.version = version }
    return .handle(handle)
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
