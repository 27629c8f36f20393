import Foundation
import Testing

/// Runs the built `hibob-remote` executable as a subprocess, as a user or a script would.
struct ToolProcess {
  struct Result {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var output: String { stdout + stderr }
  }

  /// The executable SwiftPM built beside the test bundle.
  static var executable: URL {
    var dir = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = dir.appendingPathComponent("hibob-remote")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/hibob-remote")
  }

  /// The tool as a process not yet started: `arguments`, exactly `environment` plus PATH (and a
  /// HOME when none is given), no stdin. Every test that runs the tool starts it from here.
  static func process(_ arguments: [String], environment: [String: String] = [:]) -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = environment
    env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    env["HOME"] = env["HOME"] ?? FileManager.default.temporaryDirectory.path
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    return process
  }

  /// Runs the tool with exactly `environment` (plus PATH), killing it after `timeout` seconds.
  /// Waits without blocking a thread: the simulator the tool talks to runs on the same
  /// cooperative pool (two threads on a two-core machine).
  static func run(
    _ arguments: [String], environment: [String: String] = [:], timeout: Double = 120,
    currentDirectory: URL? = nil
  ) async throws -> Result {
    let process = process(arguments, environment: environment)
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let outFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-out-\(UUID().uuidString)")
    let errFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outFile)
      try? FileManager.default.removeItem(at: errFile)
    }
    let outHandle = try FileHandle(forWritingTo: outFile)
    let errHandle = try FileHandle(forWritingTo: errFile)
    process.standardOutput = outHandle
    process.standardError = errHandle
    let exited = AsyncStream<Void> { continuation in
      process.terminationHandler = { _ in
        continuation.yield()
        continuation.finish()
      }
    }
    try process.run()
    let watchdog = Task {
      try await Task.sleep(for: .seconds(timeout))
      if process.isRunning {
        Issue.record("hibob-remote \(arguments.joined(separator: " ")) ran past \(timeout) s")
        process.terminate()
      }
    }
    for await _ in exited { break }
    watchdog.cancel()
    try outHandle.close()
    try errHandle.close()
    return Result(
      exitCode: process.terminationStatus,
      stdout: String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self))
  }
}
