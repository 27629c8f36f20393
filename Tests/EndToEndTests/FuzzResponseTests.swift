import Foundation
import HibobAPI
import PermissionRules
import Preflight
import Simulator
import Synchronization
import Testing

/// Records every exchange of a clean run, to be replayed (and mutated) without a network.
final class ExchangeRecorder: HTTPTransport {
  struct Exchange: Sendable {
    var request: HTTPRequest
    var response: HTTPResponse
  }

  let inner: any HTTPTransport
  private let log = Mutex<[Exchange]>([])

  init(inner: any HTTPTransport) { self.inner = inner }

  var exchanges: [Exchange] { log.withLock { $0 } }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let response = try await inner.send(request)
    log.withLock { $0.append(Exchange(request: request, response: response)) }
    return response
  }
}

/// Serves recorded answers, with the body of `target`'s answer mutated. A request the recording
/// does not hold exactly (a mutated metadata answer changes what is asked next) gets the
/// recorded answer of the same probe, else a 404.
struct MutatingReplayTransport: HTTPTransport {
  let exchanges: [ExchangeRecorder.Exchange]
  let target: ProbeTarget
  let mutate: @Sendable (Data) -> Data

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let exact = exchanges.first {
      $0.request.method == request.method && $0.request.url == request.url
        && $0.request.body == request.body
    }
    let probe = ProbeTarget.allCases.first { $0.matches(request) }
    let similar = exchanges.first { exchange in
      probe.map { $0.matches(exchange.request) } ?? false
    }
    guard var response = (exact ?? similar)?.response else {
      return HTTPResponse(
        status: 404, headers: ["content-type": "application/json"],
        body: Data(#"{"key":"notFound","error":"not recorded"}"#.utf8))
    }
    if target.matches(request) { response.body = mutate(response.body) }
    return response
  }
}

@Suite("Randomised responses")
struct FuzzResponseTests {
  /// Fixture tenants without injected faults: their clean runs fail, warn and pass in every way
  /// the catalogue knows, so a mutation has something to turn into a false `pass`.
  static var tenants: [String] {
    HardeningFixtures.tenantNames.filter {
      (try? HardeningFixtures.tenant($0))?.faults.isEmpty ?? false
    }
  }

  static let iterationsPerTenant = 120

  /// `HARDENING_FUZZ_SEED=N` explores other seeds than the suite's fixed ones; a failure names
  /// the seed that replays it.
  static let seedBase =
    UInt64(ProcessInfo.processInfo.environment["HARDENING_FUZZ_SEED"] ?? "")
    .map { $0 << 40 } ?? 0

  /// Mutated answers (dropped keys, swapped types, truncation, duplicate keys, invalid UTF-8)
  /// through the whole runner: nothing crashes, and no rule becomes `pass` that was not `pass`
  /// in the clean run.
  @Test func mutatedAnswersNeverPassWhatWasNotPassing() async throws {
    try await withTaskExecutorPreference(DedicatedExecutor.shared) {
      try await runnerProperty()
    }
  }

  private func runnerProperty() async throws {
    let tally = MatrixTally()
    let changed = SharedBox(0)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for (tenantIndex, name) in Self.tenants.enumerated() {
        group.addTask(executorPreference: DedicatedExecutor.shared) {
          let tenant = try HardeningFixtures.tenant(name)
          let (clean, exchanges) = try await Self.record(tenant)
          try #require(!exchanges.isEmpty, "\(name): the clean run recorded nothing")
          for iteration in 0..<Self.iterationsPerTenant {
            let seed = Self.seedBase ^ (UInt64(tenantIndex) << 32 | UInt64(iteration))
            let targets = ProbeTarget.allCases.filter { target in
              exchanges.contains { target.matches($0.request) }
            }
            var rng = SeededGenerator(seed: seed)
            let target = try #require(targets.randomElement(using: &rng))
            let applied = SharedBox<[Mutation]>([])
            let transport = MutatingReplayTransport(
              exchanges: exchanges, target: target,
              mutate: { body in
                var local = SeededGenerator(seed: seed ^ 0xA5A5_A5A5)
                let (mutated, mutations) = FuzzMutator.mutate(body, using: &local)
                applied.set(mutations)
                return mutated
              })
            let report = await PreflightRunner.run(
              InProcessCheck.settings(
                baseURL: URL(string: "http://127.0.0.1:9/v1")!, tenant: tenant,
                transport: transport)
            ).report
            var problems: [String] = []
            for result in report.results where result.status == .pass {
              if clean.statuses[result.id] != .pass {
                problems.append(
                  "\(result.id) became pass (clean: \(clean.statuses[result.id]!))")
              }
            }
            if report.verdict != specVerdict(report.results) {
              problems.append("verdict \(report.verdict) against the spec's")
            }
            if report.statuses != clean.statuses { changed.update { $0 += 1 } }
            for problem in problems {
              Issue.record(
                "\(name), seed \(seed), \(target), \(applied.value): \(problem)")
            }
            tally.record(passed: problems.isEmpty)
          }
        }
      }
      try await group.waitForAll()
    }
    print(
      "randomised answers: \(tally.run) runs, \(tally.passed) passed, "
        + "\(changed.value) changed a rule")
    #expect(tally.run == Self.tenants.count * Self.iterationsPerTenant)
    #expect(changed.value > tally.run / 10, "the mutations should change outcomes")
  }

  /// The client's parsers alone, many thousands of times: every answer is a value or an
  /// `invalidResponse`, never a crash or another kind of error.
  @Test func mutatedAnswersThroughTheParsers() async throws {
    try await withTaskExecutorPreference(DedicatedExecutor.shared) {
      try await parserProperty()
    }
  }

  private func parserProperty() async throws {
    let tenant = try HardeningFixtures.tenant("compliant")
    let (_, exchanges) = try await Self.record(tenant)
    try #require(exchanges.count >= 5, "the clean run recorded \(exchanges.count) exchanges")
    let credentials = Credentials(
      serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token)
    var outcomes: [String: (accepted: Int, rejected: Int)] = [:]
    var runs = 0
    for exchange in exchanges where (200...299).contains(exchange.response.status) {
      guard let target = ProbeTarget.allCases.first(where: { $0.matches(exchange.request) })
      else { continue }
      for iteration in 0..<1_200 {
        var rng = SeededGenerator(
          seed: UInt64(iteration) &* 7919 &+ UInt64(target.hashValue & 0xFFFF))
        let (body, mutations) = FuzzMutator.mutate(exchange.response.body, using: &rng)
        var response = exchange.response
        response.body = body
        let fixed = response
        let client = HibobClient(
          baseURL: URL(string: "http://127.0.0.1:9/v1")!, credentials: credentials,
          transport: FixedTransport(response: fixed), policy: fastRetryPolicy, timeout: 1)
        runs += 1
        do {
          try await Self.call(target, exchange: exchange, client: client)
          outcomes[target.rawValue, default: (0, 0)].accepted += 1
        } catch let error as HibobAPIError {
          outcomes[target.rawValue, default: (0, 0)].rejected += 1
          guard case .invalidResponse = error.kind else {
            Issue.record("\(target), \(mutations): \(error.kind) instead of invalidResponse")
            continue
          }
          #expect(!error.description.contains(tenant.serviceUser.token))
          #expect(!error.description.contains("\n"))
        }
      }
    }
    for (target, counts) in outcomes.sorted(by: { $0.key < $1.key }) {
      print("parsers, \(target): \(counts.accepted) accepted, \(counts.rejected) rejected")
    }
    print("randomised answers through the parsers: \(runs) runs, none crashed")
    #expect(runs >= 5_000)
  }

  static func call(
    _ target: ProbeTarget, exchange: ExchangeRecorder.Exchange, client: HibobClient
  ) async throws {
    switch target {
    case .fieldMetadata: _ = try await client.fieldMetadata()
    case .searchAll, .searchActive:
      _ = try await client.searchPeople(fields: ["root.id"], showInactive: target == .searchAll)
    case .employmentHistory: _ = try await client.bulkEmploymentHistory(employeeIds: ["1"])
    case .namedList: _ = try await client.namedList("syncToRemote")
    case .putField: _ = try await client.putField(fieldId: "f", name: "n")
    case .putListItem: _ = try await client.putListItem(list: "l", itemId: "i", name: "n")
    case .postField: _ = try await client.postInvalidField()
    case .postListItem: _ = try await client.postInvalidListItem(list: "l")
    }
  }

  /// A clean run of `tenant` over loopback, with every exchange recorded.
  static func record(_ tenant: Tenant) async throws -> (Report, [ExchangeRecorder.Exchange]) {
    try await withHibob(tenant) { hibob in
      let recorder = ExchangeRecorder(inner: URLSessionTransport())
      // A generous time limit: the recording must hold every answer even on a busy machine.
      let report = await PreflightRunner.run(
        InProcessCheck.settings(
          baseURL: hibob.baseURL, tenant: tenant, transport: recorder, timeout: 30)
      ).report
      // Replayed runs use another base URL: rewrite the recording's to it.
      let exchanges = recorder.exchanges.map { exchange in
        var copy = exchange
        var components = URLComponents(url: exchange.request.url, resolvingAgainstBaseURL: false)!
        components.port = 9
        copy.request.url = components.url!
        return copy
      }
      return (report, exchanges)
    }
  }
}

/// Answers every request with the same response.
struct FixedTransport: HTTPTransport {
  let response: HTTPResponse
  func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }
}

/// A value shared between tasks.
final class SharedBox<Value: Sendable>: Sendable {
  private let storage: Mutex<Value>
  init(_ value: Value) { storage = Mutex(value) }
  var value: Value { storage.withLock { $0 } }
  func set(_ value: Value) { storage.withLock { $0 = value } }
  func update(_ body: (inout Value) -> Void) { storage.withLock { body(&$0) } }
}
