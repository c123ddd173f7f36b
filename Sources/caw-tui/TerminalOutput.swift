import CawCore
import Foundation
import SystemPackage

// Every byte caw-tui's commands write to stdout or stderr goes through here, and through
// `TextSanitizer` on the way: whatever a session, a path or an argument holds, no escape sequence,
// control, C1 or bidi character reaches a terminal raw. (The TUI draws through its cell grid, which
// sanitises the same way; the pager's text is sanitised in `Pager`.)

/// Prints to stdout like the standard library's `print`, sanitised. It shadows `Swift.print` in this
/// module, so no command can print around the sanitiser.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let text = items.map { String(describing: $0) }.joined(separator: separator) + terminator
  writeSanitized(text, to: FileHandle.standardOutput)
}

/// Prints one line to stderr, sanitised.
func printError(_ text: String) {
  writeSanitized(text + "\n", to: FileHandle.standardError)
}

/// Writes bytes made for stdout (an export) after checking them: JSON exports are plain ASCII and pass
/// as they are; anything else goes through the sanitiser.
func writeOutput(_ bytes: [UInt8]) {
  if bytes.withUnsafeBufferPointer({ TextSanitizer.isPrintableASCII($0, keepNewlines: true) }) {
    // Straight from the buffer: a list of 10,000 sessions is 10 MB of JSON, which `Data` would copy.
    do {
      _ = try FileDescriptor.standardOutput.writeAll(bytes)
    } catch {
      printError("caw-tui: cannot write the output: \(error)")
      exit(74)  // EX_IOERR
    }
  } else {
    writeSanitized(String(decoding: bytes, as: UTF8.self), to: FileHandle.standardOutput)
  }
}

/// Prints runs of text to stdout, each sanitised on its own; bold runs are wrapped in SGR bold, the one
/// escape sequence caw-tui itself writes around session text.
func printRuns(_ runs: [TextRun]) {
  let text = runs.map { run in
    let clean = TextSanitizer.multiLine(run.text)
    return run.bold && !clean.isEmpty ? "\u{1B}[1m" + clean + "\u{1B}[22m" : clean
  }
  FileHandle.standardOutput.write(Data(text.joined().utf8))
}

private func writeSanitized(_ text: String, to handle: FileHandle) {
  handle.write(Data(TextSanitizer.multiLine(text).utf8))
}
