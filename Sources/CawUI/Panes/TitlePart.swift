import CawCore

/// One of a pane title's details, and how soon it is dropped when the title is short of room.
struct TitlePart {
  /// The text.
  var text: String
  /// A shorter text, used when dropping parts is not enough.
  var short: String?
  /// Parts with a higher number are dropped first (the later of equals first); 0 is kept to the last.
  var dropOrder: Int

  /// A part dropped in `dropOrder`, shortened to `short` if need be.
  init(_ text: String, short: String? = nil, dropOrder: Int = 0) {
    self.text = text
    self.short = short
    self.dropOrder = dropOrder
  }

  /// `parts` joined with ` · `, leaving out the most droppable ones until the rest fits in `width` cells, then
  /// shortening the last ones that have a short form.
  static func fitted(_ parts: [TitlePart], width: Int) -> String {
    var shown = parts.filter { !$0.text.isEmpty }
    var text = shown.map(\.text).joined(separator: " · ")
    while DisplayWidth.of(text) > width {
      let droppable = shown.indices.filter { shown[$0].dropOrder > 0 }
      guard let drop = droppable.max(by: { (shown[$0].dropOrder, $0) < (shown[$1].dropOrder, $1) }) else { break }
      shown.remove(at: drop)
      text = shown.map(\.text).joined(separator: " · ")
    }
    for i in shown.indices.reversed() where DisplayWidth.of(text) > width {
      guard let short = shown[i].short else { continue }
      shown[i].text = short
      text = shown.map(\.text).joined(separator: " · ")
    }
    return text
  }
}
