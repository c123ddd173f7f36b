import CawUI
import Testing

@Suite("One keymap drives dispatch, the footer and help")
struct KeymapTests {
  @Test(arguments: KeyContext.allCases) func noKeyIsBoundTwiceInAContext(context: KeyContext) {
    var seen: [Key: Command] = [:]
    for binding in Keymap.standard.bindings(in: context) {
      for key in binding.keys {
        #expect(
          seen[key] == nil, "\(key) is bound to \(seen[key].map { "\($0)" } ?? "") and \(binding.command) in \(context)"
        )
        seen[key] = binding.command
      }
    }
  }

  @Test func everyCommandHasAKey() {
    let bound = Set(Keymap.standard.bindings.map(\.command))
    #expect(bound == Set(Command.allCases))
  }

  @Test func vimKeysAndArrowsMoveTheSameWay() {
    let keymap = Keymap.standard
    #expect(keymap.command(for: .character("j"), in: .sessions) == .down)
    #expect(keymap.command(for: .down, in: .sessions) == .down)
    #expect(keymap.command(for: .character("G"), in: .transcript) == .bottom)
    #expect(keymap.command(for: .ctrl("u"), in: .toolCall) == .halfPageUp)
    #expect(keymap.command(for: .backTab, in: .cost) == .previousPane)
    #expect(keymap.command(for: .character("/"), in: .sessions) == .filter)
    #expect(keymap.command(for: .character("/"), in: .transcript) == .search)
    #expect(keymap.command(for: .character("t"), in: .sessions) == nil)
  }

  @Test func keyNamesReadBackAsTheirKeys() {
    let keys: [Key] = [
      .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace,
      .character(" "), .character("j"), .character("/"), .ctrl("d"),
    ]
    for key in keys {
      #expect(Key(name: key.description) == key)
    }
    #expect(Key(name: "Down") == .down)
    #expect(Key(name: "Nope") == nil)
  }

  @Test func helpAndFooterAreReadFromTheTable() throws {
    var keymap = Keymap.standard
    keymap.bindings.append(
      Binding([.character("z")], .toggleExpand, "Zoom the whole output", footer: "zoom", in: [.sessions]))
    var state = try AppHarness.demo(Size(width: 140, height: 40)).state
    state.showingHelp = true
    let text = AppView.render(state, keymap: keymap).text
    #expect(text.contains("Zoom the whole output"))
    #expect(text.contains("z zoom"))
    for binding in keymap.bindings(in: .sessions) {
      #expect(text.contains(binding.help), "help lacks \(binding.help)")
    }
  }
}
