import CawCore
import Foundation

/// `caw-tui import`: a saved stream of any CLI becomes a trajectory whose caw JSON round-trips.
enum ImportFuzz {
  static let target = FuzzTarget(
    name: "import", summary: "StreamImport: an imported trajectory's caw JSON decodes back to the same bytes"
  ) { bytes in
    guard let result = try? StreamImport.read(bytes, provider: nil, now: Date(timeIntervalSince1970: 0)) else { return }
    let written = result.trajectory.exportBytes()
    guard let again = try? Trajectory.read(written), let reread = again.trajectory else {
      require(false, "an imported trajectory's JSON does not decode")
      return
    }
    require(reread.exportBytes() == written, "the imported trajectory does not round-trip")
  }
}
