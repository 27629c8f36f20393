import Common
import Foundation
import Simulator
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `sync` through the built executable, against a simulated Hibob and a simulated Remote.
@Suite(.serialized) struct SyncEndToEndTests {
  /// A compliant generated company whose selected employees all start in a few weeks (Remote
  /// needs a future start date for someone new to it).
  static func syncableTenant(employees: Int, seed: UInt64) -> Tenant {
    var tenant = TenantGenerator.generate(employees: employees, seed: seed, selectedFraction: 0.9)
    for index in tenant.employees.indices {
      guard case .string = tenant.employees[index].fields[TenantGenerator.syncFieldId] else {
        continue
      }
      let start = Date().addingTimeInterval(Double(30 + index % 20) * 86_400)
      tenant.employees[index].fields["work.startDate"] = .string(UTCDate.day(start))
      tenant.employees[index].fields["address.postCode"] = .string("PC-\(index)")
      tenant.employees[index].fields["home.mobilePhone"] = .string("+1 555 0100 \(index)")
      tenant.employees[index].lifecycleStatus = .hired
    }
    return tenant
  }

  /// Ids of the employees "Sync to Remote" selects.
  static func selectedIds(_ tenant: Tenant) -> Set<String> {
    Set(
      tenant.employees.filter {
        if case .string = $0.fields[TenantGenerator.syncFieldId] { return true }
        return false
      }.map(\.id))
  }

  struct World {
    var hibob: SimulatedHibob
    var remote: SimulatedRemote
    var remoteURL: URL
    var folder: URL
    var tenant: Tenant

    var environment: [String: String] {
      Fixtures.credentials(tenant).merging(["REMOTE_API_TOKEN": "remote-test-token"]) { $1 }
    }

    var stateFile: URL { folder.appendingPathComponent("state.json") }

    func arguments(_ extra: [String] = []) -> [String] {
      [
        "sync", "--base-url", hibob.baseURL.absoluteString, "--remote-base-url",
        remoteURL.absoluteString, "--state", stateFile.path, "--mapping",
        folder.appendingPathComponent("mapping.json").path,
      ] + extra
    }

    func stop() {
      hibob.stop()
      remote.stop()
      try? FileManager.default.removeItem(at: folder)
    }
  }

  static func world(_ tenant: Tenant) throws -> World {
    // No rate limit: these tests are about state and the gate (the rate limit has its own).
    let remote = SimulatedRemote(configuration: RemoteSimulatorConfiguration(rateLimit: nil))
    let url = try remote.start()
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-sync-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(RemoteForms.constantsMapping.utf8).write(
      to: folder.appendingPathComponent("mapping.json"))
    return World(
      hibob: try SimulatedHibob.start(tenant: tenant), remote: remote, remoteURL: url,
      folder: folder, tenant: tenant)
  }

  @Test(arguments: [
    "not-in-group", "missing-identification", "renamed-section", "no-edit-lists",
    "applies-to-department", "search-unavailable",
  ])
  func theGateRefusesAFailingTenantAndNothingReachesRemote(_ name: String) async throws {
    let world = try Self.world(try Fixtures.tenant(name))
    defer { world.stop() }
    let run = try await ToolProcess.run(
      world.arguments(["--deadline", "30"]), environment: world.environment)
    #expect(run.exitCode == 3, "\(name): \(run.stderr)")
    #expect(run.stdout.contains("sync refused"), "\(run.stdout)")
    if name != "search-unavailable" {
      #expect(run.stdout.contains("fix: "), "the failing rules come with their fixes")
    }
    #expect(world.remote.requestLog.isEmpty, "Remote was touched")
  }

  @Test func firstSyncCreatesTheSelectedSecondSendsNoWriteAChangeIsOnePatch() async throws {
    let tenant = Self.syncableTenant(employees: 30, seed: 11)
    let selected = Self.selectedIds(tenant)
    let world = try Self.world(tenant)
    defer { world.stop() }

    let first = try await ToolProcess.run(world.arguments(), environment: world.environment)
    #expect(first.exitCode == 0, "\(first.stdout)\(first.stderr)")
    #expect(Set(world.remote.employments.compactMap(\.externalId)) == selected)
    #expect(world.remote.employments.count == selected.count)
    #expect(Set(world.remote.employments.map(\.countryCode)).count >= 4, "several country forms")
    // Every body the simulated Remote stored passed its own validation of the country form.
    #expect(world.remote.requestLog.filter { $0.method == "POST" }.allSatisfy { $0.status == 201 })

    let before = world.remote.requestLog.count
    let second = try await ToolProcess.run(
      world.arguments(["--format", "json"]), environment: world.environment)
    #expect(second.exitCode == 0)
    let writes = world.remote.requestLog.dropFirst(before).filter { $0.method != "GET" }
    #expect(writes.isEmpty, "the second sync wrote \(writes.count) times")

    // A changed first name of an employee (status created): exactly one PATCH.
    var changed = tenant
    let employees = world.remote.employments.filter { $0.type == "employee" }
    let id = try #require(employees.compactMap(\.externalId).sorted().first)
    let index = try #require(changed.employees.firstIndex { $0.id == id })
    changed.employees[index].fields["root.firstName"] = .string("Renamed")
    let hibob2 = try SimulatedHibob.start(tenant: changed)
    defer { hibob2.stop() }
    var world2 = world
    world2.hibob = hibob2
    let mark = world.remote.requestLog.count
    let third = try await ToolProcess.run(world2.arguments(), environment: world.environment)
    #expect(third.exitCode == 0, "\(third.stderr)")
    let sent = world.remote.requestLog.dropFirst(mark)
    #expect(sent.filter { $0.method == "PATCH" }.count == 1)
    #expect(sent.filter { $0.method == "POST" }.isEmpty)
    #expect(
      sent.filter { $0.method == "PATCH" }.first?.bodyKeys.contains("basic_information.name")
        == true)
    #expect(!(third.output.contains("Renamed")), "no names in output")
  }

  @Test func aSyncKilledMidwayThenRunAgainLeavesEveryoneExactlyOnce() async throws {
    let tenant = Self.syncableTenant(employees: 60, seed: 5)
    let selected = Self.selectedIds(tenant)
    let world = try Self.world(tenant)
    defer { world.stop() }
    world.remote.inject(RemoteFault(.delay(0.15), method: "POST", count: 10_000))

    let process = ToolProcess.process(
      world.arguments(["--concurrency", "2"]), environment: world.environment)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while world.remote.employments.count < 6 && Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    kill(process.processIdentifier, SIGKILL)
    while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    let createdBeforeKill = world.remote.employments.count
    #expect(createdBeforeKill >= 6 && createdBeforeKill < selected.count)

    let again = try await ToolProcess.run(world.arguments(), environment: world.environment)
    #expect(again.exitCode == 0, "\(again.stderr)")
    let ids = world.remote.employments.compactMap(\.externalId)
    #expect(ids.count == selected.count, "duplicates or missing: \(ids.count) vs \(selected.count)")
    #expect(Set(ids) == selected)
  }

  @Test func aSecondConcurrentSyncIsRefusedByTheLock() async throws {
    let tenant = Self.syncableTenant(employees: 30, seed: 9)
    let world = try Self.world(tenant)
    defer { world.stop() }
    world.remote.inject(RemoteFault(.delay(0.2), method: "POST", count: 10_000))
    async let first = ToolProcess.run(world.arguments(), environment: world.environment)
    let deadline = Date().addingTimeInterval(30)
    while world.remote.requestLog.isEmpty && Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    let second = try await ToolProcess.run(world.arguments(), environment: world.environment)
    #expect(second.exitCode == 1, "\(second.stderr)")
    #expect(second.stderr.contains("lock") || second.stderr.contains("running"), "\(second.stderr)")
    let firstRun = try await first
    #expect(firstRun.exitCode == 0, "\(firstRun.stderr)")
  }

  @Test func everyRunsRoundsWithTheGateUntilSIGTERM() async throws {
    let tenant = Self.syncableTenant(employees: 12, seed: 3)
    let world = try Self.world(tenant)
    defer { world.stop() }
    let process = ToolProcess.process(
      world.arguments(["--every", "1s"]), environment: world.environment)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let metadataPath = "/v1/company/people/fields"
    let deadline = Date().addingTimeInterval(30)
    // Each round reads the metadata twice: the gate's check, then the sync's own read.
    while world.hibob.simulator.count(method: "GET", path: metadataPath) < 4 && Date() < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(world.hibob.simulator.count(method: "GET", path: metadataPath) >= 4)
    kill(process.processIdentifier, SIGTERM)
    let stopBy = Date().addingTimeInterval(10)
    while process.isRunning && Date() < stopBy { try await Task.sleep(for: .milliseconds(20)) }
    #expect(!process.isRunning, "SIGTERM ends --every within seconds")
    if process.isRunning { process.terminate() }
    #expect(Set(world.remote.employments.compactMap(\.externalId)) == Self.selectedIds(tenant))
  }

  @Test func aRemoteTokenRemoteRefusesIsAConfigurationError() async throws {
    let world = try Self.world(try Fixtures.tenant("compliant"))
    defer { world.stop() }
    var environment = world.environment
    environment["REMOTE_API_TOKEN"] = "wrong-remote-token-1234"
    let run = try await ToolProcess.run(world.arguments(), environment: environment)
    #expect(run.exitCode == 2, "\(run.stderr)")
    #expect(run.stderr.contains("Remote refused the token (401)"))
    #expect(!run.output.contains("wrong-remote-token-1234"))
    #expect(world.remote.requestLog.allSatisfy { $0.method == "GET" })
  }

  @Test func missingRemoteTokenIsAConfigurationError() async throws {
    let world = try Self.world(try Fixtures.tenant("compliant"))
    defer { world.stop() }
    var environment = world.environment
    environment["REMOTE_API_TOKEN"] = nil
    let run = try await ToolProcess.run(world.arguments(), environment: environment)
    #expect(run.exitCode == 2)
    #expect(run.stderr.contains("REMOTE_API_TOKEN"))
    #expect(world.hibob.simulator.requests.isEmpty, "nothing is probed on a configuration error")
  }
}

/// Version 2 of the sync through the built executable: dry run, to-dos, adoption, lost answers,
/// kills and interrupts, bad input.
@Suite(.serialized) struct SyncV2EndToEndTests {
  typealias E = SyncEndToEndTests

  @Test func aDryRunWritesNothingAndNamesEachSkippedEmployeesMissingProperties() async throws {
    var tenant = E.syncableTenant(employees: 30, seed: 21)
    // Two selected Germans lose their mobile number: Germany's form requires it.
    let germans = tenant.employees.indices.filter {
      E.selectedIds(tenant).contains(tenant.employees[$0].id)
    }.prefix(2)
    for i in germans {
      tenant.employees[i].fields["address.country"] = .string("Germany")
      tenant.employees[i].fields["home.mobilePhone"] = nil
    }
    let world = try E.world(tenant)
    defer { world.stop() }
    let run = try await ToolProcess.run(
      world.arguments(["--dry-run", "--format", "json"]), environment: world.environment)
    #expect(run.exitCode == 1, "not every employee is ready: \(run.stderr)")
    #expect(world.remote.requestLog.allSatisfy { $0.method == "GET" })
    #expect(world.remote.employments.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: world.stateFile.path))
    let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let summary = try #require(json?["summary"] as? [String: Any])
    let outcomes = try #require(summary["outcomes"] as? [[String: Any]])
    for i in germans {
      let id = tenant.employees[i].id
      let o = try #require(outcomes.first { $0["hibob_id"] as? String == id })
      #expect(o["action"] as? String == "skip")
      let problems = (o["form_problems"] as? [[String: Any]]) ?? []
      #expect(problems.compactMap { $0["property"] as? String } == ["mobile_number"])
    }
    #expect(!run.stdout.contains("@example"), "no emails in the dry run")
    let text = try await ToolProcess.run(
      world.arguments(["--dry-run"]), environment: world.environment)
    #expect(text.stdout.contains("missing mobile_number (\"Mobile number\")"), "\(text.stdout)")
    #expect(world.remote.employments.isEmpty)
  }

  @Test func aContractorChangeIsToDoInRemoteAndALostStateIsAdopted() async throws {
    let tenant = E.syncableTenant(employees: 30, seed: 11)
    let world = try E.world(tenant)
    defer { world.stop() }
    let first = try await ToolProcess.run(world.arguments(), environment: world.environment)
    #expect(first.exitCode == 0, "\(first.stderr)")
    let contractor = try #require(
      world.remote.employments.filter { $0.type == "contractor" }.compactMap(\.externalId).sorted()
        .first)
    var changed = tenant
    let index = try #require(changed.employees.firstIndex { $0.id == contractor })
    changed.employees[index].fields["root.firstName"] = .string("Changed")
    let hibob2 = try SimulatedHibob.start(tenant: changed)
    defer { hibob2.stop() }
    var world2 = world
    world2.hibob = hibob2
    let mark = world.remote.requestLog.count
    let second = try await ToolProcess.run(world2.arguments(), environment: world.environment)
    #expect(second.exitCode == 1, "a to-do in Remote is not a clean sync")
    #expect(second.stdout.contains("todo in remote") || second.stdout.contains("to do in Remote"))
    #expect(second.stdout.contains(contractor))
    #expect(world.remote.requestLog.dropFirst(mark).allSatisfy { $0.method == "GET" })

    // The state is lost: the re-run adopts every employment, creates none.
    try FileManager.default.removeItem(at: world.stateFile)
    let mark2 = world.remote.requestLog.count
    let third = try await ToolProcess.run(
      world.arguments(["--format", "json"]), environment: world.environment)
    #expect(third.exitCode == 0, "\(third.stderr)")
    #expect(world.remote.requestLog.dropFirst(mark2).filter { $0.method == "POST" }.isEmpty)
    #expect(third.stdout.contains("\"adopted\" : \(E.selectedIds(tenant).count)"))
    #expect(world.remote.employments.count == E.selectedIds(tenant).count)
  }

  @Test func aPOSTDroppedAfterTheStoreGivesOneEmploymentAndNoResend() async throws {
    let tenant = E.syncableTenant(employees: 20, seed: 4)
    let selected = E.selectedIds(tenant)
    let world = try E.world(tenant)
    defer { world.stop() }
    world.remote.inject(RemoteFault(.processThenClose, method: "POST", count: 3))
    let start = Date()
    let run = try await ToolProcess.run(
      world.arguments(["--timeout", "20"]), environment: world.environment)
    let elapsed = Date().timeIntervalSince(start)
    #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
    #expect(elapsed < 20, "a lost answer stalled the run (\(elapsed) s)")
    let posts = world.remote.requestLog.filter { $0.method == "POST" }
    #expect(posts.count == selected.count, "\(posts.count) POSTs for \(selected.count) people")
    #expect(posts.allSatisfy { $0.bodyLength > 0 }, "no POST resent without its body")
    #expect(world.remote.employments.count == selected.count)
    #expect(Set(world.remote.employments.compactMap(\.externalId)) == selected)
  }

  /// kill -9 at seeded random moments, many runs: every ready employee ends up in Remote
  /// exactly once.
  @Test func killedAtRandomPointsEveryoneEndsUpExactlyOnce() async throws {
    let tenant = E.syncableTenant(employees: 40, seed: 77)
    let selected = E.selectedIds(tenant)
    let world = try E.world(tenant)
    defer { world.stop() }
    world.remote.inject(RemoteFault(.delay(0.05), count: 100_000))
    var random = SplitMix64(seed: 2026)
    let runs = 8
    for _ in 0..<runs {
      let process = Process()
      process.executableURL = ToolProcess.executable
      process.arguments = world.arguments(["--concurrency", "3"])
      process.environment = world.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      let after = 0.3 + Double(random.next() % 1200) / 1000
      try await Task.sleep(for: .seconds(after))
      kill(process.processIdentifier, SIGKILL)
      while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    }
    let final = try await ToolProcess.run(world.arguments(), environment: world.environment)
    #expect(final.exitCode == 0, "\(final.stdout)\(final.stderr)")
    let ids = world.remote.employments.compactMap(\.externalId)
    #expect(ids.count == selected.count, "duplicates or missing: \(ids.count) vs \(selected.count)")
    #expect(Set(ids) == selected)
  }

  @Test func aSIGINTStopsWithin2SecondsWithExit130AndAWholeState() async throws {
    let tenant = E.syncableTenant(employees: 30, seed: 8)
    let world = try E.world(tenant)
    defer { world.stop() }
    // Remote answers slowly and then rate-limits for a long time: the wait must be cut short.
    world.remote.inject(RemoteFault(.delay(0.2), method: "POST", count: 3))
    world.remote.inject(
      RemoteFault(.rateLimited(milliseconds: 55_000), method: "POST", count: 1000))
    let process = Process()
    process.executableURL = ToolProcess.executable
    process.arguments = world.arguments(["--concurrency", "1"])
    process.environment = world.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let exit = ExitStamp(process)
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while world.remote.requestLog.filter({ $0.status == 429 }).isEmpty && Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    let sent = Date()
    kill(process.processIdentifier, SIGINT)
    let took = try await exit.seconds(after: sent, limit: 10)
    #expect(!process.isRunning)
    if process.isRunning { process.terminate() }
    #expect(took < 2, "took \(took) s")
    #expect(process.terminationStatus == 130)
    let data = try Data(contentsOf: world.stateFile)
    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "the state file is whole")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: world.folder.path)
      .filter { $0.contains(".tmp") }
    #expect(leftovers.isEmpty)
  }

  @Test func aSecondSignalExitsAtOnce() async throws {
    let tenant = E.syncableTenant(employees: 20, seed: 8)
    let world = try E.world(tenant)
    defer { world.stop() }
    world.remote.inject(RemoteFault(.delay(30), method: "POST", count: 1000))
    let process = Process()
    process.executableURL = ToolProcess.executable
    process.arguments = world.arguments(["--concurrency", "1", "--timeout", "60"])
    process.environment = world.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let exit = ExitStamp(process)
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while world.remote.requestLog.filter({ $0.method == "POST" }).isEmpty && Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    kill(process.processIdentifier, SIGINT)
    try await Task.sleep(for: .milliseconds(100))
    let sent = Date()
    kill(process.processIdentifier, SIGINT)
    let took = try await exit.seconds(after: sent, limit: 10)
    if process.isRunning { process.terminate() }
    #expect(took < 1, "took \(took) s")
    #expect(process.terminationStatus == 130)
  }

  @Test(arguments: [
    (["--state", "/no/such/dir/state.json"], "--state"),
    (["--mapping", "/no/such/mapping.json"], "--mapping"),
    (["--legal-entity-id", "not an id!"], "--legal-entity-id"),
  ])
  func badInputIsOneLineAndExit2(_ extra: [String], _ mentions: String) async throws {
    let world = try E.world(try Fixtures.tenant("compliant"))
    defer { world.stop() }
    let run = try await ToolProcess.run(world.arguments() + extra, environment: world.environment)
    #expect(run.exitCode == 2, "\(run.stderr)")
    #expect(run.stderr.contains(mentions), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count <= 2, "\(run.stderr)")
    #expect(world.hibob.simulator.requests.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: "/no/such/dir"))
  }

  @Test(arguments: [
    #"{"basic_information": {"job_title": "work.noSuchField"}}"#,
    #"{"basic_information": {"shoe_size": "42"}}"#,
    #"{"XYZ": {"a": 1}}"#,
    #"{"basic_information": ["#,
  ])
  func aMappingThatDoesNotFitIsExit2(_ mapping: String) async throws {
    let world = try E.world(E.syncableTenant(employees: 10, seed: 2))
    defer { world.stop() }
    try Data(mapping.utf8).write(to: world.folder.appendingPathComponent("mapping.json"))
    let run = try await ToolProcess.run(world.arguments(), environment: world.environment)
    #expect(run.exitCode == 2, "\(run.stdout)\(run.stderr)")
    #expect(world.remote.requestLog.allSatisfy { $0.method == "GET" })
    #expect(world.remote.employments.isEmpty)
  }
}

/// When a process exited, stamped by its termination handler (a Dispatch thread), so that a
/// test's measure of how fast it stopped does not include the time the test itself waited for
/// a thread of the cooperative pool (two on a two-core machine, often busy in a full run).
private final class ExitStamp: Sendable {
  private let stamp = Mutex<Date?>(nil)

  init(_ process: Process) {
    process.terminationHandler = { [self] _ in stamp.withLock { $0 = Date() } }
  }

  /// Seconds from `start` to the exit; `limit` (and more) if it did not exit within `limit`.
  func seconds(after start: Date, limit: Double) async throws -> Double {
    while Date().timeIntervalSince(start) < limit {
      if let exited = stamp.withLock({ $0 }) { return exited.timeIntervalSince(start) }
      try await Task.sleep(for: .milliseconds(10))
    }
    return stamp.withLock { $0 }?.timeIntervalSince(start) ?? Date().timeIntervalSince(start)
  }
}
