import CawCore

/// What `y` offers to copy, worked out when its dialog opens: the message in front of the user, the
/// session's resume handle, the `caw-tui resume` command and the provider CLI's own resume command.
public struct CopyChoices: Hashable, Sendable {
  /// The session whose handle and commands are copied.
  public var sessionID: String
  /// The focused message's text (a transcript's block under the cursor, a tool call's output), if any.
  public var message: String?
  /// What `message` is, for the dialog and the confirmation: `the message`, `the tool output`.
  public var messageLabel = "the message"
  /// The provider CLI's own resume command, when the session has a resume key.
  public var nativeCommand: String?
  /// What `nativeCommand` is: `the claude resume command`.
  public var nativeLabel = "the resume command"

  /// The choices for session `sessionID` in `state`.
  init(sessionID: String, state: AppState) {
    self.sessionID = sessionID
    if let t = state.trajectories[sessionID] {
      nativeCommand = NativeResumeCommand.line(for: t)
      nativeLabel = NativeResumeCommand.label(for: t)
    }
    if let (text, label) = Self.focusedMessage(state) {
      message = text
      messageLabel = label
    }
  }

  /// A tool call's output with what it is: its head when the rest is still in the file.
  private static func output(_ call: ToolUse, _ state: AppState) -> (String, String) {
    guard let deferred = call.deferredOutput, state.wholeOutputs[deferred] == nil else {
      return (state.output(of: call), "the tool output")
    }
    return (
      call.output, "the tool output's first \(Format.bytes(call.output.utf8.count)) (w on its page reads it whole)"
    )
  }

  /// The text of the message the open page focuses, with what it is.
  private static func focusedMessage(_ state: AppState) -> (String, String)? {
    guard let top = state.stack.last else { return nil }
    switch top.page {
    case .transcript(let path, let turn):
      guard let t = state.trajectory(at: path), t.turns.indices.contains(turn) else { return nil }
      let lines = Documents.lines(state)
      let block = lines.indices.contains(top.scroll.cursor) ? lines[top.scroll.cursor].block : nil
      guard let block, t.turns[turn].output.indices.contains(block) else { return (t.turns[turn].input, "the message") }
      switch t.turns[turn].output[block] {
      case .text(let text): return (text, "the message")
      case .thinking(let text): return (text, "the thinking")
      case .toolUse(let call): return output(call, state)
      }
    case .toolCall(let path, let step):
      return state.toolCall(at: path, step).map { output($0, state) }
    case .browser, .subagent:
      return nil
    }
  }
}
