import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Synchronization
import TestSupport

/// The fixed "today" of these tests, shared by the engine and the simulated Remote.
let testToday = "2026-11-24"
let testToken = "remote-test-token-9f1c"

/// An in-memory Hibob side: what the one people search would give, changeable between runs.
final class FixedSource: SyncEmployeeSource {
  private let records: Mutex<[HibobEmployeeRecord]>
  private let calls = Mutex(0)

  init(_ records: [HibobEmployeeRecord]) {
    self.records = Mutex(records)
  }

  var callCount: Int { calls.withLock { $0 } }

  func employees(mapping: SyncMapping) async throws -> [HibobEmployeeRecord] {
    calls.withLock { $0 += 1 }
    return records.withLock { $0 }
  }

  func update(_ id: String, _ change: @Sendable (inout HibobEmployeeRecord) -> Void) {
    records.withLock { all in
      for i in all.indices where all[i].id == id { change(&all[i]) }
    }
  }

  func set(_ new: [HibobEmployeeRecord]) { records.withLock { $0 = new } }
}

/// Counts gate checks and answers what it is told.
final class CountingGate: SyncGate {
  private let decisions: Mutex<[GateDecision]>
  private let calls = Mutex(0)

  /// `decisions` are used in turn; the last one repeats.
  init(_ decisions: [GateDecision] = [.pass]) {
    self.decisions = Mutex(decisions)
  }

  var callCount: Int { calls.withLock { $0 } }

  func check() async -> GateDecision {
    let n = calls.withLock {
      $0 += 1
      return $0
    }
    return decisions.withLock { $0[min(n - 1, $0.count - 1)] }
  }
}

/// A selected employee, ready for the plain (GBR) form and its address form.
func employee(
  _ n: Int, label: String? = "As employee", country: String? = "United Kingdom",
  start: String? = "2027-01-10", email: String? = nil, title: String = "Engineer",
  extra: [String: HibobAPI.JSONValue] = [:]
) -> HibobEmployeeRecord {
  var values: [String: HibobAPI.JSONValue] = [
    "root.firstName": .string("First\(n)"), "root.surname": .string("Last\(n)"),
    "root.email": .string(email ?? "person\(n)@example.com"), "work.title": .string(title),
    "address.line1": .string("\(n) Example Street"), "address.city": .string("Testville"),
    "address.postCode": .string("AB\(n) 1CD"),
  ]
  if let start { values["work.startDate"] = .string(start) }
  for (k, v) in extra { values[k] = v }
  return HibobEmployeeRecord(
    id: employeeId(n), values: values, syncLabel: label, country: country)
}

func employeeId(_ n: Int) -> String { String(3_980_342_332_732_998_000 + n) }

func testMapping(_ json: String = RemoteForms.constantsMapping) throws -> SyncMapping {
  try SyncMapping.parse(Data(json.utf8))
}

/// A temporary folder removed at the end of the test.
struct TempDir: ~Copyable {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("remote-sync-tests-\(UUID().uuidString)", isDirectory: true)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  var stateFile: URL { url.appendingPathComponent("state.json") }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// A simulated Remote on loopback plus a real `RemoteClient` (URLSession) pointed at it.
final class RemoteHarness: Sendable {
  let remote: SimulatedRemote
  let client: RemoteClient
  let clock: ManualClock

  init(
    rateLimit: RemoteRateLimit? = .standard, remoteToday: String = testToday,
    token: String = testToken, keepAlive: Bool = true
  ) throws {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_795_000_000))
    self.clock = clock
    remote = SimulatedRemote(
      configuration: RemoteSimulatorConfiguration(
        token: testToken, today: remoteToday, now: { clock.now }, rateLimit: rateLimit,
        keepAlive: keepAlive))
    let url = try remote.start()
    client = RemoteClient(
      baseURL: url, token: token, transport: URLSessionTransport(),
      policy: RetryPolicy(
        maxAttemptsPerCall: 4, maxRetriesPerRun: 1000, maxWaitPerRetry: 60, baseBackoff: 0.5,
        jitter: { 1 },
        clock: HibobClock(now: { clock.now }, sleep: { clock.sleep($0) })),
      timeout: 10)
  }

  deinit { remote.stop() }

  var simulator: RemoteSimulator { remote.simulator }
  var writes: [RemoteLoggedRequest] { remote.requestLog.filter(\.isWrite) }
  var posts: [RemoteLoggedRequest] { remote.requestLog.filter { $0.method == "POST" } }
  var formReads: [RemoteLoggedRequest] {
    remote.requestLog.filter { $0.path.hasPrefix("/v1/countries/") }
  }

  func engine(
    gate: any SyncGate = CountingGate(), source: any SyncEmployeeSource, stateFile: URL,
    dryRun: Bool = false, concurrency: Int = 4, cancellation: SyncCancellation = SyncCancellation(),
    mapping: SyncMapping? = nil, progress: (@Sendable (SyncProgress) -> Void)? = nil
  ) -> SyncEngine {
    let client = self.client
    let mapping = mapping ?? ((try? testMapping()) ?? .builtIn)
    return SyncEngine(
      gate: gate, source: source, remote: client, stateFile: stateFile,
      options: SyncOptions(
        dryRun: dryRun, concurrency: concurrency, today: testToday, mapping: mapping),
      cancellation: cancellation, progress: progress, requestStats: { client.stats })
  }
}

extension SyncRunResult {
  var summary: SyncSummary? {
    if case .completed(let s) = self { return s }
    return nil
  }
}
