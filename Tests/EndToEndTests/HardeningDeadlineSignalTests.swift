import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The executable as a running process a test can signal.
final class RunningTool: @unchecked Sendable {
  let process: Process
  private let outFile: URL
  private let errFile: URL
  private let exited: AsyncStream<Void>

  /// Starts the executable; the spawn happens off the cooperative pool.
  static func start(_ arguments: [String], environment: [String: String]) async throws
    -> RunningTool
  {
    let tool = try RunningTool(arguments, environment: environment)
    let process = tool.process
    try await offPool { try process.run() }
    return tool
  }

  private init(_ arguments: [String], environment: [String: String]) throws {
    process = ToolProcess.process(arguments, environment: environment)
    outFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-sig-out-\(UUID().uuidString)")
    errFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-sig-err-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outFile)
    process.standardError = try FileHandle(forWritingTo: errFile)
    let process = self.process
    exited = AsyncStream { continuation in
      process.terminationHandler = { _ in
        continuation.yield()
        continuation.finish()
      }
    }
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// What the process wrote to stdout so far.
  var currentStdout: String {
    String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self)
  }

  /// Waits for the exit; after `limit` seconds records an issue and kills the process.
  func waitForExit(limit: Double) async -> (
    status: Int32, signalled: Bool, stdout: String, stderr: String
  ) {
    let process = self.process
    let watchdog = Task {
      try await Task.sleep(for: .seconds(limit))
      if process.isRunning {
        Issue.record("the process was still running \(limit) s after the signal")
        kill(process.processIdentifier, SIGKILL)
      }
    }
    for await _ in exited { break }
    watchdog.cancel()
    defer {
      try? FileManager.default.removeItem(at: outFile)
      try? FileManager.default.removeItem(at: errFile)
    }
    return (
      process.terminationStatus, process.terminationReason == .uncaughtSignal,
      String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
      String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self)
    )
  }
}

/// Polls (without blocking a thread) until `condition` holds or `limit` seconds pass.
func eventually(limit: Double = 20, _ condition: () -> Bool) async throws -> Bool {
  let end = ContinuousClock.now + .seconds(limit)
  while ContinuousClock.now < end {
    if condition() { return true }
    try await Task.sleep(for: .milliseconds(20))
  }
  return condition()
}

@Suite("Deadline and signals")
struct HardeningDeadlineSignalTests {
  /// Hanging searches: the run ends at the deadline, the search rules are `error` (or skipped
  /// behind Basic info), the rest is decided, and the report is written to --output.
  @Test(arguments: ["json", "junit"])
  func hangingSearchesEndAtTheDeadline(format: String) async throws {
    var tenant = try HardeningFixtures.tenant("compliant")
    tenant.faults = [FaultSpec(path: "/v1/people/search", times: 1000, kind: .delay, seconds: 60)]
    try await withSimulatorProcess(tenant) { hibob in
      let dir = try HardeningFixtures.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let output = dir.appendingPathComponent("report.\(format)").path
      let start = ContinuousClock.now
      let result = try await HardeningProcess.run(
        [
          "check", "--base-url", hibob.baseURL, "--format", format, "--output",
          output, "--timeout", "30", "--deadline", "8",
        ], environment: HardeningFixtures.environment(tenant), timeout: 60)
      let elapsed = ContinuousClock.now - start
      #expect(result.exitCode == 3)
      #expect(elapsed < .seconds(30), "the run took \(elapsed) with an 8 s deadline")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.lowercased().contains("inconclusive"))
      let written = try String(contentsOfFile: output, encoding: .utf8)
      FixtureLeakScanner.shared.check(written, source: "deadline report (\(format))")
      FixtureLeakScanner.shared.check(result.output, source: "deadline run (\(format))")
      if format == "json" {
        let report = try Report.decode(Data(written.utf8))
        let statuses = report.statuses
        #expect(statuses["credentials.authenticate"] == .pass)
        #expect(statuses["people.basic_info.view"] == .error)
        #expect([.skipped, .error].contains(statuses["scope.lifecycle_status"]))
        #expect(statuses["company.lists.edit_all"] == .pass)
        #expect(statuses["company.employee_fields.manage"] == .pass)
        #expect(report.verdict == .inconclusive)
        #expect(!report.results.contains { $0.status == .pass && SectionRules.ids.contains($0.id) })
      } else {
        #expect(written.contains("<testsuite"))
        #expect(written.contains("people.basic_info.view"))
      }
    }
  }

  /// The first probe hangs: the report still comes, on stdout, with every rule decided or
  /// `error`/`skipped`.
  @Test func hangingMetadataEndsAtTheDeadline() async throws {
    var tenant = try HardeningFixtures.tenant("compliant")
    tenant.faults = [
      FaultSpec(path: "/v1/company/people/fields", times: 1000, kind: .delay, seconds: 60)
    ]
    try await withSimulatorProcess(tenant) { hibob in
      let result = try await HardeningProcess.run(
        [
          "check", "--base-url", hibob.baseURL, "--format", "json", "--deadline", "2",
        ], environment: HardeningFixtures.environment(tenant), timeout: 60)
      #expect(result.exitCode == 3)
      let report = try Report.decode(Data(result.stdout.utf8))
      #expect(report.statuses["credentials.authenticate"] == .error)
      let others = report.results.filter {
        $0.id != "credentials.authenticate" && $0.id != "credentials.format"
      }
      #expect(others.allSatisfy { $0.status == .skipped })
      FixtureLeakScanner.shared.check(result.output, source: "metadata deadline run")
    }
  }

  /// In process, a deadline shorter than one probe's hang: every probe still open becomes
  /// `error`, none `pass` or `fail`.
  @Test func inProcessDeadlineLeavesNoVerdictOnOpenProbes() async throws {
    let tenant = try HardeningFixtures.tenant("compliant")
    try await withHibob(tenant) { hibob in
      hibob.simulator.addFault(FaultSpec(path: "/v1/*", times: 1000, kind: .delay, seconds: 60))
      var settings = InProcessCheck.settings(
        baseURL: hibob.baseURL, tenant: tenant, transport: URLSessionTransport(), timeout: 30,
        deadline: 1.5)
      settings.retryPolicy = fastRetryPolicy
      let report = await PreflightRunner.run(settings).report
      #expect(report.statuses["credentials.authenticate"] == .error)
      #expect(report.verdict == .inconclusive)
      let probed = report.results.filter { $0.id != "credentials.format" }
      #expect(!probed.contains { $0.status == .pass || $0.status == .fail })
    }
  }
}

/// `hibob-remote simulate --tenant FILE` in a process of its own: a simulator whose answers do
/// not depend on how busy the test process is (the in-process simulators share the test
/// process's two-thread cooperative pool with every other test).
final class SimulatorProcess: Sendable {
  let tool: RunningTool
  let baseURL: String
  private let directory: URL

  private init(tool: RunningTool, baseURL: String, directory: URL) {
    self.tool = tool
    self.baseURL = baseURL
    self.directory = directory
  }

  /// Starts serving `tenant` (faults included) and waits for the printed base URL.
  static func start(_ tenant: Tenant) async throws -> SimulatorProcess {
    let dir = try HardeningFixtures.temporaryDirectory()
    let file = dir.appendingPathComponent("tenant.json")
    try tenant.encoded().write(to: file)
    let tool = try await RunningTool.start(["simulate", "--tenant", file.path], environment: [:])
    var url: String?
    for _ in 0..<1_000 {
      if let line = tool.currentStdout.split(separator: "\n").first, line.hasPrefix("http") {
        url = String(line)
        break
      }
      try await Task.sleep(for: .milliseconds(10))
    }
    guard let url else {
      tool.signal(SIGKILL)
      _ = await tool.waitForExit(limit: 5)
      try? FileManager.default.removeItem(at: dir)
      throw SimulatorProcessError.noBaseURL
    }
    return SimulatorProcess(tool: tool, baseURL: url, directory: dir)
  }

  /// Stops it with SIGTERM (as a user would) and checks it exits 0.
  func stop() async {
    tool.signal(SIGTERM)
    let exit = await tool.waitForExit(limit: 10)
    #expect(exit.status == 0 && !exit.signalled, "simulate did not stop cleanly on SIGTERM")
    FixtureLeakScanner.shared.check(exit.stdout + exit.stderr, source: "simulate output")
    try? FileManager.default.removeItem(at: directory)
  }
}

enum SimulatorProcessError: Error { case noBaseURL }

/// Runs `body` with a simulator process serving `tenant`, then stops it.
func withSimulatorProcess<T>(
  _ tenant: Tenant, _ body: (SimulatorProcess) async throws -> T
) async throws -> T {
  let simulator = try await SimulatorProcess.start(tenant)
  do {
    let result = try await body(simulator)
    await simulator.stop()
    return result
  } catch {
    await simulator.stop()
    throw error
  }
}
