import CawCore

extension Reducer {
  /// `r`: the message dialog for resuming the selected session, or why it cannot be resumed.
  func openResume(_ state: inout AppState) -> [Effect] {
    guard let id = state.selectedID else { return say("Select a session to resume", &state) }
    if state.run(recording: id) != nil { return say("A run is already recording this session", &state) }
    if let reason = cannotResume(id, "resume", state) { return say(reason, &state) }
    if let t = state.trajectories[id] {
      let directory = t.workingDirectory.map { "in \($0) (recorded)" }
        ?? "in \(state.defaultDirectory) (no directory was recorded)"
      state.dialog = .resume(sessionID: id, directory: directory, text: "")
    } else {
      state.dialog = .resume(sessionID: id, directory: "in its recorded directory", text: "")
    }
    return []
  }

  /// `e`: the export format menu for the focused trajectory.
  func openExport(_ state: inout AppState) -> [Effect] {
    guard let path = focusedTrajectoryPath(state) else { return say("Select a session to export", &state) }
    state.dialog = .exportFormat(path)
    return []
  }

  /// `y`: what to copy from the focused session.
  func openCopy(_ state: inout AppState) -> [Effect] {
    guard let id = focusedTrajectoryPath(state)?.sessionID ?? state.selectedID else {
      return say("Select a session first", &state)
    }
    state.dialog = .copy(CopyChoices(sessionID: id, state: state))
    return []
  }

  /// `x` in the browser: asks before stopping the run recording the selected session.
  func openStop(_ state: inout AppState) -> [Effect] {
    guard let id = state.selectedID, let run = state.run(recording: id) else {
      return say("No run is recording this session", &state)
    }
    state.dialog = .confirmStop(run)
    return []
  }

  /// Quits, or asks what to do with the runs still recording.
  func quit(_ state: inout AppState) -> [Effect] {
    if state.runs.isEmpty {
      state.quitting = true
      return [.quit]
    }
    state.dialog = .quitWithRuns(state.runs)
    return []
  }

  /// `i`: the selected session in its CLI's own UI, when it can be resumed and no run records it.
  func openInteractive(_ state: inout AppState) -> [Effect] {
    guard let id = state.selectedID else { return say("Select a session to open", &state) }
    if state.run(recording: id) != nil { return say("A run is recording this session; stop it (x) first", &state) }
    if let reason = cannotResume(id, "open", state) { return say(reason, &state) }
    return [.openInteractive(.session(id))]
  }

  /// Why the loaded session `id` cannot be continued by its CLI (`verb` it), nil when it can or is not loaded.
  private func cannotResume(_ id: String, _ verb: String, _ state: AppState) -> String? {
    guard let t = state.trajectories[id] else { return nil }
    guard let provider = Provider(name: t.agent) else {
      return "Cannot \(verb): unknown provider '\(TextSanitizer.singleLine(t.agent))'"
    }
    guard provider.resumeKey(from: t) != nil else {
      return "Cannot \(verb) \(id.prefix(8)): no resume key was persisted for this session"
    }
    return nil
  }

  /// A key pressed while a dialog is open.
  func dialogKey(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard let dialog = state.dialog else { return [] }
    if key == .escape {
      state.dialog = nil
      return []
    }
    switch dialog {
    case .resume(let id, let directory, var text):
      guard key == .enter else {
        edit(&text, key)
        state.dialog = .resume(sessionID: id, directory: directory, text: text)
        return []
      }
      guard !text.allSatisfy(\.isWhitespace) else { return say("Type the message to send", &state) }
      state.dialog = nil
      return [.startRun(.resume(sessionID: id, message: text))]
    case .newSession(var form):
      return formKey(key, &form, &state)
    case .exportFormat(let path):
      let choice: Character? = key == .enter ? "j" : { if case .character(let c) = key { c } else { nil } }()
      guard let choice, let format = Self.exportFormats[choice] else { return [] }
      let name = path.steps.isEmpty ? path.sessionID : "\(path.sessionID)-subagent-\(path.steps.count)"
      state.dialog = .exportPath(path, format, text: "./\(name).\(format.fileExtension)")
    case .exportPath(let path, let format, var text):
      guard key == .enter else {
        edit(&text, key)
        state.dialog = .exportPath(path, format, text: text)
        return []
      }
      guard !text.isEmpty else { return say("Type a file name", &state) }
      state.dialog = nil
      return [.export(path, format, path: text, overwrite: false)]
    case .confirmOverwrite(let path, let format, let file):
      state.dialog = nil
      return key == .character("y") ? [.export(path, format, path: file, overwrite: true)] : say("Not exported", &state)
    case .confirmStop(let run):
      state.dialog = nil
      guard key == .character("y") else { return [] }
      state.message = "Stopping the run recording \(run.sessionID.prefix(8)); its recorded turns are kept"
      return [.stopRuns([run])]
    case .copy(let choices):
      return copyKey(key, choices, &state)
    case .quitWithRuns(let runs):
      switch key {
      case .character("s"):
        state.dialog = nil
        state.quitting = true
        return [.stopRuns(runs), .quit]
      case .character("l"):
        state.dialog = nil
        state.quitting = true
        return [.quit]
      default:
        return []
      }
    }
    return []
  }

  /// The keys that pick an export format; Enter takes `j`'s, the first.
  static let exportFormats: [Character: ExportFormat] = ["j": .json, "m": .markdown, "a": .atif]

  private func formKey(_ key: Key, _ form: inout NewSessionForm, _ state: inout AppState) -> [Effect] {
    switch key {
    case .tab, .down: form.step(forward: true)
    case .backTab, .up: form.step(forward: false)
    case .enter where !form.startsOnEnter: form.step(forward: true)
    case .enter:
      guard Provider(name: form.values.provider.filter { !$0.isWhitespace }) != nil else {
        form.field = .provider
        state.dialog = .newSession(form)
        return say("Unknown provider: use claude_code, codex or opencode", &state)
      }
      if form.values.interactive {
        guard form.values.agents.allSatisfy(\.isWhitespace) else {
          return say("Subagents need a recorded run: clear the file or start in the background", &state)
        }
        state.dialog = nil
        return [.openInteractive(.start(form.values))]
      }
      guard !form.values.prompt.allSatisfy(\.isWhitespace) else {
        return say("Type the first prompt", &state)
      }
      state.dialog = nil
      return [.startRun(.start(form.values))]
    case _ where form.field == .mode:
      if key == .character(" ") || key == .left || key == .right { form.values.interactive.toggle() }
    default:
      var value = form.values[form.field]
      edit(&value, key)
      form.values[form.field] = value
    }
    state.dialog = .newSession(form)
    return []
  }

  private func copyKey(_ key: Key, _ choices: CopyChoices, _ state: inout AppState) -> [Effect] {
    guard case .character(let c) = key, "hcnm".contains(c) else { return [] }
    state.dialog = nil
    if c == "m" {
      guard let message = choices.message else { return say("Open a transcript or a tool call to copy a message", &state) }
      return [.copyToClipboard(message, label: choices.messageLabel)]
    }
    let id = choices.sessionID
    guard let t = state.trajectories[id], let handle = try? ResumeHandle.forTrajectory(t) else {
      return say("No resume handle: the session has no resume key yet", &state)
    }
    switch c {
    case "h": return [.copyToClipboard(handle.encoded, label: "the resume handle")]
    case "n": return choices.nativeCommand.map { [.copyToClipboard($0, label: choices.nativeLabel)] } ?? []
    default:
      let dataOption = state.dataPath.isEmpty ? "" : "--data-dir \(Invocation.shellQuoted(state.dataPath)) "
      return [.copyToClipboard("caw-tui resume \(dataOption)\(Invocation.shellQuoted(id)) ", label: "the resume command")]
    }
  }

  /// Applies an editing key to a line of text.
  private func edit(_ text: inout String, _ key: Key) {
    switch key {
    case .character(let c): text.append(c)
    case .backspace: if !text.isEmpty { text.removeLast() }
    case .ctrl("u"): text = ""
    default: break
    }
  }

  private func say(_ message: String, _ state: inout AppState) -> [Effect] {
    state.message = message
    return []
  }
}
