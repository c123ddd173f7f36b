// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "caw-tui",
  products: [
    .executable(name: "caw-tui", targets: ["caw-tui"]),
    .library(name: "CawCore", targets: ["CawCore"]),
    .library(name: "CawTools", targets: ["CawTools"]),
    .executable(name: "caw-bench", targets: ["caw-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Core library: the caw_data format, the session store and reader, resume handles, running the agent
    // CLIs. No terminal code.
    .target(
      name: "CawCore",
      dependencies: [
        "CAgentWatchdog",
        "CJSONScan",
        .product(name: "OrderedCollections", package: "swift-collections"),
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "SystemPackage", package: "swift-system"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        "CZlib",
      ]),

    // zlib (Debian: zlib1g-dev), which packs the text the search index keeps for snippets.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // The JSON readers' string scan (C, for SSE2's byte masks, which Swift's SIMD types cannot produce).
    .target(name: "CJSONScan"),
    // The agent watchdog (C: fork, prctl(PR_SET_PDEATHSIG), pidfds), run by caw-tui in a hidden mode.
    .target(name: "CAgentWatchdog"),
    // Our own tools and subagents for the agent CLIs, served over MCP (modelcontextprotocol/swift-sdk on
    // a SwiftNIO HTTP listener on 127.0.0.1). A separate library so CawCore alone builds without NIO.
    .target(
      name: "CawTools",
      dependencies: [
        "CawCore",
        .product(name: "MCP", package: "swift-sdk"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]),

    // UI logic: state, actions, keymap, layout, panes, the cell grid and the Screen seam. No C, no I/O.
    .target(
      name: "CawUI",
      dependencies: ["CawCore", .product(name: "OrderedCollections", package: "swift-collections")]),

    // The session service: the UI's effects (listing, loading, live refresh, export, runs) performed off
    // the UI thread, their results posted back as actions.
    .target(name: "CawApp", dependencies: ["CawCore", "CawUI", "CawTools"]),

    // ncurses, isolated: the C shim and the only Swift module that imports it.
    .target(name: "CNCursesW", linkerSettings: [.linkedLibrary("ncursesw")]),
    .target(name: "CawNCurses", dependencies: ["CawCore", "CawUI", "CNCursesW"]),

    // Composition root: the command-line interface and the TUI.
    .executableTarget(
      name: "caw-tui",
      dependencies: [
        "CawCore", "CawUI", "CawApp", "CawNCurses", "CawTools",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "OrderedCollections", package: "swift-collections"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SystemPackage", package: "swift-system"),
      ],
      // Released with the Swift runtime and Foundation linked in (`-static-stdlib`): measured, a command
      // starts in 12 ms instead of 17, and a cold list of 10,000 sessions takes 0.21 s instead of 0.245 s.
      // lld, since gold warns of Foundation's `mktemp`; the static Foundation's own libraries are named,
      // and libcurl for FoundationNetworking, which the MCP SDK imports (Debian: libcurl4-openssl-dev).
      // Debug builds stay dynamic: the test bundle links this target, and Testing has no static library.
      linkerSettings: [
        .unsafeFlags(
          [
            "-static-stdlib", "-use-ld=lld", "-l_CFURLSessionInterface", "-l_FoundationICU", "-l_FoundationCShims",
            "-l_FoundationCollections", "-lCoreFoundation", "-lcurl",
          ], .when(configuration: .release))
      ]),

    // A runnable example of CawTools: tools written in Swift, given to claude, codex or opencode.
    .executableTarget(
      name: "caw-tools-example",
      dependencies: ["CawCore", "CawTools", .product(name: "OrderedCollections", package: "swift-collections")]),

    // Benchmarks: generates a large caw_data tree and times CawCore and the CLI against Python caw.
    .executableTarget(
      name: "caw-bench",
      dependencies: [
        "CawCore", "CawUI", "CawApp",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]),

    // Fuzzing (issue 12): the targets' checks, and `caw-fuzz`, which drives them under libFuzzer when
    // built with `-sanitize=fuzzer,address` (CFuzzDriver declares libFuzzer's driver as a weak symbol)
    // and replays files through them in any build (the tests replay the seed corpora in Fuzz/Corpus).
    .target(name: "CawFuzzTargets", dependencies: ["CawCore"]),
    .target(name: "CFuzzDriver"),
    .executableTarget(name: "caw-fuzz", dependencies: ["CawFuzzTargets", "CFuzzDriver"]),

    // Tests: helpers both test targets share (temporary trees, running programs, the Python interop venv).
    .target(
      name: "TestSupport", dependencies: ["CawCore", .product(name: "OrderedCollections", package: "swift-collections")],
      path: "Tests/TestSupport"),
    .testTarget(
      name: "CawCoreTests",
      dependencies: [
        "CawCore", "CJSONScan", "caw-tui", "caw-fuzz", "caw-tools-example", "TestSupport",
        .product(name: "OrderedCollections", package: "swift-collections"), .product(name: "Logging", package: "swift-log"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "CawToolsTests",
      dependencies: [
        "CawCore", "CawTools", "TestSupport", .product(name: "MCP", package: "swift-sdk"),
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]),
    .testTarget(
      name: "CawUITests",
      dependencies: [
        "CawCore", "CawUI", "CawApp", "CawNCurses", "caw-tui", "TestSupport",
        .product(name: "OrderedCollections", package: "swift-collections"),
      ],
      exclude: ["Snapshots"]),
  ]
)

for target in package.targets where target.type != .system {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  target.swiftSettings = settings
}
