import Foundation
import TestSupport

/// Real consumers of the report formats, run as child processes: Debian's `tidy` (an HTML
/// checker), Python's `junitparser` (a JUnit reader) and `markdown-it-py` (a CommonMark renderer
/// with GFM tables). `.ci/run` installs them when they are missing and sets
/// `HIBOB_REMOTE_REQUIRE_TOOLS=1`; elsewhere a test that needs a missing one is skipped with a
/// message that names the install command.
enum ExternalTools {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Set by `.ci/run`: a missing tool then fails the test instead of skipping it.
  static let required = ProcessInfo.processInfo.environment["HIBOB_REMOTE_REQUIRE_TOOLS"] == "1"

  static let tidyInstalled =
    (try? ChildProcess.runBlocking("/usr/bin/env", ["tidy", "-v"]).status) == 0
  static let junitparserInstalled = pythonImports("junitparser")
  static let markdownItInstalled = pythonImports("markdown_it")

  static let tidyHint = "tidy is not installed: `apt-get install -y tidy` (.ci/run installs it)"
  static let junitparserHint =
    "python3 cannot import junitparser: `python3 -m pip install junitparser` (.ci/run installs it)"
  static let markdownItHint =
    "python3 cannot import markdown_it: `python3 -m pip install markdown-it-py` (.ci/run "
    + "installs it)"

  private static func pythonImports(_ module: String) -> Bool {
    (try? ChildProcess.runBlocking("/usr/bin/env", ["python3", "-c", "import \(module)"]).status)
      == 0
  }

  static func run(_ executable: String, _ arguments: [String], input: String = "") async throws
    -> ChildProcess.Output
  {
    try await ChildProcess.run(executable, arguments, input: input)
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
