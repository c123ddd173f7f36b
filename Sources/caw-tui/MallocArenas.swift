import Glibc

/// glibc's malloc arenas for the UI.
enum MallocArenas {
  /// One arena for every thread. Sessions are read on the service's threads and their documents built
  /// on the UI thread; with glibc's default of an arena per thread, what a read frees stays in the
  /// reader's arena and the UI's allocations grow another (measured: `render` of a 120 MB session peaked
  /// at 157 MiB with the default, 148 MiB with one arena, no slower). `mallopt` is looked up by name, as
  /// `<malloc.h>` is not in Swift's Glibc module; `M_ARENA_MAX` is -8 in glibc's ABI.
  static func shareOne() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-8, 1)
  }
}
