/// A key press, decoded from whatever the terminal sent.
public enum Key: Hashable, Sendable, CustomStringConvertible {
  /// A printable character.
  case character(Character)
  /// Ctrl plus a letter (`ctrl("d")`).
  case ctrl(Character)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Page up.
  case pageUp
  /// Page down.
  case pageDown
  /// Home.
  case home
  /// End.
  case end
  /// Enter / Return.
  case enter
  /// Escape.
  case escape
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Backspace.
  case backspace

  /// How help and the footer name the key.
  public var description: String {
    switch self {
    case .character(" "): "Space"
    case .character(let c): String(c)
    case .ctrl(let c): "C-\(c)"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "Bksp"
    }
  }
}

extension Key {
  /// The key a name stands for: the names `description` gives (`Enter`, `Esc`, `S-Tab`, `C-d`, `PgDn`,
  /// `Space`, `↑`), `Up`/`Down`/`Left`/`Right`, or a single character.
  public init?(name: String) {
    let named: [String: Key] = [
      "↑": .up, "Up": .up, "↓": .down, "Down": .down, "←": .left, "Left": .left, "→": .right, "Right": .right,
      "PgUp": .pageUp, "PgDn": .pageDown, "Home": .home, "End": .end, "Enter": .enter, "Esc": .escape, "Tab": .tab,
      "S-Tab": .backTab, "Bksp": .backspace, "Space": .character(" "),
    ]
    if let key = named[name] {
      self = key
    } else if name.count == 3, name.hasPrefix("C-"), let letter = name.last, letter.isLetter {
      self = .ctrl(letter)
    } else if name.count == 1, let character = name.first {
      self = .character(character)
    } else {
      return nil
    }
  }
}
