import Foundation
import HibobAPI
import RemoteSync
import Simulator

/// One sync round as the benchmark saw it.
struct SyncRoundMeasurement: Codable {
  var wallSeconds: Double
  var cpuSeconds: Double
  /// Requests to Remote, and how many of them were writes (POST or PATCH) per Remote's own log.
  var remoteRequests: Int
  var remoteWrites: Int
  /// From the first request to Remote to the end of the last one.
  var remotePhaseSeconds: Double
  /// The most requests to Remote open at one instant.
  var maxInFlight: Int
  var created: Int
  var unchanged: Int
  var failed: Int
  var skipped: Int
  var exitCode: Int32
  /// Stopped before the end (the budget ran out).
  var stopped: Bool
  /// Requests to Remote that took over a second, and the client's retries.
  var slowRequests: Int
  var retries: Int
  /// The slowest request to Remote, seconds.
  var slowestSeconds: Double
  /// Mean time of a look-up (GET) and of a create (POST) at the transport, seconds.
  var getMeanSeconds: Double = 0
  var postMeanSeconds: Double = 0
}

/// The sync benchmark, measured in one child process.
struct SyncMeasurement: Codable {
  var selected: Int
  var inFlight: Int
  var first: SyncRoundMeasurement
  /// nil when the first sync did not finish within its budget.
  var second: SyncRoundMeasurement?
  /// After both rounds: state entries, Remote employments, and whether they name the same
  /// employments one to one.
  var stateEntries: Int
  var remoteEmployments: Int
  var stateMatchesRemote: Bool
  /// Countries among the selected employees, and form reads to Remote over both rounds (each
  /// round reads each needed form of each country once: two forms, so 2 x countries a round).
  var countries: Int = 0
  var formReadsFirst: Int = 0
  var formReadsSecond: Int = 0
}

enum SyncBench {
  /// "Today" for the engine and the simulated Remote: before every generated start date, so
  /// that every selected employee is new to Remote and valid to create.
  static let today = "2000-01-01"
  static let remoteToken = "bench-remote-token-fake"

  /// Parent: runs the child, prints the figures and targets.
  static func run(_ options: Options, card: Scorecard) throws {
    let child = try Child(arguments: [
      "--sync-run", String(options.syncSize), "--latency-ms", String(options.latencyMs),
      "--in-flight", String(options.inFlight), "--sync-budget", String(Int(options.syncBudget)),
    ])
    let m = try child.read(SyncMeasurement.self)
    guard child.wait() == 0 else { throw BenchError("the sync child failed") }
    let latency = options.latencyMs / 1000
    print("")
    print(
      "sync: \(Format.count(m.selected)) selected employees, \(m.inFlight) in flight, "
        + "\(Format.count(Int(options.latencyMs))) ms added to every answer of both simulators")
    let f = m.first
    card.check(
      "first sync: created", Format.count(f.created), target: Format.count(m.selected),
      met: f.created == m.selected && f.failed == 0)
    if f.stopped {
      card.check(
        "first sync: finished", "stopped after \(Format.seconds(f.wallSeconds))",
        target: "within the \(Int(options.syncBudget)) s budget", met: false)
    }
    card.info(
      "first sync: wall time",
      "\(Format.seconds(f.wallSeconds)) (Remote phase \(Format.seconds(f.remotePhaseSeconds)), "
        + "CPU \(Format.seconds(f.cpuSeconds)))")
    card.info(
      "first sync: requests to Remote",
      "\(Format.count(f.remoteRequests)) (\(Format.ratio(Double(f.remoteRequests) / Double(max(1, f.created)))) an employment)"
    )
    card.info(
      "first sync: slow requests",
      "\(f.slowRequests) over 1 s (slowest \(Format.seconds(f.slowestSeconds))), "
        + "\(f.retries) retries")
    card.check(
      "requests in flight (measured)", String(f.maxInFlight), target: "<= \(m.inFlight)",
      met: f.maxInFlight <= m.inFlight)
    // An employee holds one of the in-flight slots from its look-up to its recorded state: the
    // slot's time beyond its look-up and create is the address PATCH (most employees) and the
    // engine's own (mostly the state file's write).
    let employeeSeconds = Double(m.inFlight) * f.remotePhaseSeconds / Double(max(1, f.created))
    card.info(
      "first sync: time an employee",
      String(
        format:
          "%.0f ms in its slot: look-up %.0f ms + create %.0f ms (means) + %.0f ms else "
          + "(the address PATCH, the engine)",
        employeeSeconds * 1000, f.getMeanSeconds * 1000, f.postMeanSeconds * 1000,
        (employeeSeconds - f.getMeanSeconds - f.postMeanSeconds) * 1000))
    let perSecond = Double(f.remoteRequests) / max(f.remotePhaseSeconds, 1e-9)
    let ceiling = latency > 0 ? Double(m.inFlight) / latency : .infinity
    let employmentsPerSecond = Double(f.created) / max(f.remotePhaseSeconds, 1e-9)
    card.check(
      "requests per second", String(format: "%.0f", perSecond),
      target: String(
        format: ">= 90%% of %d / %.0f ms = %.0f", m.inFlight, latency * 1000, 0.9 * ceiling),
      met: perSecond >= 0.9 * ceiling, timing: true)
    card.check(
      "country forms read (first sync)", String(m.formReadsFirst),
      target: "= 2 forms x \(m.countries) countries, once each",
      met: m.formReadsFirst == 2 * m.countries)
    card.info(
      "employments per second",
      String(
        format: "%.0f (ceiling in flight / (requests an employment x latency) = %.0f)",
        employmentsPerSecond,
        ceiling / (Double(f.remoteRequests) / Double(max(1, f.created)))))
    if let s = m.second {
      card.check(
        "second sync: writes", String(s.remoteWrites), target: "0", met: s.remoteWrites == 0)
      card.info(
        "second sync: time",
        "\(Format.seconds(s.wallSeconds)) for \(Format.count(s.remoteRequests)) requests to "
          + "Remote (\(Format.count(s.unchanged)) unchanged), CPU \(Format.seconds(s.cpuSeconds))")
    } else {
      card.info("second sync", "not run: the first did not finish")
    }
    card.check(
      "state vs Remote", "\(Format.count(m.stateEntries)) entries",
      target: "= Remote's \(Format.count(m.remoteEmployments)), one to one",
      met: m.stateMatchesRemote && m.stateEntries == m.remoteEmployments)
  }

  /// Child: both simulators and the engine in this process; prints `SyncMeasurement`.
  static func child(size: Int, options: Options) async throws {
    let latency = options.latencyMs / 1000
    var tenant = BenchTenant.make(size: size, selected: size, allActive: true)
    // Eight countries, three of whose forms need constants the mapping gives.
    for i in tenant.employees.indices {
      tenant.employees[i].fields["address.country"] = .string(countries[i % countries.count])
    }
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let remote = SimulatedRemote(
      configuration: RemoteSimulatorConfiguration(
        token: remoteToken, today: today, rateLimit: nil))
    let remoteURL = try remote.start()
    defer { remote.stop() }
    if latency > 0 {
      hibob.simulator.addFault(
        FaultSpec(path: "/v1/*", times: Int.max, kind: .delay, seconds: latency))
      remote.inject(RemoteFault(.delay(latency), count: Int.max))
    }
    let hibobClient = HibobClient(
      baseURL: hibob.baseURL,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      transport: URLSessionTransport())
    let recorder = TimingTransport(URLSessionTransport(), oneAtATime: false)
    let remoteClient = RemoteClient(
      baseURL: remoteURL, token: remoteToken, transport: recorder, timeout: 60)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hibob-remote-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let cancellation = SyncCancellation()
    let engine = SyncEngine(
      gate: ClosureGate { .pass }, source: HibobSyncSource(client: hibobClient),
      remote: remoteClient, stateFile: directory.appendingPathComponent("state.json"),
      options: SyncOptions(
        concurrency: options.inFlight, today: today,
        mapping: try SyncMapping.parse(Data(RemoteForms.constantsMapping.utf8))),
      cancellation: cancellation, requestStats: { remoteClient.stats })

    let budget = options.syncBudget
    let timer = Task {
      try await Task.sleep(nanoseconds: UInt64(budget * 1_000_000_000))
      cancellation.cancel()
    }
    let formsBefore = formReads(remote)
    let first = try await round(engine, remote: remote, recorder: recorder)
    timer.cancel()
    let formsFirst = formReads(remote) - formsBefore
    let second =
      first.stopped ? nil : try await round(engine, remote: remote, recorder: recorder)
    let formsSecond = formReads(remote) - formsBefore - formsFirst
    let state = try SyncStateStore.load(directory.appendingPathComponent("state.json"))
    let stateIds = state.employees.values.map(\.remoteId).sorted()
    let remoteIds = remote.employments.map(\.id).sorted()
    try Output.line(
      SyncMeasurement(
        selected: tenant.employees.count, inFlight: options.inFlight, first: first,
        second: second, stateEntries: state.employees.count,
        remoteEmployments: remote.employments.count, stateMatchesRemote: stateIds == remoteIds,
        countries: countries.count, formReadsFirst: formsFirst, formReadsSecond: formsSecond))
  }

  static let countries = [
    "United Kingdom", "Portugal", "Germany", "Spain", "France", "Netherlands", "Ireland", "Italy",
  ]

  static func formReads(_ remote: SimulatedRemote) -> Int {
    remote.requestLog.filter { $0.path.hasPrefix("/v1/countries/") }.count
  }

  private static func round(
    _ engine: SyncEngine, remote: SimulatedRemote, recorder: TimingTransport
  ) async throws -> SyncRoundMeasurement {
    let before = recorder.requests.count
    let writesBefore = remote.requestLog.filter(\.isWrite).count
    let cpuStart = ProcessResources.cpuSeconds()
    let start = ProcessResources.now()
    let result = try await engine.run()
    let wall = ProcessResources.now() - start
    let cpu = ProcessResources.cpuSeconds() - cpuStart
    let requests = Array(recorder.requests.dropFirst(before))
    guard case .completed(let summary) = result else {
      throw BenchError("the sync gate refused; the benchmark's gate always passes")
    }
    let phase =
      (requests.map(\.end).max() ?? 0) - (requests.map(\.start).min() ?? 0)
    return SyncRoundMeasurement(
      wallSeconds: wall, cpuSeconds: cpu, remoteRequests: requests.count,
      remoteWrites: remote.requestLog.filter(\.isWrite).count - writesBefore,
      remotePhaseSeconds: max(0, phase), maxInFlight: maxOverlap(requests),
      created: summary.counts.created, unchanged: summary.counts.unchanged,
      failed: summary.counts.failed, skipped: summary.counts.skipped,
      exitCode: result.exitCode, stopped: summary.stoppedReason != nil,
      slowRequests: requests.filter { $0.end - $0.start > 1 }.count,
      retries: summary.requests?.retries ?? 0,
      slowestSeconds: requests.map { $0.end - $0.start }.max() ?? 0,
      getMeanSeconds: mean(requests.filter { $0.method == "GET" }),
      postMeanSeconds: mean(requests.filter { $0.method == "POST" }))
  }

  /// The mean duration of `requests`, 0 when there is none.
  static func mean(_ requests: [TimedRequest]) -> Double {
    requests.isEmpty ? 0 : requests.reduce(0) { $0 + $1.end - $1.start } / Double(requests.count)
  }

  /// The most intervals open at one instant.
  static func maxOverlap(_ requests: [TimedRequest]) -> Int {
    var events: [(Double, Int)] = []
    for r in requests {
      events.append((r.start, 1))
      events.append((r.end, -1))
    }
    // Ends before starts at the same instant: back-to-back requests do not overlap.
    events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var open = 0
    var most = 0
    for (_, delta) in events {
      open += delta
      most = max(most, open)
    }
    return most
  }
}
