import Foundation

/// The terminal escape that puts text on the clipboard (OSC 52), sent only when the user asks to copy.
public enum ClipboardSequence {
  /// `ESC ] 52 ; c ; <base64 of text> BEL`.
  public static func osc52(_ text: String) -> String {
    "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
  }
}
