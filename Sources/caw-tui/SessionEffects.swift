import CawCore
import CawUI
import Foundation

/// Performs the UI's effects: reads the session list and sessions, hands text to the pager.
struct SessionEffects {
  /// Where sessions are read from.
  let reader: SessionReader
  /// Shows text in a pager with the terminal handed over.
  let showInPager: (String) -> Void

  /// Performs `effect` and returns the actions its result produces.
  func perform(_ effect: Effect) -> [Action] {
    switch effect {
    case .listSessions:
      do {
        return [.sessionsListed(try reader.listSessions(), now: Date().timeIntervalSince1970)]
      } catch {
        return [.listingFailed(error.description)]
      }
    case .loadSession(let id):
      let loaded = reader.loadDirectory(named: id)
      return [.sessionLoaded(id: id, loaded.trajectory, error: loaded.brokenReason)]
    case .openPager(let text):
      showInPager(text)
      return []
    case .quit:
      return []
    }
  }
}
