import OrderedCollections
import Foundation
import Synchronization
import SystemPackage
import Testing
import TestSupport

@testable import CawCore
@testable import caw_tui

/// Issue 12, item 8: the code review's findings.
@Suite("Code review: descriptors, pipes, signals, errors", .serialized)
struct CodeReviewTests {
  @Test("a CawError keeps the errno, the path and the underlying error")
  func errorKeepsItsCause() throws {
    let tree = TempTree()
    do {
      _ = try FileSystem.read(tree.path + "/missing")
      Issue.record("reading a missing file succeeded")
    } catch {
      #expect(error.errno == .noSuchFileOrDirectory)
      #expect(error.path == tree.path + "/missing")
      #expect(error.message == "cannot read \(tree.path)/missing: No such file or directory")
    }
    let wrapped = CawError(.agent, "claude could not be run", underlying: Errno.permissionDenied)
    #expect((wrapped.underlying as? Errno) == .permissionDenied)
  }

  @Test("a failed atomic replace closes its descriptor once: no descriptor of another thread is closed")
  func failedReplaceClosesOnce() throws {
    let tree = TempTree()
    // The target is a non-empty directory, so the final rename always fails.
    tree.write("target/keep", "x")
    let stop = Atomic<Bool>(false)
    let stolen = Atomic<Int>(0)
    let other = Thread {
      while !stop.load(ordering: .relaxed) {
        let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
        if fd < 0 { continue }
        // Another thread's close of this number in between makes this one fail.
        for _ in 0..<3 { sched_yield() }
        if fcntl(fd, F_GETFD) < 0 || close(fd) != 0 { stolen.add(1, ordering: .relaxed) }
      }
    }
    other.start()
    for _ in 0..<3000 {
      #expect(throws: CawError.self) { try FileSystem.writeAtomically([1, 2, 3], to: tree.path + "/target", sync: false) }
    }
    stop.store(true, ordering: .relaxed)
    while !other.isFinished { usleep(1000) }
    #expect(stolen.load(ordering: .relaxed) == 0, "a descriptor of another thread was closed")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: tree.path).filter { $0.hasPrefix(".target") }
    #expect(leftovers.isEmpty, "temp files left: \(leftovers)")
  }

  @Test("a large prompt on stdin does not deadlock against a CLI that writes before it reads")
  func stdinWrittenWhileReading() async throws {
    let prompt = String(repeating: "p", count: 1 << 20)
    // Writes 1 MiB to stdout before reading stdin: stdin must be written while stdout is read.
    let invocation = Invocation(
      executable: "/bin/sh", arguments: ["-c", "head -c 1048576 /dev/zero | tr '\\0' 'x'; echo; wc -c"],
      standardInput: prompt)
    let lines = Mutex<[String]>([])
    let run = Task {
      try await SubprocessLauncher().run(invocation) { line in
        if case .line(let bytes) = line { lines.withLock { $0.append(String(decoding: bytes.prefix(40), as: UTF8.self)) } }
      }
    }
    let watchdog = Task {
      try await Task.sleep(for: .seconds(60))
      run.cancel()
    }
    let exit = try? await run.value
    watchdog.cancel()
    #expect(exit?.exitCode == 0, "the launch deadlocked or failed; lines: \(lines.withLock { $0.count })")
    #expect(lines.withLock { $0.last?.trimmingCharacters(in: .whitespaces) } == "1048576")
  }

  @Test("a run that cannot list itself in the registry says so instead of hiding it")
  func registrationFailureVisible() throws {
    let tree = TempTree()
    let scenario = try FakeScenario(tree, [FakeScenario.entry("claude", "go", FakeScenario.claudeLines("ok"))])
    tree.write("not-a-directory", "x")
    let run = try scenario.run(
      ["run", "--data-dir", scenario.data, "--provider", "claude", "go"], extra: ["CAW_TUI_RUNS_DIR": tree.path + "/not-a-directory"])
    #expect(run.stderr.contains("not listed"), "\(run.stderr)")
  }

  @Test("the pager leaves SIGPIPE's disposition as it found it, and survives a pager that quits at once")
  func pagerKeepsSIGPIPE() throws {
    var original = sigaction()
    sigaction(SIGPIPE, nil, &original)
    defer { sigaction(SIGPIPE, &original, nil) }
    signal(SIGPIPE, SIG_DFL)
    var before = sigaction()
    sigaction(SIGPIPE, nil, &before)
    setenv("PAGER", "true", 1)
    defer { unsetenv("PAGER") }
    _ = Pager.show(String(repeating: "line\n", count: 100_000))
    var after = sigaction()
    sigaction(SIGPIPE, nil, &after)
    #expect(unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
  }
}
