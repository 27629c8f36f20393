import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Synchronization
import TestSupport
import Testing

/// The Hibob side of a sync, fixed in memory and changeable between rounds.
final class InMemorySource: SyncEmployeeSource {
  private let records: Mutex<[HibobEmployeeRecord]>

  init(_ records: [HibobEmployeeRecord]) { self.records = Mutex(records) }

  func employees(mapping: SyncMapping) async throws -> [HibobEmployeeRecord] {
    records.withLock { $0 }
  }

  func retitle(_ title: String) {
    records.withLock { all in
      for i in all.indices { all[i].values["work.title"] = .string(title) }
    }
  }
}

/// The Remote calls of a sync.
enum RemoteTarget: String, CaseIterable, Sendable {
  case lookup = "GET /v1/employments?email="
  case create = "POST /v1/employments"
  case update = "PATCH /v1/employments/{id}"

  var method: String {
    switch self {
    case .lookup: return "GET"
    case .create: return "POST"
    case .update: return "PATCH"
    }
  }
}

struct RemoteMatrixFault: Sendable {
  var name: String
  var kind: RemoteFault.Kind

  static let all: [RemoteMatrixFault] = [
    RemoteMatrixFault(name: "429", kind: .status(429)),
    RemoteMatrixFault(name: "500", kind: .status(500)),
    RemoteMatrixFault(name: "502", kind: .status(502)),
    RemoteMatrixFault(name: "503", kind: .status(503)),
    RemoteMatrixFault(name: "timeout (3 s delay, 1 s limit)", kind: .delay(3)),
    RemoteMatrixFault(name: "HTML 200", kind: .html),
    RemoteMatrixFault(name: "malformed JSON", kind: .malformedJSON),
    RemoteMatrixFault(name: "truncated body", kind: .truncatedJSON),
    RemoteMatrixFault(name: "closed connection", kind: .closeConnection),
    RemoteMatrixFault(name: "processed, then closed", kind: .processThenClose),
  ]
}

@Suite("Fault matrix: sync", .serialized)
struct FaultSyncMatrixTests {
  static let today = "2026-11-24"
  static let remoteToken = "remote-hardening-token-5d1e"

  static var people: [HibobEmployeeRecord] {
    (1...3).map { n in
      HibobEmployeeRecord(
        id: "39803423327329980\(n)0",
        values: [
          "root.email": .string("hardening.person\(n)@example.com"),
          "root.displayName": .string("Hardening Person \(n)"), "work.title": .string("Engineer"),
          "work.startDate": .string("2027-01-1\(n)"),
        ], syncLabel: "As employee", country: "United Kingdom")
    }
  }

  /// Quick retries: four attempts, waits of at most 50 ms.
  static var fastRemotePolicy: RetryPolicy {
    RetryPolicy(
      maxAttemptsPerCall: 4, maxRetriesPerRun: 1000, maxWaitPerRetry: 0.05, baseBackoff: 0.01)
  }

  /// Every Remote call x every Remote fault, once and on every attempt: the round ends, the
  /// state file names only employments Remote has (with their email), nothing reported as
  /// created or updated is missing in Remote, and a clean round afterwards leaves exactly one
  /// employment per person (no duplicate, whatever the fault did).
  @Test func everyRemoteCallUnderEveryFault() async throws {
    let tally = MatrixTally()
    var cases: [(RemoteTarget, RemoteMatrixFault, Bool)] = []
    for target in RemoteTarget.allCases {
      for fault in RemoteMatrixFault.all {
        cases.append((target, fault, true))
        cases.append((target, fault, false))
      }
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      var pending = cases[...]
      func startNext() {
        guard let (target, fault, once) = pending.popFirst() else { return }
        group.addTask {
          let name = "\(target.rawValue) x \(fault.name) (\(once ? "once" : "every attempt"))"
          let problems = try await Self.runRemoteCase(target, fault, once: once)
          for problem in problems { Issue.record("sync \(name): \(problem)") }
          tally.record(passed: problems.isEmpty)
        }
      }
      for _ in 0..<6 { startNext() }
      while try await group.next() != nil { startNext() }
    }
    print("fault matrix (sync, Remote side): \(tally.run) cases run, \(tally.passed) passed")
    #expect(tally.run == cases.count)
    #expect(tally.passed == tally.run)
  }

  static func runRemoteCase(
    _ target: RemoteTarget, _ fault: RemoteMatrixFault, once: Bool
  ) async throws -> [String] {
    let dir = try HardeningFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let stateFile = dir.appendingPathComponent("state.json")
    let remote = SimulatedRemote(
      configuration: RemoteSimulatorConfiguration(
        token: remoteToken, today: today, rateLimit: nil))
    let url = try remote.start()
    do {
      let problems = try await remoteCaseBody(
        target, fault, once: once, remote: remote, url: url, stateFile: stateFile)
      await offPool { remote.stop() }
      return problems
    } catch {
      await offPool { remote.stop() }
      throw error
    }
  }

  static func remoteCaseBody(
    _ target: RemoteTarget, _ fault: RemoteMatrixFault, once: Bool, remote: SimulatedRemote,
    url: URL, stateFile: URL
  ) async throws -> [String] {
    let client = RemoteClient(
      baseURL: url, token: remoteToken, transport: URLSessionTransport(),
      policy: FaultSyncMatrixTests.fastRemotePolicy, timeout: 1)
    let source = InMemorySource(people)
    let engine = SyncEngine(
      gate: ClosureGate { .pass }, source: source, remote: client, stateFile: stateFile,
      options: SyncOptions(concurrency: 2, today: today))
    var problems: [String] = []
    if target == .update {
      let first = try await engine.run()
      if first.exitCode != 0 { problems.append("the clean first round exited \(first.exitCode)") }
      source.retitle("Staff Engineer")
    }
    remote.inject(
      RemoteFault(
        fault.kind, method: target.method, pathPrefix: "/v1/employments",
        count: once ? 1 : 1000))
    let start = ContinuousClock.now
    let result: SyncRunResult
    do {
      result = try await engine.run()
    } catch {
      return problems + ["the round threw \(error) instead of reporting per employee"]
    }
    if ContinuousClock.now - start > .seconds(60) { problems.append("the round took too long") }
    problems += consistency(stateFile: stateFile, remote: remote)
    guard case .completed(let summary) = result else {
      return problems + ["the gate passed but the round did not complete"]
    }
    let employments = Dictionary(
      remote.employments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for outcome in summary.outcomes
    where [.create, .adopt, .update].contains(outcome.action) {
      guard let id = outcome.remoteId, let employment = employments[id] else {
        problems.append("\(outcome.hibobId) reported \(outcome.action) but Remote lacks it")
        continue
      }
      if outcome.action == .update && employment.jobTitle != "Staff Engineer" {
        problems.append("\(outcome.hibobId) reported updated but Remote has the old title")
      }
    }
    if summary.outcomes.contains(where: { $0.action == .fail }) && result.exitCode != 1 {
      problems.append("failures reported with exit code \(result.exitCode)")
    }
    FixtureLeakScanner.shared.check(
      String(decoding: try JSONEncoder().encode(summary), as: UTF8.self),
      source: "sync summary")
    // The Remote recovers: the next round repairs everything, without a duplicate.
    remote.simulator.clearFaults()
    let again = try await engine.run()
    if again.exitCode != 0 { problems.append("the clean round after exited \(again.exitCode)") }
    problems += consistency(stateFile: stateFile, remote: remote)
    let emails = remote.employments.map { $0.loginEmail.lowercased() }
    if emails.count != people.count || Set(emails).count != people.count {
      problems.append("Remote has \(emails.count) employments for \(people.count) people")
    }
    let state = try SyncStateStore.load(stateFile)
    if state.employees.count != people.count {
      problems.append("the state knows \(state.employees.count) of \(people.count) people")
    }
    if target == .update
      && remote.employments.contains(where: { $0.jobTitle != "Staff Engineer" })
    {
      problems.append("an update was lost")
    }
    return problems
  }

  /// The state file reads back, and each entry names an employment Remote has, with its email.
  static func consistency(stateFile: URL, remote: SimulatedRemote) -> [String] {
    let state: SyncState
    do {
      state = try SyncStateStore.load(stateFile)
    } catch {
      return ["the state file cannot be read: \(error)"]
    }
    var problems: [String] = []
    let byId = Dictionary(
      remote.employments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (hibobId, entry) in state.employees {
      guard let employment = byId[entry.remoteId] else {
        problems.append("the state maps \(hibobId) to an employment Remote does not have")
        continue
      }
      if employment.loginEmail.lowercased() != entry.email.lowercased() {
        problems.append("the state's email for \(hibobId) is not Remote's")
      }
      if employment.externalId != hibobId {
        problems.append("the state maps \(hibobId) to another person's employment")
      }
    }
    let emails = remote.employments.map { $0.loginEmail.lowercased() }
    if Set(emails).count != emails.count { problems.append("Remote has a duplicate email") }
    return problems
  }

  /// Every Hibob call the sync source makes x every Hibob fault: a round either syncs what the
  /// clean round syncs, or stops before Remote is touched (no request to Remote, no state
  /// change). A list it cannot read never turns into "nobody is selected".
  @Test func everyHibobCallOfTheSyncUnderEveryFault() async throws {
    let tally = MatrixTally()
    let tenant = try HardeningFixtures.tenant("compliant")
    let cleanCounts = try await Self.hibobRound(tenant, target: nil, fault: nil).counts
    #expect(cleanCounts != nil)
    let targets: [ProbeTarget] = [.fieldMetadata, .searchAll, .namedList]
    var cases: [(ProbeTarget, MatrixFault, Bool)] = []
    for target in targets {
      for fault in MatrixFault.all {
        cases.append((target, fault, true))
        if fault.retryable { cases.append((target, fault, false)) }
      }
    }
    let huge = cases.filter { $0.1.timeout > 1 }
    let rest = cases.filter { $0.1.timeout <= 1 }
    for (batch, width) in [(rest, 6), (huge, 1)] {
      try await withThrowingTaskGroup(of: Void.self) { group in
        var pending = batch[...]
        func startNext() {
          guard let (target, fault, once) = pending.popFirst() else { return }
          group.addTask {
            let name = "\(target) x \(fault) (\(once ? "once" : "every attempt"))"
            let round = try await Self.hibobRound(
              tenant, target: target, fault: fault.make(once ? 1 : 1000),
              timeout: fault.timeout)
            var problems: [String] = []
            if let counts = round.counts {
              if counts != cleanCounts {
                problems.append("the round synced \(counts), the clean one \(cleanCounts!)")
              }
            } else if round.remoteRequests > 0 || round.stateWritten {
              problems.append("the round failed after touching Remote or the state")
            }
            if fault.retryable && once && round.counts == nil {
              problems.append("a single \(fault) was not retried: \(round.error ?? "")")
            }
            if !(fault.retryable && once) && round.counts != nil {
              problems.append("the round went on with an answer it could not read")
            }
            for problem in problems { Issue.record("sync \(name): \(problem)") }
            tally.record(passed: problems.isEmpty)
          }
        }
        for _ in 0..<width { startNext() }
        while try await group.next() != nil { startNext() }
      }
    }
    print("fault matrix (sync, Hibob side): \(tally.run) cases run, \(tally.passed) passed")
    #expect(tally.run == cases.count)
    #expect(tally.passed == tally.run)
  }

  struct HibobRound {
    var counts: SyncCounts?
    var error: String?
    var remoteRequests: Int
    var stateWritten: Bool
  }

  /// One sync round reading the simulated tenant through the real client, `target`'s calls
  /// answered by a second simulator carrying `fault`.
  static func hibobRound(
    _ tenant: Tenant, target: ProbeTarget?, fault: FaultSpec?, timeout: Double = 1
  ) async throws -> HibobRound {
    let dir = try HardeningFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let stateFile = dir.appendingPathComponent("state.json")
    let remote = SimulatedRemote(
      configuration: RemoteSimulatorConfiguration(
        token: remoteToken, today: today, rateLimit: nil))
    let url = try remote.start()
    defer { Thread { remote.stop() }.start() }
    return try await withHibob(tenant) { clean in
      try await withHibob(tenant) { faulty in
        if let fault { faulty.simulator.addFault(fault) }
        let transport: any HTTPTransport =
          target.map {
            RoutingTransport(inner: URLSessionTransport(), target: $0, faultyPort: faulty.port)
          } ?? URLSessionTransport()
        let hibob = HibobClient(
          baseURL: clean.baseURL,
          credentials: Credentials(
            serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
          transport: transport, policy: fastRetryPolicy, budget: RunBudget(),
          timeout: timeout)
        let engine = SyncEngine(
          gate: ClosureGate { .pass }, source: HibobSyncSource(client: hibob),
          remote: RemoteClient(
            baseURL: url, token: remoteToken, transport: URLSessionTransport(),
            policy: FaultSyncMatrixTests.fastRemotePolicy,
            timeout: 5),
          stateFile: stateFile, options: SyncOptions(concurrency: 2, today: today))
        do {
          let result = try await engine.run()
          guard case .completed(let summary) = result else {
            return HibobRound(
              counts: nil, error: "gate refused", remoteRequests: remote.requestLog.count,
              stateWritten: false)
          }
          // The summary names Hibob ids and reasons, never a name or an email of the fixture.
          FixtureLeakScanner.shared.check(
            String(decoding: try JSONEncoder().encode(summary), as: UTF8.self),
            source: "sync summary of the compliant tenant")
          return HibobRound(
            counts: summary.counts, error: nil, remoteRequests: remote.requestLog.count,
            stateWritten: true)
        } catch {
          FixtureLeakScanner.shared.check("\(error)", source: "sync error")
          let written = ((try? SyncStateStore.load(stateFile))?.employees.isEmpty ?? true) == false
          return HibobRound(
            counts: nil, error: "\(error)", remoteRequests: remote.requestLog.count,
            stateWritten: written)
        }
      }
    }
  }
}

/// A stop request (what SIGINT and SIGTERM become in `sync`) in the middle of a round: the
/// employee in flight finishes, the state names only what Remote has, and the next round
/// completes the rest without a duplicate.
@Suite("Sync stopped mid-round")
struct HardeningSyncStopTests {
  @Test(arguments: [1, 2, 3])
  func stoppingMidRoundKeepsTheStateConsistent(stopAfterWrites: Int) async throws {
    let dir = try HardeningFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let stateFile = dir.appendingPathComponent("state.json")
    let remote = SimulatedRemote(
      configuration: RemoteSimulatorConfiguration(
        token: FaultSyncMatrixTests.remoteToken, today: FaultSyncMatrixTests.today,
        rateLimit: nil))
    let url = try remote.start()
    defer { Thread { remote.stop() }.start() }
    // Every POST takes a while, so that the stop lands while one is in flight.
    remote.inject(RemoteFault(.delay(0.3), method: "POST", count: 1000))
    let people = FaultSyncMatrixTests.people
    let cancellation = SyncCancellation()
    let engine = SyncEngine(
      gate: ClosureGate { .pass }, source: InMemorySource(people),
      remote: RemoteClient(
        baseURL: url, token: FaultSyncMatrixTests.remoteToken, transport: URLSessionTransport(),
        policy: FaultSyncMatrixTests.fastRemotePolicy, timeout: 5),
      stateFile: stateFile, options: SyncOptions(concurrency: 1, today: FaultSyncMatrixTests.today),
      cancellation: cancellation)
    let watcher = Task {
      while remote.requestLog.filter({ $0.method == "POST" }).count < stopAfterWrites {
        try await Task.sleep(for: .milliseconds(10))
      }
      cancellation.cancel()
    }
    let result = try await engine.run()
    watcher.cancel()
    #expect(FaultSyncMatrixTests.consistency(stateFile: stateFile, remote: remote).isEmpty)
    let state = try SyncStateStore.load(stateFile)
    #expect(state.employees.count <= people.count)
    if stopAfterWrites < people.count {
      #expect(state.employees.count < people.count, "the stop came after the round ended")
    }
    if case .completed(let summary) = result {
      FixtureLeakScanner.shared.check(
        String(decoding: try JSONEncoder().encode(summary), as: UTF8.self),
        source: "stopped sync summary")
    }
    remote.simulator.clearFaults()
    let again = try await SyncEngine(
      gate: ClosureGate { .pass }, source: InMemorySource(people),
      remote: RemoteClient(
        baseURL: url, token: FaultSyncMatrixTests.remoteToken, transport: URLSessionTransport()),
      stateFile: stateFile, options: SyncOptions(today: FaultSyncMatrixTests.today)
    ).run()
    #expect(again.exitCode == 0)
    #expect(FaultSyncMatrixTests.consistency(stateFile: stateFile, remote: remote).isEmpty)
    #expect(remote.employments.count == people.count)
    #expect(try SyncStateStore.load(stateFile).employees.count == people.count)
  }
}
