/// A page of the stack with its scroll position and toggles.
public struct PageState: Hashable, Sendable {
  /// Which page.
  public var page: Page
  /// Cursor and scroll.
  public var scroll = ScrollState()
  /// Whether a tool call's whole output is shown.
  public var expanded = false

  /// A page at the top.
  public init(_ page: Page) {
    self.page = page
  }
}
