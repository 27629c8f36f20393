// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "hibob-remote",
  products: [
    .executable(name: "hibob-remote", targets: ["hibob-remote"]),
    .executable(name: "hibob-remote-bench", targets: ["hibob-remote-bench"]),
  ],
  targets: [
    // What several modules share, with no dependencies: SHA-256, atomic file writes, the JSON
    // string escaper, UTC dates, the word wrap.
    .target(name: "Common"),
    // A small HTTP/1.1 server on loopback, with fault injection. Used by the simulators only.
    .target(name: "LoopbackHTTP"),
    // libcurl's easy interface, loaded at run time (dlopen; no curl headers or link flags), for
    // the requests that go on a connection of their own (POST, PUT, PATCH, DELETE).
    .target(name: "CCurl"),
    // The Hibob client: transport seam, URLSession transport, retries, rate limits, endpoints, models.
    .target(name: "HibobAPI", dependencies: ["Common", "CCurl"]),
    // The permission matrix: one rule per file, pure evaluators over observations, diagnosis.
    .target(name: "PermissionRules", dependencies: ["Common"]),
    // Plans and runs the probes, builds the Report, renders it, diffs reports.
    .target(name: "Preflight", dependencies: ["Common", "HibobAPI", "PermissionRules"]),
    // Simulated Hibob tenant and Remote API served by LoopbackHTTP.
    .target(name: "Simulator", dependencies: ["Common", "LoopbackHTTP"]),
    // Remote client, mapping, state store, the gated sync engine.
    .target(name: "RemoteSync", dependencies: ["Common", "HibobAPI", "Preflight"]),
    // The terminal: the command table (usage, help, completions), the argument scanner with
    // "did you mean" (the executable's and the benchmark's), colour and width decisions, safe
    // writes to stdout/stderr, progress.
    .target(name: "CLISupport", dependencies: ["Common", "HibobAPI"]),
    // The executable: commands, usage errors, exit codes; nothing else.
    .executableTarget(
      name: "hibob-remote",
      dependencies: [
        "Common", "HibobAPI", "PermissionRules", "Preflight", "Simulator", "RemoteSync",
        "CLISupport",
      ]
    ),
    .executableTarget(
      name: "hibob-remote-bench",
      dependencies: [
        "Common", "HibobAPI", "PermissionRules", "Preflight", "Simulator", "RemoteSync",
        "CLISupport",
      ]
    ),
    // What several test targets share (the one test clock); test code, under Tests/.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "CommonTests", dependencies: ["Common"]),
    .testTarget(name: "LoopbackHTTPTests", dependencies: ["LoopbackHTTP", "TestSupport"]),
    .testTarget(
      name: "HibobAPITests", dependencies: ["HibobAPI", "LoopbackHTTP", "TestSupport"]),
    .testTarget(name: "PermissionRulesTests", dependencies: ["Common", "PermissionRules"]),
    .testTarget(name: "CLISupportTests", dependencies: ["CLISupport", "HibobAPI", "TestSupport"]),
    .testTarget(
      name: "PreflightTests",
      dependencies: [
        "Common", "Preflight", "PermissionRules", "HibobAPI", "Simulator", "TestSupport",
      ],
      exclude: ["Golden"]),
    .testTarget(
      name: "SimulatorTests",
      dependencies: ["Simulator", "LoopbackHTTP", "HibobAPI", "TestSupport"]),
    .testTarget(
      name: "RemoteSyncTests",
      dependencies: ["RemoteSync", "Simulator", "HibobAPI", "Preflight", "TestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "hibob-remote", "Common", "Simulator", "HibobAPI", "Preflight", "PermissionRules",
        "RemoteSync", "TestSupport",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
