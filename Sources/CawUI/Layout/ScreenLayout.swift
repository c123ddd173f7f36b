/// Where everything goes for a screen size: title, body, footer and the browser's visible panes.
///
/// A pure function of the size and the focused pane, so resizing is just another frame.
public struct ScreenLayout: Hashable, Sendable {
  /// How the browser's panes share the body.
  public enum Arrangement: Hashable, Sendable {
    /// Sessions on top; timeline and cost side by side below (120x30 and up).
    case wide
    /// Sessions on top; the focused one of timeline and cost below (30 rows and up).
    case stacked
    /// Only the focused pane: a drill-down.
    case single
  }

  /// The title bar (breadcrumbs).
  public var title: Rect
  /// Everything between title and footer.
  public var body: Rect
  /// The footer (key hints, prompt, messages).
  public var footer: Rect
  /// How the browser's panes are arranged.
  public var arrangement: Arrangement
  /// The browser panes shown and where.
  public var panes: [Pane: Rect]

  /// The layout of a screen of `size` with `focus` focused.
  public init(size: Size, focus: Pane) {
    let full = Rect(size)
    let (titleRow, rest) = full.splitTop(size.height >= 3 ? 1 : 0)
    let (body, footerRow) = rest.splitBottom(size.height >= 3 ? 1 : 0)
    title = titleRow
    self.body = body
    footer = footerRow
    if size.width >= 120 && size.height >= 30 {
      arrangement = .wide
      let (top, bottom) = body.splitTop(body.height * 45 / 100)
      let costWidth = max(56, bottom.width * 38 / 100)
      let (left, right) = bottom.splitLeft(bottom.width - costWidth)
      panes = [
        .sessions: top, .timeline: Rect(x: left.x, y: left.y, width: left.width - 1, height: left.height), .cost: right,
      ]
    } else if size.height >= 30 {
      arrangement = .stacked
      let (top, bottom) = body.splitTop(body.height * 45 / 100)
      panes = [.sessions: top, focus == .cost ? .cost : .timeline: bottom]
    } else {
      arrangement = .single
      panes = [focus: body]
    }
  }

  /// The pane drawn at a cell, if any.
  public func pane(atColumn column: Int, row: Int) -> Pane? {
    panes.first { $0.value.contains(column: column, row: row) }?.key
  }
}
