/// How many rows of a pane hold content: tables lose a title and a header row, documents a title row.
public enum PaneGeometry {
  /// Rows available for table rows in a pane of `area`.
  public static func tableRows(_ area: Rect) -> Int { max(area.height - 2, 0) }

  /// Rows available for document rows in a pane of `area`.
  public static func documentRows(_ area: Rect) -> Int { max(area.height - 1, 0) }
}
