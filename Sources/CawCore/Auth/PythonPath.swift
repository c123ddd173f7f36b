/// Paths spelled as Python's `pathlib` spells them, so the paths `auth` prints and records match caw's.
enum PythonPath {
  /// `str(Path(text))`: repeated and trailing slashes and `.` components dropped (two leading slashes
  /// kept, as POSIX allows), `.` for an empty path.
  static func normalized(_ text: String) -> String {
    let leading = text.hasPrefix("//") && !text.hasPrefix("///") ? "//" : (text.hasPrefix("/") ? "/" : "")
    let parts = text.split(separator: "/").filter { $0 != "." }
    if parts.isEmpty { return leading.isEmpty ? "." : leading }
    return leading + parts.joined(separator: "/")
  }

  /// `str(Path(base) / relative)`.
  static func join(_ base: String, _ relative: String) -> String {
    normalized(base + "/" + relative)
  }

  /// `Path(text).expanduser()` for `~` and `~/…` (other users' homes are left as they are).
  static func expandingUser(_ text: String, home: String) -> String {
    if text == "~" { return home }
    if text.hasPrefix("~/") { return home + text.dropFirst() }
    return text
  }
}
