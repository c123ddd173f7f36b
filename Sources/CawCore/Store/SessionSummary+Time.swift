extension SessionSummary {
  /// The time the session is dated and sorted by: its start (`created_at`), else its files' newest
  /// modification time.
  public var startTime: Double {
    Timestamp.parse(createdAt) ?? lastModified
  }
}
