import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator

/// What a simulator child process says once it serves: where, and with which (made-up)
/// credentials.
struct ServerReady: Codable {
  var baseURL: String
  var serviceUserId: String
  var token: String
  var employees: Int
  var generateSeconds: Double
  /// The simulator process's CPU time when it started serving (generating and validating the
  /// tenant), so that the CPU it spends answering can be told apart.
  var cpuSecondsAtReady: Double
}

/// What a simulator child process says when it stops: its own CPU time and peak memory.
struct ServerUsage: Codable {
  var cpuSeconds: Double
  var peakMemoryMB: Double
  var requests: Int
}

/// One check, measured in the process that ran it.
struct CheckMeasurement: Codable {
  var mode: String
  var wallSeconds: Double
  var cpuSeconds: Double
  /// Peak RSS of the client process (the simulator runs in another process).
  var peakMemoryMB: Double
  /// RSS just before the check started (Foundation, URLSession, the runtime).
  var startMemoryMB: Double
  /// Requests the transport sent.
  var requests: Int
  /// Requests the report counts (`requests.count`).
  var reportRequests: Int
  /// Bytes of all answers' bodies, and of the largest.
  var answerBytes: Int
  var largestAnswerBytes: Int
  var depth: Int
  var chain: [String]
  var verdict: String
  var employeesReturned: Int
  var notPassing: [String]
}

enum CheckBench {
  /// Child process: generate a tenant of `size`, serve it with `latency` added to every answer,
  /// print `ServerReady` as one JSON line, serve until standard input closes, then print
  /// `ServerUsage` and return.
  static func serve(size: Int, latency: Double) throws {
    let generateStart = ProcessResources.now()
    let tenant = BenchTenant.make(size: size)
    try tenant.validate()
    let generateSeconds = ProcessResources.now() - generateStart
    let hibob = try SimulatedHibob.start(tenant: tenant)
    if latency > 0 {
      hibob.simulator.addFault(
        FaultSpec(path: "/v1/*", times: Int.max, kind: .delay, seconds: latency))
    }
    let ready = ServerReady(
      baseURL: hibob.baseURL.absoluteString, serviceUserId: tenant.serviceUser.id,
      token: tenant.serviceUser.token, employees: size, generateSeconds: generateSeconds,
      cpuSecondsAtReady: ProcessResources.cpuSeconds())
    try Output.line(ready)
    _ = FileHandle.standardInput.readDataToEndOfFile()
    let requests = hibob.simulator.requests.count
    hibob.stop()
    try Output.line(
      ServerUsage(
        cpuSeconds: ProcessResources.cpuSeconds(), peakMemoryMB: ProcessResources.peakMemoryMB(),
        requests: requests))
  }

  /// Child process: one check against the simulator named in the environment
  /// (`BENCH_BASE_URL`, `BENCH_USER`, `BENCH_TOKEN`), measured; prints `CheckMeasurement`.
  static func client(sequential: Bool) async throws {
    let environment = ProcessInfo.processInfo.environment
    guard let base = environment["BENCH_BASE_URL"].flatMap(URL.init(string:)),
      let user = environment["BENCH_USER"], let token = environment["BENCH_TOKEN"]
    else { throw BenchError("the client child needs BENCH_BASE_URL, BENCH_USER and BENCH_TOKEN") }
    let transport = TimingTransport(URLSessionTransport(), oneAtATime: sequential)
    let settings = CheckSettings(
      baseURL: base, environment: .custom,
      credentials: Credentials(serviceUserId: user, token: token), timeout: 60, deadline: 300,
      toolVersion: "bench", transport: transport)
    let startMemory = ProcessResources.currentMemoryMB()
    let cpuStart = ProcessResources.cpuSeconds()
    let wallStart = ProcessResources.now()
    let outcome = await PreflightRunner.run(settings)
    let wall = ProcessResources.now() - wallStart
    let cpu = ProcessResources.cpuSeconds() - cpuStart
    let peak = ProcessResources.peakMemoryMB()
    let requests = transport.requests
    if environment["BENCH_TRACE"] != nil {
      for r in requests.sorted(by: { $0.start < $1.start }) {
        let line = String(
          format: "  %@ %@ %d %d bytes: %.3f -> %.3f s\n", r.method, r.path, r.status, r.bytes,
          r.start - wallStart, r.end - wallStart)
        try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
      }
    }
    let report = outcome.report
    try Output.line(
      CheckMeasurement(
        mode: sequential ? "sequential" : "concurrent", wallSeconds: wall, cpuSeconds: cpu,
        peakMemoryMB: peak, startMemoryMB: startMemory, requests: requests.count,
        reportRequests: report.requests.count,
        answerBytes: requests.reduce(0) { $0 + $1.bytes },
        largestAnswerBytes: requests.map(\.bytes).max() ?? 0, depth: CriticalPath.depth(requests),
        chain: CriticalPath.chain(requests), verdict: report.verdict.rawValue,
        employeesReturned: outcome.observations.searchAll.value?.employees.count ?? 0,
        notPassing: report.results.filter { $0.status != .pass }.map {
          "\($0.id)=\($0.status.rawValue)"
        }))
  }
}

/// A problem that stops the benchmark, with what to do about it.
struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Machine-readable lines between the benchmark's processes.
enum Output {
  static func line<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var data = try encoder.encode(value)
    data.append(UInt8(ascii: "\n"))
    // A parent that has gone away is not worth a crash.
    try? FileHandle.standardOutput.write(contentsOf: data)
  }
}
