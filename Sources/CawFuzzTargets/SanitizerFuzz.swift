import CawCore

/// `TextSanitizer` and `PythonRepr`: whatever the text, what they give holds no character a terminal
/// acts on (newlines and tabs only where a multi-line text keeps them).
enum SanitizerFuzz {
  static let target = FuzzTarget(
    name: "sanitizer", summary: "TextSanitizer/PythonRepr: output holds no raw control, C1 or bidi character"
  ) { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let multi = TextSanitizer.multiLine(text)
    require(TerminalSafety.rawCharacters(in: multi, newlines: true).isEmpty, "multiLine left a raw control")
    require(!TextSanitizer.needsSanitizing(multi), "multiLine's output still needs sanitising")
    for single in [TextSanitizer.singleLine(text), TextSanitizer.singleLine(text, limit: 40), TextSanitizer.preview(text, limit: 60)] {
      require(TerminalSafety.rawCharacters(in: single, newlines: false).isEmpty, "a one-line form kept a raw control")
    }
    require(TextSanitizer.singleLine(text, limit: 40).count <= 40, "singleLine went past its limit")
    require(TerminalSafety.rawCharacters(in: PythonRepr.repr(text), newlines: false).isEmpty, "repr kept a raw control")
  }
}
