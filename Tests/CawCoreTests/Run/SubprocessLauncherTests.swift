import Foundation
import Testing

@testable import CawCore
import TestSupport

/// The real process runner, on small shell scripts standing in for agent CLIs.
@Suite("SubprocessLauncher runs CLIs in their own process group")
struct SubprocessLauncherTests {
  /// Writes an executable shell script and returns its path.
  private func script(_ tree: TempTree, _ name: String, _ body: String) throws -> String {
    tree.write(name, "#!/bin/sh\n" + body + "\n")
    let path = tree.path + "/" + name
    guard chmod(path, 0o755) == 0 else { throw InteropError("cannot chmod \(path)") }
    return path
  }

  /// Collects what the launcher hands over.
  private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [StdoutLine] = []
    func add(_ line: StdoutLine) { lock.withLock { items.append(line) } }
    var all: [StdoutLine] { lock.withLock { items } }
    var texts: [String] {
      all.compactMap { line in
        if case .line(let bytes) = line { return String(decoding: bytes, as: UTF8.self) }
        return nil
      }
    }
  }

  @Test("lines arrive while the CLI is still running, stdin reaches it, the exit code is kept")
  func streamsLines() async throws {
    let tree = TempTree()
    let seen = tree.path + "/seen"
    // The script waits (up to 20 s) for the test to have received its first line before it goes on.
    let path = try script(
      tree, "cli",
      """
      read prompt; echo "got:$prompt"
      i=0; while [ ! -e \(seen) ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
      if [ -e \(seen) ]; then echo done; else echo "timed out"; fi
      exit 3
      """)
    let lines = Lines()
    let exit = try await SubprocessLauncher().run(Invocation(executable: path, arguments: [], standardInput: "hello\n")) {
      line in
      lines.add(line)
      _ = FileManager.default.createFile(atPath: seen, contents: nil)
    }
    #expect(lines.texts == ["got:hello", "done"], "the first line was only delivered after the CLI ended")
    #expect(exit.exitCode == 3)
  }

  @Test("a megabyte of stderr cannot stall the CLI; the last 64 KiB are kept")
  func drainsStderr() async throws {
    let tree = TempTree()
    let path = try script(
      tree, "noisy", "head -c 1048576 /dev/zero | tr '\\0' 'e' >&2; printf 'TAIL' >&2; echo out")
    let lines = Lines()
    let exit = try await SubprocessLauncher().run(Invocation(executable: path, arguments: [])) { lines.add($0) }
    #expect(lines.texts == ["out"])
    #expect(exit.succeeded)
    #expect(exit.stderrTail.utf8.count == ProcessExit.stderrLimit)
    #expect(exit.stderrTail.hasSuffix("eeeTAIL"))
  }

  @Test("a line longer than the limit is reported by length, and the next line is whole")
  func boundsLineLength() async throws {
    let tree = TempTree()
    let path = try script(tree, "flood", "head -c 3000000 /dev/zero | tr '\\0' 'x'; echo; echo '{\"ok\":1}'")
    let lines = Lines()
    _ = try await SubprocessLauncher(maxLineBytes: 1_000_000).run(Invocation(executable: path, arguments: [])) {
      lines.add($0)
    }
    #expect(lines.all == [.oversized(byteCount: 3_000_000), .line(Array("{\"ok\":1}".utf8))])
  }

  @Test("the working directory and extra environment reach the CLI")
  func directoryAndEnvironment() async throws {
    let tree = TempTree()
    let path = try script(tree, "where", "pwd; echo \"$CAW_TEST_VALUE\"")
    let lines = Lines()
    _ = try await SubprocessLauncher().run(
      Invocation(
        executable: path, arguments: [], environmentOverrides: ["CAW_TEST_VALUE": "v=1"], workingDirectory: tree.path)
    ) { lines.add($0) }
    #expect(lines.texts == [URL(fileURLWithPath: tree.path).resolvingSymlinksInPath().path, "v=1"])
  }

  @Test(
    "cancelling ends the CLI and what it started, even one that ignores SIGTERM", .timeLimit(.minutes(2)))
  func cancelKillsProcessGroup() async throws {
    let tree = TempTree()
    let pids = tree.path + "/pids"
    let path = try script(
      tree, "stubborn",
      """
      trap '' TERM
      sleep 300 &
      echo $! > \(pids)
      echo $$ >> \(pids)
      echo started
      while true; do sleep 1; done
      """)
    let lines = Lines()
    let task = Task {
      try await SubprocessLauncher(gracePeriod: .milliseconds(300)).run(Invocation(executable: path, arguments: [])) {
        lines.add($0)
      }
    }
    for _ in 0..<400 where lines.texts.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
    #expect(lines.texts == ["started"])
    task.cancel()
    let outcome = await task.result
    #expect(throws: CancellationError.self) { try outcome.get() }
    let ids = tree.read("pids").split(separator: "\n").compactMap { Int32($0) }
    #expect(ids.count == 2)
    for pid in ids {
      for _ in 0..<100 where ProcessState.isRunning(pid) { try await Task.sleep(for: .milliseconds(50)) }
      #expect(!ProcessState.isRunning(pid), "process \(pid) is still running")
    }
  }

  @Test(
    "a helper in a process group of its own (codex-code-mode-host) is gone when a cancel or an exit returns",
    .timeLimit(.minutes(2)))
  func helperInOwnProcessGroup() async throws {
    let tree = TempTree()
    for ending in ["cancel", "exit"] {
      let pids = tree.path + "/pids-" + ending
      // The helper moves to a process group of its own, as codex's code-mode host does.
      let path = try script(
        tree, "helper-" + ending,
        """
        python3 -c 'import os, time; os.setpgid(0, 0); open("\(pids)", "w").write(str(os.getpid())); time.sleep(300)' \\
          </dev/null >/dev/null 2>&1 &
        while [ ! -s \(pids) ]; do sleep 0.05; done
        echo started
        \(ending == "cancel" ? "while true; do sleep 1; done" : "exit 0")
        """)
      let lines = Lines()
      let task = Task {
        try await SubprocessLauncher(gracePeriod: .milliseconds(300)).run(Invocation(executable: path, arguments: [])) {
          lines.add($0)
        }
      }
      for _ in 0..<400 where lines.texts.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
      #expect(lines.texts == ["started"])
      let helper = try #require(Int32(tree.read("pids-" + ending).trimmingCharacters(in: .whitespacesAndNewlines)))
      if ending == "cancel" { task.cancel() }
      _ = await task.result
      #expect(!ProcessState.isRunning(helper), "the helper outlived the \(ending): \(ProcessState.commandLine(helper))")
      if ProcessState.isRunning(helper) { kill(helper, SIGKILL) }
    }
  }

  @Test("a missing executable is an error, not a crash")
  func missingExecutable() async {
    await #expect(throws: (any Error).self) {
      try await SubprocessLauncher().run(Invocation(executable: "/nonexistent/claude", arguments: [])) { _ in }
    }
  }
}
