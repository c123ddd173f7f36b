/// A piece of text to print, and whether it is shown in bold (see ``printRuns(_:)``).
struct TextRun {
  /// The text, sanitised when printed.
  var text: String
  /// Whether it is shown in bold on a terminal.
  var bold = false

  init(_ text: String, bold: Bool = false) {
    self.text = text
    self.bold = bold
  }
}
