import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Testing

/// One fault the simulator can inject, as the matrix uses it.
struct MatrixFault: Sendable, CustomStringConvertible {
  var name: String
  /// A retry can recover from it when it happens once.
  var retryable: Bool
  /// The per-request timeout the case runs with (the 100 MB body needs time to arrive).
  var timeout: Double = 1
  var make: @Sendable (_ times: Int) -> FaultSpec

  var description: String { name }

  static let path = "/v1/*"

  static let all: [MatrixFault] = [
    MatrixFault(name: "429 with Retry-After", retryable: true) {
      .status(429, path: path, times: $0, retryAfter: 1)
    },
    MatrixFault(name: "429 without Retry-After", retryable: true) {
      .status(429, path: path, times: $0)
    },
    MatrixFault(name: "500", retryable: true) { .status(500, path: path, times: $0) },
    MatrixFault(name: "502", retryable: true) { .status(502, path: path, times: $0) },
    MatrixFault(name: "503", retryable: true) { .status(503, path: path, times: $0) },
    MatrixFault(name: "timeout (5 s delay, 1 s limit)", retryable: true) {
      FaultSpec(path: path, times: $0, kind: .delay, seconds: 5)
    },
    MatrixFault(name: "HTML 200", retryable: false) {
      FaultSpec(path: path, times: $0, kind: .html)
    },
    MatrixFault(name: "malformed JSON", retryable: false) {
      FaultSpec(path: path, times: $0, kind: .malformedJSON)
    },
    MatrixFault(name: "truncated body", retryable: true) {
      FaultSpec(path: path, times: $0, kind: .truncatedJSON)
    },
    MatrixFault(name: "closed connection", retryable: true) {
      FaultSpec(path: path, times: $0, kind: .closeConnection)
    },
    MatrixFault(name: "slow trickle (8 bytes / 0.2 s)", retryable: true) {
      FaultSpec(path: path, times: $0, kind: .trickle, chunkSize: 8, interval: 0.2)
    },
    MatrixFault(name: "100 MB body", retryable: false, timeout: 60) {
      FaultSpec(path: path, times: $0, kind: .hugeBody, bytes: 100_000_000)
    },
  ]
}

/// One cell of the matrix: a probe, a fault, and whether the fault happens once or every time.
struct MatrixCase: Sendable, CustomStringConvertible {
  var target: ProbeTarget
  var fault: MatrixFault
  var once: Bool

  var description: String {
    "\(target) x \(fault) (\(once ? "once" : "every attempt"))"
  }

  /// Faults a retry cannot fix happen once only: a second variant would repeat the first.
  static var all: [MatrixCase] {
    ProbeTarget.allCases.flatMap { target in
      MatrixFault.all.flatMap { fault in
        fault.retryable
          ? [
            MatrixCase(target: target, fault: fault, once: true),
            MatrixCase(target: target, fault: fault, once: false),
          ] : [MatrixCase(target: target, fault: fault, once: true)]
      }
    }
  }

  /// A no-op `PUT` answers 304 without a body: cutting half of nothing leaves the answer whole,
  /// so that case must give the clean run's results.
  var altersAnswer: Bool {
    !(fault.name == "truncated body" && (target == .putField || target == .putListItem))
  }

  /// What is wrong with the report of this case, compared with the clean run's.
  func problems(_ report: Report, clean: Report, elapsed: Duration, deadline: Double) -> [String] {
    var problems: [String] = []
    let statuses = report.statuses
    let cleanStatuses = clean.statuses
    let recovered = (fault.retryable && once) || !altersAnswer
    for (id, status) in statuses.sorted(by: { $0.key < $1.key }) {
      let before = cleanStatuses[id]
      if recovered {
        if status != before { problems.append("\(id) is \(status), clean run \(before!)") }
      } else if target.directRules.contains(id) {
        if status != .error { problems.append("\(id) is \(status), not error") }
      } else if target.dependentRules.contains(id) {
        // Skipped or error behind the failed probe, or decided by another route as in the
        // clean run (main samples the history without the full search): never a new verdict.
        if status != .error && status != .skipped && status != before {
          problems.append("\(id) is \(status), not error, skipped or the clean \(before!)")
        }
      } else if status != before {
        problems.append("\(id) is \(status), clean run \(before!) (it does not use this probe)")
      }
      if status == .pass && before != .pass { problems.append("\(id) became pass") }
    }
    if report.verdict != specVerdict(report.results) {
      problems.append("verdict \(report.verdict), the spec says \(specVerdict(report.results))")
    }
    if !recovered, clean.verdict == .pass, report.verdict != .inconclusive {
      problems.append("verdict \(report.verdict), not inconclusive")
    }
    // Every attempt answered 429: the report counts them. (A single 429 may reach a client
    // that already gave the attempt up on a busy machine.)
    if fault.name.hasPrefix("429") && !once && report.requests.rateLimited < 1 {
      problems.append("no rate-limited answer counted")
    }
    if fault.retryable && once && altersAnswer && report.requests.retries < 1 {
      problems.append("no retry counted")
    }
    if elapsed > .seconds(deadline + 15) { problems.append("took \(elapsed), past the deadline") }
    return problems
  }
}

@Suite("Fault matrix", .serialized)
struct FaultMatrixTests {
  /// Every probe x every fault, in process (the real client over loopback against simulators).
  @Test func everyProbeUnderEveryFault() async throws {
    let tally = MatrixTally()
    var cleanReports: [String: Report] = [:]
    for name in Set(ProbeTarget.allCases.map(\.tenantName)) {
      cleanReports[name] = try await InProcessCheck.baseline(HardeningFixtures.tenant(name))
    }
    #expect(cleanReports["compliant"]?.verdict == .pass)
    // HARDENING_MATRIX_FILTER=text runs only the cases whose description contains it.
    let filter = ProcessInfo.processInfo.environment["HARDENING_MATRIX_FILTER"]
    let cases = MatrixCase.all.filter { filter == nil || "\($0)".contains(filter!) }
    // The 100 MB bodies go one at a time; everything else a few at a time.
    let huge = cases.filter { $0.fault.timeout > 1 }
    let rest = cases.filter { $0.fault.timeout <= 1 }
    try await run(rest, width: 6, clean: cleanReports, tally: tally)
    try await run(huge, width: 1, clean: cleanReports, tally: tally)
    print("fault matrix: \(tally.run) cases run, \(tally.passed) passed")
    #expect(tally.run == cases.count)
    #expect(tally.passed == tally.run)
  }

  private func run(
    _ cases: [MatrixCase], width: Int, clean: [String: Report], tally: MatrixTally
  ) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      var pending = cases[...]
      func startNext() {
        guard let next = pending.popFirst() else { return }
        group.addTask { try await Self.runCase(next, clean: clean, tally: tally) }
      }
      for _ in 0..<width { startNext() }
      while try await group.next() != nil { startNext() }
    }
  }

  private static func runCase(
    _ matrixCase: MatrixCase, clean: [String: Report], tally: MatrixTally
  ) async throws {
    let tenant = try HardeningFixtures.tenant(matrixCase.target.tenantName)
    let start = ContinuousClock.now
    let report = try await InProcessCheck.faulted(
      tenant, target: matrixCase.target,
      faults: [matrixCase.fault.make(matrixCase.once ? 1 : 1000)],
      timeout: matrixCase.fault.timeout)
    let elapsed = ContinuousClock.now - start
    let problems = matrixCase.problems(
      report, clean: clean[matrixCase.target.tenantName]!, elapsed: elapsed, deadline: 30)
    FixtureLeakScanner.shared.check(try report.jsonData(), source: "matrix \(matrixCase)")
    for problem in problems { Issue.record("\(matrixCase): \(problem)") }
    if !problems.isEmpty, let dump = ProcessInfo.processInfo.environment["HARDENING_DUMP"] {
      let name = "\(matrixCase)".filter { $0.isLetter || $0.isNumber }
      try report.jsonData().write(to: URL(fileURLWithPath: "\(dump)/\(name).json"))
    }
    tally.record(passed: problems.isEmpty)
  }
}

/// A few cells of the matrix through the built executable, as a scheduled job would run it: the
/// simulator's fault on the probe's own path, the report on stdout, the exit code by verdict.
@Suite("Fault matrix through the executable")
struct FaultMatrixExecutableTests {
  static let cases: [(MatrixCase, FaultSpec)] = {
    func cell(_ target: ProbeTarget, _ faultName: String, once: Bool, _ spec: FaultSpec)
      -> (MatrixCase, FaultSpec)
    {
      let fault = MatrixFault.all.first { $0.name.hasPrefix(faultName) }!
      return (MatrixCase(target: target, fault: fault, once: once), spec)
    }
    return [
      cell(
        .fieldMetadata, "HTML", once: true,
        FaultSpec(path: "/v1/company/people/fields", kind: .html)),
      cell(
        .fieldMetadata, "timeout", once: false,
        FaultSpec(
          method: "GET", path: "/v1/company/people/fields", times: 1000, kind: .delay, seconds: 5)
      ),
      cell(.searchAll, "500", once: true, .status(500, path: "/v1/people/search")),
      cell(.searchAll, "503", once: false, .status(503, path: "/v1/people/search", times: 1000)),
      cell(
        .employmentHistory, "malformed", once: true,
        FaultSpec(path: "/v1/bulk/people/employment", kind: .malformedJSON)),
      cell(
        .namedList, "truncated", once: false,
        FaultSpec(
          method: "GET", path: "/v1/company/named-lists/*", times: 1000, kind: .truncatedJSON)),
      cell(
        .putField, "closed", once: false,
        FaultSpec(
          method: "PUT", path: "/v1/company/people/fields/*", times: 1000, kind: .closeConnection)
      ),
      cell(
        .putListItem, "429 without", once: false,
        .status(429, method: "PUT", path: "/v1/company/named-lists/*", times: 1000)),
    ]
  }()

  @Test func someCellsThroughTheExecutable() async throws {
    let tenant = try HardeningFixtures.tenant("compliant")
    let clean = try await InProcessCheck.baseline(tenant)
    let tally = MatrixTally()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (matrixCase, spec) in Self.cases {
        group.addTask {
          var faulted = tenant
          faulted.faults = [spec]
          try await withSimulatorProcess(faulted) { hibob in
            let start = ContinuousClock.now
            let result = try await HardeningProcess.run(
              [
                "check", "--base-url", hibob.baseURL, "--format", "json",
                "--timeout", matrixCase.fault.name.hasPrefix("timeout") ? "1" : "10",
                "--deadline", "20",
              ], environment: HardeningFixtures.environment(tenant), timeout: 90)
            let elapsed = ContinuousClock.now - start
            FixtureLeakScanner.shared.check(result.output, source: "executable \(matrixCase)")
            var problems: [String] = []
            if let report = try? Report.decode(Data(result.stdout.utf8)) {
              problems += matrixCase.problems(
                report, clean: clean, elapsed: elapsed, deadline: 20)
              if result.exitCode != specExitCode(report.verdict) {
                problems.append("exit \(result.exitCode) for verdict \(report.verdict)")
              }
            } else {
              problems.append("no JSON report on stdout (exit \(result.exitCode))")
            }
            for problem in problems { Issue.record("executable \(matrixCase): \(problem)") }
            tally.record(passed: problems.isEmpty)
          }
        }
      }
      try await group.waitForAll()
    }
    print("fault matrix (executable): \(tally.run) cases run, \(tally.passed) passed")
    #expect(tally.run == Self.cases.count && tally.passed == tally.run)
  }
}
