import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Testing

/// The whole flow on loopback with both simulators: the simulated Hibob tenant (the shared
/// `compliant` fixture, a few people changed), the real Hibob client and `HibobSyncSource`, the
/// engine, the real Remote client and the simulated Remote.
@Suite struct HibobToRemoteTests {
  static let fixture = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/tenants/compliant.json")

  static func id(_ n: Int) -> String { String(format: "398034233273299%04d", n) }

  /// compliant.json with: 3 and 4 starting in 2027; 7 (hired, no work email) selected as
  /// contractor; 10 (terminated) selected as employee; the Lifecycle section visible (the
  /// article does not grant it: without it, terminations cannot be seen).
  static func tenant() throws -> Tenant {
    var t = try Tenant.load(contentsOf: fixture)
    t.permissionGroup.sections.append("lifecycle")
    for i in t.employees.indices {
      switch t.employees[i].id {
      case id(3): t.employees[i].fields["work.startDate"] = Simulator.JSONValue.string("2027-02-01")
      case id(4): t.employees[i].fields["work.startDate"] = Simulator.JSONValue.string("2027-03-01")
      case id(7):
        t.employees[i].fields["work.custom.field_1680187492413"] = .string("500000002")
      case id(10):
        t.employees[i].fields["work.custom.field_1680187492413"] = .string("500000001")
      default: break
      }
    }
    return t
  }

  @Test func syncsTheSelectedPeopleOfASimulatedTenant() async throws {
    let tenant = try Self.tenant()
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let h = try RemoteHarness()
    h.simulator.seed([
      RemoteEmploymentRecord(
        type: "employee", countryCode: "GBR", externalId: nil, email: "Ada.Example@example.com",
        name: "Ada Example", jobTitle: "Chief Executive", provisionalStartDate: "2018-03-01")
    ])
    let client = HibobClient(
      baseURL: hibob.baseURL,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      transport: URLSessionTransport())
    let dir = TempDir()
    let engine = h.engine(source: HibobSyncSource(client: client), stateFile: dir.stateFile)

    let result = try await engine.run()
    let s = try #require(result.summary)
    let actions = Dictionary(uniqueKeysWithValues: s.outcomes.map { ($0.hibobId, $0.action) })
    #expect(s.selected == 8)
    #expect(actions[Self.id(1)] == .adopt)
    #expect(actions[Self.id(3)] == .create)
    #expect(actions[Self.id(4)] == .create)
    #expect(actions[Self.id(6)] == .skip)
    #expect(actions[Self.id(7)] == .skip)
    #expect(actions[Self.id(9)] == .skip)
    #expect(actions[Self.id(10)] == .terminated)
    #expect(actions[Self.id(12)] == .skip)
    #expect(actions[Self.id(2)] == nil, "not selected: not reported")
    #expect(
      s.outcomes.first { $0.hibobId == Self.id(7) }?.reason == SkipReason.noEmail.description)
    #expect(
      s.outcomes.first { $0.hibobId == Self.id(6) }?.reason
        == SkipReason.pastStartDate.description)
    #expect(result.exitCode == 1)

    let searches = hibob.simulator.requests.filter { $0.path.hasSuffix("/people/search") }
    #expect(searches.count == 1, "one people search")
    let byExternal = Dictionary(
      uniqueKeysWithValues: h.remote.employments.compactMap { e in e.externalId.map { ($0, e) } })
    let carla = try #require(byExternal[Self.id(3)])
    #expect(carla.type == "employee")
    #expect(carla.countryCode == "PRT")
    #expect(carla.provisionalStartDate == "2027-02-01")
    #expect(
      carla.jobTitle.map { !$0.isEmpty && !$0.allSatisfy(\.isNumber) } == true,
      "the job title is the list label, not the item id")
    #expect(byExternal[Self.id(4)]?.type == "contractor")
    #expect(byExternal[Self.id(4)]?.countryCode == "ESP")
    #expect(byExternal[Self.id(1)]?.countryCode == "GBR")
    #expect(h.remote.employments.count == 3)

    h.simulator.clearLog()
    let again = try await engine.run()
    #expect(again.summary?.counts.unchanged == 3)
    #expect(h.writes.isEmpty)
  }

  @Test func theSourceNeedsTheSyncField() async throws {
    var tenant = try Self.tenant()
    tenant.fields.removeAll { $0.name == "Sync to Remote" }
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let client = HibobClient(
      baseURL: hibob.baseURL,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      transport: URLSessionTransport())
    await #expect(throws: HibobSyncSourceError.noSyncField) {
      _ = try await HibobSyncSource(client: client).employees()
    }
  }
}
