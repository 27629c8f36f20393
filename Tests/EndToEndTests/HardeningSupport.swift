import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Synchronization
import Testing

/// The fixture tenants shared by the hardening tests.
enum HardeningFixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let tenantsDirectory = root.appendingPathComponent("fixtures/tenants")

  static func url(_ name: String) -> URL {
    tenantsDirectory.appendingPathComponent("\(name).json")
  }

  static func tenant(_ name: String) throws -> Tenant { try Tenant.load(contentsOf: url(name)) }

  static var tenantNames: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: tenantsDirectory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// The environment the executable reads the tenant's credentials from.
  static func environment(_ tenant: Tenant) -> [String: String] {
    [
      "HIBOB_SERVICE_USER_ID": tenant.serviceUser.id,
      "HIBOB_SERVICE_USER_TOKEN": tenant.serviceUser.token, "NO_COLOR": "1",
    ]
  }

  /// A fresh temporary directory, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}

/// Fast retries for in-process runs: the same rules as the default policy, with waits of
/// milliseconds instead of seconds.
let fastRetryPolicy = RetryPolicy(
  maxAttemptsPerCall: 4, maxRetriesPerRun: 30, maxWaitPerRetry: 0.05, baseBackoff: 0.01,
  jitter: { 0.5 })

/// The probes of one check, told apart by method, path and (for the two searches) body.
enum ProbeTarget: String, CaseIterable, Sendable, CustomStringConvertible {
  case fieldMetadata = "GET /company/people/fields"
  case searchAll = "POST /people/search (showInactive true)"
  case searchActive = "POST /people/search (showInactive false)"
  case employmentHistory = "GET /bulk/people/employment"
  case namedList = "GET /company/named-lists/{list}"
  case putField = "PUT /company/people/fields/{id}"
  case putListItem = "PUT /company/named-lists/{list}/{item}"
  case postField = "POST /company/people/fields"
  case postListItem = "POST /company/named-lists/{list}"

  var description: String { rawValue }

  /// The tenant whose clean run sends this probe: the POST write probes need a company with no
  /// custom field and no sync list.
  var tenantName: String {
    switch self {
    case .postField, .postListItem: return "no-sync-field"
    default: return "compliant"
    }
  }

  func matches(_ request: HTTPRequest) -> Bool {
    let path = request.url.path
    let method = request.method
    switch self {
    case .fieldMetadata: return method == "GET" && path.hasSuffix("/company/people/fields")
    case .searchAll, .searchActive:
      guard method == "POST", path.hasSuffix("/people/search") else { return false }
      let inactive = request.body.flatMap { try? JSONParser.parse($0) }?["showInactive"]
      return inactive == .bool(self == .searchAll)
    case .employmentHistory: return method == "GET" && path.hasSuffix("/bulk/people/employment")
    case .namedList: return method == "GET" && path.contains("/company/named-lists/")
    case .putField: return method == "PUT" && path.contains("/company/people/fields/")
    case .putListItem: return method == "PUT" && path.contains("/company/named-lists/")
    case .postField: return method == "POST" && path.hasSuffix("/company/people/fields")
    case .postListItem: return method == "POST" && path.contains("/company/named-lists/")
    }
  }

  /// Rules that must be `error` when the probe has no usable answer.
  var directRules: Set<String> {
    switch self {
    case .fieldMetadata: return ["credentials.authenticate"]
    case .searchAll: return ["people.basic_info.view"]
    case .searchActive: return ["scope.lifecycle_status"]
    case .employmentHistory: return ["people.employment.history.view"]
    case .namedList: return ["sync_field.present"]
    case .putField, .postField: return ["company.employee_fields.manage"]
    case .putListItem, .postListItem: return ["company.lists.edit_all"]
    }
  }

  /// Rules that depend on the probe through another one: `skipped` or `error`, never a verdict.
  var dependentRules: Set<String> {
    switch self {
    case .fieldMetadata:
      return Set(Catalogue.metadata.map(\.id)).subtracting([
        "credentials.format", "credentials.authenticate",
      ])
    // Without Basic info, the other section rules, the scope and the selection are skipped
    // (permission-matrix.md); the history sample needs the search's ids.
    case .searchAll:
      return Set(SectionRules.ids).union([
        "scope.lifecycle_status", "sync_field.selection", "people.employment.history.view",
      ]).subtracting(["people.basic_info.view"])
    case .namedList: return ["sync_field.selection"]
    default: return []
    }
  }
}

enum SectionRules {
  static let ids = Catalogue.sectionRuleIds
}

/// Sends the requests of one probe to a second simulator of the same tenant (the one with the
/// faults) and every other request to the clean one. Each probe can so be faulted alone, the
/// two searches included, with the simulator's own fault injection.
struct RoutingTransport: HTTPTransport {
  let inner: any HTTPTransport
  let target: ProbeTarget
  let faultyPort: Int

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard target.matches(request),
      var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
    else { return try await inner.send(request) }
    components.port = faultyPort
    var routed = request
    routed.url = components.url ?? request.url
    return try await inner.send(routed)
  }
}

/// The verdict `permission-matrix.md` gives for these results, computed independently of the
/// report builder.
func specVerdict(_ results: [Report.Result], strict: Bool = false) -> Verdict {
  let blocking = results.filter { $0.severity == .blocking }
  if blocking.contains(where: { $0.status == .fail }) { return .fail }
  if strict, results.contains(where: { $0.status == .warn || $0.status == .fail }) {
    return .fail
  }
  if blocking.contains(where: { [.error, .skipped, .manual].contains($0.status) }) {
    return .inconclusive
  }
  return .pass
}

/// The exit code `cli-and-report.md` gives a verdict.
func specExitCode(_ verdict: Verdict) -> Int32 {
  switch verdict {
  case .pass: return 0
  case .fail: return 1
  case .inconclusive: return 3
  }
}

/// One in-process check against simulators.
enum InProcessCheck {
  static func settings(
    baseURL: URL, tenant: Tenant, transport: any HTTPTransport, timeout: Double = 1,
    deadline: Double = 30, readOnly: Bool = false
  ) -> CheckSettings {
    CheckSettings(
      baseURL: baseURL, environment: .custom,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      readOnly: readOnly, timeout: timeout, deadline: deadline, toolVersion: "0.0.0-test",
      transport: transport, retryPolicy: fastRetryPolicy)
  }

  /// A clean run of `tenant` over loopback: the baseline every faulted run is compared with.
  /// Its requests get 10 s, not the faulted runs' 1 s: no fault is being timed here, and a
  /// baseline that timed out on a busy machine would turn every comparison into a failure.
  static func clean(_ tenant: Tenant) async throws -> Report {
    try await withHibob(tenant) { hibob in
      await PreflightRunner.run(
        settings(
          baseURL: hibob.baseURL, tenant: tenant, transport: URLSessionTransport(), timeout: 10)
      ).report
    }
  }

  /// `clean`, for a tenant whose clean run decides every rule: the fault matrix's baseline. The
  /// baseline is the reference, not what is under test: a run that could not tell (seen in the
  /// full suite's parallel load) is run again, up to three times, and only then reported, once
  /// per rule with its reason, instead of failing every comparison with it.
  static func baseline(_ tenant: Tenant) async throws -> Report {
    var report = try await clean(tenant)
    for _ in 1..<3 where report.results.contains(where: { $0.status == .error }) {
      let undecided = report.results.filter { $0.status == .error }
      print(
        "clean baseline undecided (\(undecided.map(\.id).joined(separator: ", "))): "
          + "\(undecided.first?.reason ?? ""); running it again")
      report = try await clean(tenant)
    }
    for result in report.results where result.status == .error {
      Issue.record("clean baseline: \(result.id) is error: \(result.reason)")
    }
    return report
  }

  /// A run whose `target` probe is answered by a simulator carrying `faults`.
  static func faulted(
    _ tenant: Tenant, target: ProbeTarget, faults: [FaultSpec], timeout: Double
  ) async throws -> Report {
    try await withHibob(tenant) { clean in
      try await withHibob(tenant) { faulty in
        for fault in faults { faulty.simulator.addFault(fault) }
        let transport = RoutingTransport(
          inner: URLSessionTransport(), target: target, faultyPort: faulty.port)
        return await PreflightRunner.run(
          settings(baseURL: clean.baseURL, tenant: tenant, transport: transport, timeout: timeout)
        ).report
      }
    }
  }
}

/// Serves `tenant` for the duration of `body`, then stops the server off the cooperative pool.
func withHibob<T>(
  _ tenant: Tenant, _ body: (SimulatedHibob) async throws -> T
) async throws -> T {
  let hibob = try SimulatedHibob.start(tenant: tenant)
  do {
    let result = try await body(hibob)
    await hibob.stopOffPool()
    return result
  } catch {
    await hibob.stopOffPool()
    throw error
  }
}

extension SimulatedHibob {
  /// `stop()` waits up to a second for open connections, whose handlers need the cooperative
  /// pool (two threads here): calling it on the pool can stall every simulator of the process.
  /// This stops on a thread of its own.
  func stopOffPool() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      Thread {
        self.stop()
        continuation.resume()
      }.start()
    }
  }
}

extension Report {
  /// Status by rule id.
  var statuses: [String: Status] {
    Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0.status) })
  }
}

/// Counts of a matrix, printed at the end.
final class MatrixTally: Sendable {
  private let counts = Mutex((run: 0, passed: 0))

  func record(passed: Bool) {
    counts.withLock {
      $0.run += 1
      if passed { $0.passed += 1 }
    }
  }

  var run: Int { counts.withLock { $0.run } }
  var passed: Int { counts.withLock { $0.passed } }
}

/// A task executor on one thread of its own (a plain thread, not a dispatch queue). CPU-heavy
/// test work (the randomised runs) runs here, so that it never occupies the cooperative pool
/// (two threads on two cores) that the in-process simulators' handlers need: a busy pool makes
/// their answers late, and late answers turn into timeouts in other tests.
final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
  static let shared = DedicatedExecutor()

  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  init() {
    let thread = Thread { [unowned self] in self.runLoop() }
    thread.name = "hardening.cpu-heavy"
    thread.start()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func runLoop() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}

/// The built executable, run as `ToolProcess.run` does, but started off the cooperative pool:
/// `Process.run()` blocks its thread while it spawns, and the hardening suites start many
/// processes at once.
enum HardeningProcess {
  static func run(
    _ arguments: [String], environment: [String: String] = [:], timeout: Double = 120
  ) async throws -> ToolProcess.Result {
    let tool = try await RunningTool.start(arguments, environment: environment)
    let exit = await tool.waitForExit(limit: timeout)
    return ToolProcess.Result(exitCode: exit.status, stdout: exit.stdout, stderr: exit.stderr)
  }
}
