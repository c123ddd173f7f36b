import CawUI
import Synchronization

/// Actions posted from other threads for the run loop to pick up.
public final class ActionInbox: Sendable {
  private let actions = Mutex<[Action]>([])

  /// An empty inbox.
  public init() {}

  /// Adds an action.
  public func post(_ action: Action) { actions.withLock { $0.append(action) } }

  /// Everything posted since the last call.
  public func take() -> [Action] {
    actions.withLock { actions in
      defer { actions.removeAll() }
      return actions
    }
  }
}
