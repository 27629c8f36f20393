import Foundation
import Simulator
import Testing

#if canImport(Glibc)
  import Glibc
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
      tenant.employees[index].fields["work.startDate"] = .string(Self.isoDay(start))
      tenant.employees[index].lifecycleStatus = .hired
    }
    return tenant
  }

  static func isoDay(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
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

    func arguments(_ extra: [String] = []) -> [String] {
      [
        "sync", "--base-url", hibob.baseURL.absoluteString, "--remote-base-url",
        remoteURL.absoluteString, "--state", folder.appendingPathComponent("state.json").path,
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

    let before = world.remote.requestLog.count
    let second = try await ToolProcess.run(
      world.arguments(["--format", "json"]), environment: world.environment)
    #expect(second.exitCode == 0)
    let writes = world.remote.requestLog.dropFirst(before).filter { $0.method != "GET" }
    #expect(writes.isEmpty, "the second sync wrote \(writes.count) times")

    // A changed job title in Hibob: exactly one PATCH.
    var changed = tenant
    let id = try #require(selected.sorted().first)
    let index = try #require(changed.employees.firstIndex { $0.id == id })
    changed.employees[index].fields["root.displayName"] = .string("Renamed Person")
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
    #expect(!(third.output.contains("Renamed Person")), "no names in output")
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
