import Foundation

/// A child process run to its end: the one runner the tests' external tools (python3, tidy, the
/// shells) go through.
public enum ChildProcess {
  public struct Output: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// The launch itself failed (no such executable, say); other errors are the temporary files'.
  public struct LaunchFailed: Error, CustomStringConvertible {
    public var underlying: any Error
    public var description: String { "\(underlying)" }
  }

  /// Runs `executable` with `arguments`, `input` on stdin, waiting on a thread of its own
  /// (`offPool`). `environment` replaces the test's own when given.
  public static func run(
    _ executable: String, _ arguments: [String], input: String = "",
    environment: [String: String]? = nil, in folder: URL? = nil
  ) async throws -> Output {
    try await offPool {
      try runBlocking(
        executable, arguments, input: input, environment: environment, in: folder)
    }
  }

  /// As `run`, on the calling thread: only for a one-time probe outside any test. stdout and
  /// stderr go through files, so that no pipe can fill up and block the child.
  public static func runBlocking(
    _ executable: String, _ arguments: [String], input: String = "",
    environment: [String: String]? = nil, in folder: URL? = nil
  ) throws -> Output {
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
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    do {
      try process.run()
    } catch {
      throw LaunchFailed(underlying: error)
    }
    process.waitUntilExit()
    func read(_ url: URL) -> String {
      String(decoding: FileManager.default.contents(atPath: url.path) ?? Data(), as: UTF8.self)
    }
    return Output(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
  }
}
