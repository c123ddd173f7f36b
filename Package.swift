// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "caw-tui",
  products: [
    .executable(name: "caw-tui", targets: ["caw-tui"]),
    .library(name: "CawCore", targets: ["CawCore"]),
    .executable(name: "caw-bench", targets: ["caw-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
  ],
  targets: [
    // Core library: the caw_data format, the session store and reader, resume handles, running the agent
    // CLIs. No terminal code.
    .target(
      name: "CawCore",
      dependencies: [
        .product(name: "OrderedCollections", package: "swift-collections"),
        .product(name: "Subprocess", package: "swift-subprocess"),
        .product(name: "SystemPackage", package: "swift-system"),
      ]),

    // UI logic: state, actions, keymap, layout, panes, the cell grid and the Screen seam. No C, no I/O.
    .target(
      name: "CawUI",
      dependencies: ["CawCore", .product(name: "OrderedCollections", package: "swift-collections")]),

    // ncurses, isolated: the C shim and the only Swift module that imports it.
    .target(name: "CNCursesW", linkerSettings: [.linkedLibrary("ncursesw")]),
    .target(name: "CawNCurses", dependencies: ["CawCore", "CawUI", "CNCursesW"]),

    // Composition root: the command-line interface and the TUI.
    .executableTarget(
      name: "caw-tui",
      dependencies: [
        "CawCore", "CawUI", "CawNCurses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "OrderedCollections", package: "swift-collections"),
      ]),

    // Benchmarks: generates a large caw_data tree and times CawCore and the CLI against Python caw.
    .executableTarget(
      name: "caw-bench",
      dependencies: [
        "CawCore", "CawUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Tests: helpers both test targets share (temporary trees, running programs, the Python interop venv).
    .target(
      name: "TestSupport", dependencies: ["CawCore", .product(name: "OrderedCollections", package: "swift-collections")],
      path: "Tests/TestSupport"),
    .testTarget(
      name: "CawCoreTests",
      dependencies: [
        "CawCore", "caw-tui", "TestSupport", .product(name: "OrderedCollections", package: "swift-collections"),
      ]),
    .testTarget(
      name: "CawUITests",
      dependencies: [
        "CawCore", "CawUI", "CawNCurses", "caw-tui", "TestSupport",
        .product(name: "OrderedCollections", package: "swift-collections"),
      ],
      exclude: ["Snapshots"]),
  ]
)

for target in package.targets {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  target.swiftSettings = settings
}
