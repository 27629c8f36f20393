import Common
import Foundation
import HibobAPI
import Preflight
import Simulator
import Synchronization
import Testing

/// `bundle`, `check --record/--replay` and `simulate --recording` through the built executable.
@Suite("bundle, record and replay via the executable", .serialized)
struct BundleCommandTests {
  static func environment(_ tenant: Tenant) -> [String: String] {
    [
      "HIBOB_SERVICE_USER_ID": tenant.serviceUser.id,
      "HIBOB_SERVICE_USER_TOKEN": tenant.serviceUser.token,
    ]
  }

  @Test(
    "bundle runs the check and writes report, Markdown, recording and a manifest whose hashes match"
  )
  func bundleRunsTheCheck() async throws {
    let tenant = try Fixtures.tenant("missing-address")
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let folder = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("bundle")

    let result = try await ToolProcess.run(
      ["bundle", "--base-url", hibob.baseURL.absoluteString, "--output", output.path],
      environment: Self.environment(tenant))
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stdout == output.path + "\n")
    #expect(result.stderr.contains("verdict: FAIL"))

    let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
    #expect(names == ["manifest.json", "recording.json", "report.json", "report.md"])
    let manifestData = try Data(contentsOf: output.appendingPathComponent("manifest.json"))
    let manifest = try JSONParser.parse(manifestData)
    #expect(manifest["source"] == "check")
    #expect(manifest["verdict"] == "fail")
    #expect(manifest["platform"]?["os"]?.stringValue?.isEmpty == false)
    let files = try #require(manifest["files"]?.arrayValue)
    #expect(files.count == 3)
    for file in files {
      let name = try #require(file["name"]?.stringValue)
      let data = try Data(contentsOf: output.appendingPathComponent(name))
      #expect(file["sha256"]?.stringValue == SHA256.hex(data), "\(name)")
      #expect(file["bytes"]?.intValue == data.count, "\(name)")
    }
    for name in names {
      let data = try Data(contentsOf: output.appendingPathComponent(name))
      #expect(RecordingFixtures.leaks(of: tenant, in: data) == [], "\(name)")
    }
    // The bundled recording replays to the bundled report's statuses.
    let recording = try Recording.read(path: output.appendingPathComponent("recording.json").path)
    let report = try Report.decode(
      try Data(contentsOf: output.appendingPathComponent("report.json")))
    let replayed = try await Replay.run(recording, toolVersion: "0.1.0-test")
    #expect(RecordingFixtures.statuses(replayed.report) == RecordingFixtures.statuses(report))

    // Never overwrites.
    let again = try await ToolProcess.run(
      [
        "bundle", "--recording", output.appendingPathComponent("recording.json").path,
        "--output", output.path,
      ])
    #expect(again.exitCode == 2)
    #expect(again.stderr.contains("already exists"))
  }

  @Test("check --record then check --replay give the same report results; damage is refused")
  func recordThenReplay() async throws {
    let tenant = try Fixtures.tenant("selection-problems")
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let folder = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let recordingPath = folder.appendingPathComponent("rec.json").path

    let recorded = try await ToolProcess.run(
      [
        "check", "--base-url", hibob.baseURL.absoluteString, "--record", recordingPath,
        "--format", "json",
      ],
      environment: Self.environment(tenant))
    #expect(recorded.exitCode == 0 || recorded.exitCode == 1, "\(recorded.stderr)")
    let replayed = try await ToolProcess.run(
      ["check", "--replay", recordingPath, "--format", "json"])
    #expect(replayed.exitCode == recorded.exitCode, "\(replayed.stderr)")
    let first = try Report.decode(Data(recorded.stdout.utf8))
    let second = try Report.decode(Data(replayed.stdout.utf8))
    #expect(RecordingFixtures.statuses(first) == RecordingFixtures.statuses(second))
    #expect(first.diagnosis.map(\.cause) == second.diagnosis.map(\.cause))
    #expect(first.target == second.target)
    #expect(first.verdict == second.verdict)
    #expect(first.summary.warn > 0)

    // A truncated copy: exit 2, one line.
    let data = try Data(contentsOf: URL(fileURLWithPath: recordingPath))
    let truncatedPath = folder.appendingPathComponent("truncated.json").path
    try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: truncatedPath))
    let truncated = try await ToolProcess.run(["check", "--replay", truncatedPath])
    #expect(truncated.exitCode == 2)
    #expect(truncated.stdout.isEmpty)
    #expect(truncated.stderr.contains("is not a recording: it is not valid JSON"))
    #expect(truncated.stderr.split(separator: "\n").count == 1)
    // A report passed as a recording.
    let reportPath = folder.appendingPathComponent("report.json").path
    try Data(recorded.stdout.utf8).write(to: URL(fileURLWithPath: reportPath))
    let notRecording = try await ToolProcess.run(["simulate", "--recording", reportPath])
    #expect(notRecording.exitCode == 2)
    #expect(notRecording.stderr.contains("is not a hibob-remote recording"))
    // --replay with a target option is a usage error.
    let mixed = try await ToolProcess.run(
      ["check", "--replay", recordingPath, "--base-url", "http://127.0.0.1:1/v1"])
    #expect(mixed.exitCode == 2)
    #expect(mixed.stderr.contains("cannot be used with --replay"))
  }

  @Test("bundle --report --recording bundles what it is given; a planted email is refused")
  func bundleGivenFilesAndLeak() async throws {
    let (_, outcome, recording) = try await RecordingFixtures.record("no-sync-field")
    let folder = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let reportPath = folder.appendingPathComponent("report.json")
    try Data(try ReportFormat.json.render(outcome.report).utf8).write(to: reportPath)
    let recordingPath = folder.appendingPathComponent("rec.json")
    try recording.encoded().write(to: recordingPath)

    let ok = try await ToolProcess.run(
      [
        "bundle", "--report", reportPath.path, "--recording", recordingPath.path, "--output",
        folder.appendingPathComponent("ok").path,
      ])
    #expect(ok.exitCode == 0, "\(ok.stderr)")
    let manifest = try JSONParser.parse(
      try Data(contentsOf: folder.appendingPathComponent("ok/manifest.json")))
    #expect(manifest["source"] == "report")

    // Someone pasted a customer's email into the report's reason: nothing is written.
    var planted = outcome.report
    planted.results[0].reason += " (reported by jane.doe@customer.example.com)"
    try Data(try ReportFormat.json.render(planted).utf8).write(to: reportPath)
    let refused = try await ToolProcess.run(
      [
        "bundle", "--report", reportPath.path, "--output", folder.appendingPathComponent("no").path,
      ],
      environment: [
        "HIBOB_SERVICE_USER_ID": "SERVICE-1", "HIBOB_SERVICE_USER_TOKEN": "x-token-1234",
      ])
    #expect(refused.exitCode == 2)
    #expect(refused.stderr.contains("report.json"))
    #expect(refused.stderr.contains("an email address"))
    #expect(!refused.stderr.contains("jane.doe"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("no").path))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!leftovers.contains { $0.hasPrefix(".no.tmp") })
  }

  @Test("simulate --recording serves a recording the check then passes against")
  func simulateRecording() async throws {
    let (tenant, outcome, recording) = try await RecordingFixtures.record("compliant")
    let folder = try RecordingFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let recordingPath = folder.appendingPathComponent("rec.json")
    try recording.encoded().write(to: recordingPath)

    let server = try ServedProcess(["simulate", "--recording", recordingPath.path])
    defer { server.stop() }
    let url = try await server.firstLine()
    #expect(url.hasPrefix("http://127.0.0.1:"))
    #expect(url.hasSuffix("/v1"))
    let check = try await ToolProcess.run(
      ["check", "--base-url", url, "--format", "json"],
      environment: ["HIBOB_SERVICE_USER_ID": "ANY-ID", "HIBOB_SERVICE_USER_TOKEN": "any-token-123"])
    #expect(check.exitCode == 0, "\(check.stderr)")
    let report = try Report.decode(Data(check.stdout.utf8))
    #expect(RecordingFixtures.statuses(report) == RecordingFixtures.statuses(outcome.report))
    _ = tenant
  }
}

/// A long-running tool process (a simulator) whose first stdout line is awaited without
/// blocking a thread.
final class ServedProcess: Sendable {
  private let process: Process
  private let lines: AsyncStream<String>

  init(_ arguments: [String]) throws {
    let process = ToolProcess.process(arguments, environment: ProcessInfo.processInfo.environment)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    let (stream, continuation) = AsyncStream<String>.makeStream()
    let buffer = LineBuffer()
    pipe.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      if data.isEmpty {
        handle.readabilityHandler = nil
        continuation.finish()
        return
      }
      for line in buffer.append(data) { continuation.yield(line) }
    }
    process.terminationHandler = { _ in continuation.finish() }
    try process.run()
    self.process = process
    self.lines = stream
  }

  func firstLine() async throws -> String {
    for await line in lines { return line }
    throw CocoaError(.fileReadUnknown)
  }

  func stop() {
    if process.isRunning { process.terminate() }
  }
}

final class LineBuffer: Sendable {
  private let pending = Mutex(Data())

  func append(_ data: Data) -> [String] {
    pending.withLock { pending in
      pending.append(data)
      var lines: [String] = []
      while let newline = pending.firstIndex(of: 0x0A) {
        lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
        pending = Data(pending[pending.index(after: newline)...])
      }
      return lines
    }
  }
}
