import CFuzzDriver
import CawFuzzTargets
import Foundation

// `caw-fuzz TARGET [libFuzzer options and corpus directories]`: runs one fuzz target under libFuzzer;
// `caw-fuzz TARGET --replay FILE|DIR...` runs its checks on files in any build.
// Built with `-sanitize=fuzzer,address` (see the README); SwiftPM's `main` is this file, so libFuzzer is
// driven through `LLVMFuzzerRunDriver` rather than its own `main`.

nonisolated(unsafe) var selected: FuzzTarget?

let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget.named(arguments[1]) else {
  let names = FuzzTarget.all.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }
  FileHandle.standardError.write(Data(("usage: caw-fuzz TARGET [libFuzzer options] [CORPUS...] | caw-fuzz TARGET --replay FILE|DIR...\n" + names.joined(separator: "\n") + "\n").utf8))
  exit(2)
}
if arguments.count >= 3, arguments[2] == "--replay" {
  // Runs the target's checks on files (or every file of directories), without libFuzzer.
  var files: [String] = []
  for path in arguments.dropFirst(3) {
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    let names = isDirectory.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
    files += names
  }
  for file in files {
    guard let data = FileManager.default.contents(atPath: file) else {
      FileHandle.standardError.write(Data("caw-fuzz: cannot read \(file)\n".utf8))
      exit(1)
    }
    target.check(Array(data))
  }
  print("\(target.name): \(files.count) inputs replayed, no invariant broken")
  exit(0)
}
guard caw_fuzz_driver_available() != 0 else {
  FileHandle.standardError.write(Data("caw-fuzz: libFuzzer is not linked in; build with -Xswiftc -sanitize=fuzzer,address\n".utf8))
  exit(2)
}
selected = target
var driverArguments = [arguments[0]] + arguments.dropFirst(2)
var count = Int32(driverArguments.count)
var pointers: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
let status = pointers.withUnsafeMutableBufferPointer { buffer -> Int32 in
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
  return LLVMFuzzerRunDriver(&count, &argv) { data, size in
    selected?.check(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
}
exit(status)
