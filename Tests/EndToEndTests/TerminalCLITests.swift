import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The terminal conventions, through the built executable: output that never crashes, "did you
/// mean", short usage lines, the `--output` trap, completions, `--version`, colour.
@Suite("Terminal conventions through the executable")
struct TerminalCLITests {
  static let crashMarkers = [
    "Fatal error", "Stack dump", "Backtrace", "stack trace", "Swift runtime failure", "try!",
  ]

  /// Runs the tool with stdout on `stdout` (a descriptor this function closes) and returns the
  /// exit code and stderr.
  static func run(_ arguments: [String], stdout fd: Int32) async throws -> (Int32, String) {
    try await offPool { try runBlocking(arguments, stdout: fd) }
  }

  private static func runBlocking(_ arguments: [String], stdout fd: Int32) throws -> (Int32, String)
  {
    let process = Process()
    process.executableURL = ToolProcess.executable
    process.arguments = arguments
    process.environment = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": FileManager.default.temporaryDirectory.path,
    ]
    let out = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    let errPipe = Pipe()
    process.standardOutput = out
    process.standardError = errPipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    try out.close()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: err, as: UTF8.self))
  }

  /// A pipe whose reading end is already closed: the first write gets `EPIPE`.
  static func closedPipe() throws -> Int32 {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    close(fds[0])
    return fds[1]
  }

  @Test func aFullDiskIsOneLineAndExit74() async throws {
    let fd = open("/dev/full", O_WRONLY)
    try #require(fd >= 0)
    let (code, stderr) = try await Self.run(["rules"], stdout: fd)
    #expect(code == 74)
    #expect(stderr == "hibob-remote: cannot write to standard output: No space left on device\n")
    for marker in Self.crashMarkers { #expect(!stderr.contains(marker)) }
  }

  @Test(arguments: [
    ["rules"], ["--help"], ["completion", "bash"], ["demo", "--scenario", "compliant"],
  ])
  func aClosedPipeEndsQuietlyWith141(_ arguments: [String]) async throws {
    let (code, stderr) = try await Self.run(arguments, stdout: try Self.closedPipe())
    #expect(code == 141, "\(arguments)")
    // demo says what it starts on stderr only for non-text formats; nothing else may appear.
    #expect(stderr.isEmpty, "\(arguments): \(stderr)")
  }

  @Test func mistypedCommandsAndFlagsGetADidYouMean() async throws {
    let command = try await ToolProcess.run(["chek"])
    #expect(command.exitCode == 2)
    #expect(command.stdout.isEmpty)
    let lines = command.stderr.split(separator: "\n")
    #expect(lines.first == "hibob-remote: unknown command 'chek'; did you mean 'check'?")
    #expect(lines.count == 2)
    let flag = try await ToolProcess.run(["check", "--base-ur", "http://127.0.0.1:9/v1"])
    #expect(flag.exitCode == 2)
    #expect(
      flag.stderr
        == "hibob-remote: unknown option '--base-ur' for 'check'; did you mean --base-url?\n"
        + "usage: hibob-remote check [options]; see 'hibob-remote check --help'\n")
    let elsewhere = try await ToolProcess.run(["check", "--dry-run"])
    #expect(elsewhere.stderr.contains("(it is an option of 'sync')"))
  }

  @Test func usageLinesAreShortAndHelpHasTheFullUsage() async throws {
    for command in [
      "check", "demo", "rules", "explain", "diff", "sync", "simulate", "bundle", "completion",
    ] {
      let bad = try await ToolProcess.run([command, "--bogus"])
      let usage = bad.stderr.split(separator: "\n").last.map(String.init) ?? ""
      #expect(usage.hasPrefix("usage: hibob-remote \(command)"), "\(command): \(usage)")
      #expect(usage.count < 100, "\(command): \(usage)")
      let help = try await ToolProcess.run([command, "--help"])
      #expect(help.exitCode == 0)
      #expect(help.stdout.hasPrefix("usage: hibob-remote \(command)"))
    }
    let help = try await ToolProcess.run(["check", "--help"])
    for option in [
      "--base-url URL", "--format text|json|junit|markdown|html", "--color auto|always|never",
    ] {
      #expect(help.stdout.contains("[\(option)]"), "\(option)")
    }
  }

  @Test func explainAndDiffNameTheMissingArgument() async throws {
    let explain = try await ToolProcess.run(["explain"])
    #expect(explain.exitCode == 2)
    #expect(explain.stderr.hasPrefix("hibob-remote: missing RULE_ID"))
    let diff = try await ToolProcess.run(["diff", "old.json"])
    #expect(diff.exitCode == 2)
    #expect(diff.stderr.hasPrefix("hibob-remote: missing NEW.json"))
    let none = try await ToolProcess.run(["diff"])
    #expect(none.stderr.hasPrefix("hibob-remote: missing OLD.json and NEW.json"))
  }

  @Test(arguments: ["json", "markdown", "junit", "html", "text", "JSON"])
  func aFormatNameAsOutputIsRefused(_ name: String) async throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-trap-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try await ToolProcess.run(
      ["check", "--base-url", "http://127.0.0.1:9/v1", "--output", name],
      environment: BadInputCLITests.credentials, timeout: 30, currentDirectory: folder)
    #expect(result.exitCode == 2)
    #expect(result.stderr.contains("did you mean --format \(name.lowercased())?"))
    #expect(result.stderr.split(separator: "\n").count == 2)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func aFormatNameAsOutputIsAllowedWithFormat() async throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-trap-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // With --format the name is taken as meant; no credentials, so it stops there.
    let result = try await ToolProcess.run(
      ["check", "--format", "json", "--output", "json"], timeout: 30, currentDirectory: folder)
    #expect(result.exitCode == 2)
    #expect(!result.stderr.contains("did you mean"))
  }

  @Test func completionScriptsComeFromTheCommandTable() async throws {
    let bash = try await ToolProcess.run(["completion", "bash"])
    #expect(bash.exitCode == 0)
    #expect(bash.stdout.contains("complete -F _hibob_remote hibob-remote"))
    // Every rule id is offered after `explain`.
    #expect(bash.stdout.contains("people.identification.view"))
    for shell in ["zsh", "fish"] {
      let script = try await ToolProcess.run(["completion", shell])
      #expect(script.exitCode == 0)
      #expect(script.stdout.contains("--base-url") || script.stdout.contains("-l base-url"))
    }
    let bad = try await ToolProcess.run(["completion", "zhs"])
    #expect(bad.exitCode == 2)
    #expect(bad.stderr.contains("did you mean zsh?"))
    // The bash script parses.
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-completion-\(UUID().uuidString).bash")
    try Data(bash.stdout.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    #expect(try await ChildProcess.run("/bin/bash", ["-n", file.path]).status == 0)
  }

  @Test func versionHasBuildDetailsAndAJSONForm() async throws {
    let text = try await ToolProcess.run(["--version"])
    #expect(text.exitCode == 0)
    #expect(text.stdout.hasPrefix("hibob-remote 0.1.0 (Swift 6."))
    let json = try await ToolProcess.run(["--version", "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: String]
    #expect(object?["version"] == "0.1.0")
    #expect(
      Set(object?.keys.map { $0 } ?? []) == [
        "name", "version", "swift", "os", "arch", "configuration",
      ])
    let bad = try await ToolProcess.run(["--version", "--format", "xml"])
    #expect(bad.exitCode == 2)
  }

  @Test func colourFollowsTheFlagsAndNotThePipe() async throws {
    let piped = try await ToolProcess.run(["demo", "--scenario", "compliant"])
    #expect(piped.exitCode == 0)
    #expect(!piped.stdout.contains("\u{1B}["))
    // Not a terminal: no progress line either, and no wrapping (a fix stays on one line).
    #expect(!piped.stderr.contains("\r"))
    let always = try await ToolProcess.run(
      ["demo", "--scenario", "compliant", "--color", "always"], environment: ["NO_COLOR": "1"])
    #expect(always.stdout.contains("\u{1B}[32m✓ pass"))
    let contradiction = try await ToolProcess.run(["demo", "--no-color", "--color", "always"])
    #expect(contradiction.exitCode == 2)
    let bad = try await ToolProcess.run(["demo", "--color", "sometimes"])
    #expect(bad.exitCode == 2)
    #expect(bad.stderr.contains("--color needs auto, always or never"))
  }

  @Test func pipedTextIsNotWrapped() async throws {
    let result = try await ToolProcess.run(["demo"], environment: ["COLUMNS": "40"])
    #expect(result.exitCode == 0)
    let fix = result.stdout.split(separator: "\n").first { $0.hasPrefix("            fix: ") }
    #expect((fix?.count ?? 0) > 100)
  }
}
