import Foundation
import TestSupport

/// Real consumers of the report formats, run as child processes: Debian's `tidy` (an HTML
/// checker), Python's `junitparser` (a JUnit reader) and `markdown-it-py` (a CommonMark renderer
/// with GFM tables). `.ci/run` installs them when they are missing and sets
/// `HIBOB_REMOTE_REQUIRE_TOOLS=1`; elsewhere a test that needs a missing one is skipped with a
/// message that names the install command.
enum ExternalTools {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Set by `.ci/run`: a missing tool then fails the test instead of skipping it.
  static let required = ProcessInfo.processInfo.environment["HIBOB_REMOTE_REQUIRE_TOOLS"] == "1"

  static let tidyInstalled = (try? runBlocking("/usr/bin/env", ["tidy", "-v"]).status) == 0
  static let junitparserInstalled = pythonImports("junitparser")
  static let markdownItInstalled = pythonImports("markdown_it")

  static let tidyHint = "tidy is not installed: `apt-get install -y tidy` (.ci/run installs it)"
  static let junitparserHint =
    "python3 cannot import junitparser: `python3 -m pip install junitparser` (.ci/run installs it)"
  static let markdownItHint =
    "python3 cannot import markdown_it: `python3 -m pip install markdown-it-py` (.ci/run "
    + "installs it)"

  private static func pythonImports(_ module: String) -> Bool {
    (try? runBlocking("/usr/bin/env", ["python3", "-c", "import \(module)"]).status) == 0
  }

  /// Runs `executable` with `arguments`, `input` on stdin, on a thread of its own (`offPool`).
  static func run(_ executable: String, _ arguments: [String], input: String = "") async throws
    -> Output
  {
    try await offPool { try runBlocking(executable, arguments, input: input) }
  }

  /// As `run`, on the calling thread (for the one-time probes above); stdout and stderr go
  /// through files so that no pipe can fill up and block the child.
  private static func runBlocking(_ executable: String, _ arguments: [String], input: String = "")
    throws -> Output
  {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inPath = dir.appendingPathComponent("in")
    let outPath = dir.appendingPathComponent("out")
    let errPath = dir.appendingPathComponent("err")
    try Data(input.utf8).write(to: inPath)
    for url in [outPath, errPath] {
      _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    }
    let stdin = try FileHandle(forReadingFrom: inPath)
    let stdout = try FileHandle(forWritingTo: outPath)
    let stderr = try FileHandle(forWritingTo: errPath)
    defer {
      try? stdin.close()
      try? stdout.close()
      try? stderr.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    process.waitUntilExit()
    func read(_ url: URL) -> String {
      String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    }
    return Output(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
  }

  /// `tidy -errors -quiet` over `html`: its findings (errors and warnings), empty when clean.
  static func tidyFindings(_ html: String) async throws -> String {
    guard tidyInstalled else { throw Failure(description: tidyHint) }
    let out = try await run("/usr/bin/env", ["tidy", "-errors", "-quiet", "-utf8"], input: html)
    if out.status == 0 && out.stderr.isEmpty { return "" }
    return "tidy exit \(out.status):\n" + out.stderr
  }

  /// Runs a Python script (argv after it: `arguments`) and returns its stdout; a non-zero exit
  /// throws with its stderr.
  static func python(_ script: String, _ arguments: [String] = [], input: String = "")
    async throws -> String
  {
    let out = try await run("/usr/bin/env", ["python3", "-c", script] + arguments, input: input)
    guard out.status == 0 else {
      throw Failure(description: "python3 exited \(out.status): \(out.stderr)")
    }
    return out.stdout
  }
}
