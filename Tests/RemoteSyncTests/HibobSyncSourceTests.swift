import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Synchronization
import Testing

/// The Hibob side of the sync against the simulated tenant, over loopback with the real client.
@Suite struct HibobSyncSourceTests {
  @Test func readsOnlyWhatTheMappingNeedsAndLabelsListValues() async throws {
    var tenant = TenantGenerator.generate(employees: 12, seed: 7, selectedFraction: 0.9)
    tenant.permissionGroup.sections.append("lifecycle")
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let recorder = BodyRecorder()
    let client = Self.client(hibob, tenant, transport: recorder)
    let records = try await HibobSyncSource(client: client).employees(mapping: .builtIn)
    #expect(records.count == tenant.employees.count)
    let selected = records.filter { $0.selectedType != nil }
    #expect(!selected.isEmpty)
    #expect(selected.allSatisfy { ["As employee", "As contractor"].contains($0.syncLabel ?? "") })
    // Job titles arrive as list item ids and leave as labels.
    let titleIds = Set(Tenant.defaultNamedLists[2].items.map(\.id))
    let titles = records.compactMap { $0.text("work.title") }
    #expect(!titles.isEmpty)
    #expect(titles.allSatisfy { !titleIds.contains($0) }, "list values are labelled")
    // Only the mapping's fields (and the sync's own) were asked for.
    let searchBody = try #require(recorder.bodies.last { $0.0.hasSuffix("/people/search") }?.1)
    let body = try JSONSerialization.jsonObject(with: searchBody) as? [String: Any]
    let asked = Set(body?["fields"] as? [String] ?? [])
    #expect(!asked.contains("financial.passportNumber"))
    #expect(!asked.contains("personal.nationality"))
    #expect(asked.contains("work.title"))
    #expect(asked.contains(TenantGenerator.syncFieldId))
  }

  @Test func employeeReferencesArriveAsTheReferencedEmployeesId() async throws {
    let tenant = TenantGenerator.generate(employees: 12, seed: 7, selectedFraction: 0.9)
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let client = Self.client(hibob, tenant)
    let mapping = try testMapping(#"{"basic_information": {"line_manager": "work.reportsTo"}}"#)
    let records = try await HibobSyncSource(client: client).employees(mapping: mapping)
    let ids = Set(records.map(\.id))
    let managed = records.filter { $0.values["work.reportsTo"] != nil }
    #expect(!managed.isEmpty)
    for record in managed {
      #expect(record.references == ["work.reportsTo"])
      let manager = try #require(record.text("work.reportsTo"))
      #expect(ids.contains(manager), "an employee id, never a name")
      #expect(manager != record.id)
    }
    #expect(records.allSatisfy { !$0.references.contains("root.id") })
  }

  /// The real client with the tenant's service user, over URLSession.
  static func client(
    _ hibob: SimulatedHibob, _ tenant: Tenant,
    transport: any HTTPTransport = URLSessionTransport()
  ) -> HibobClient {
    HibobClient(
      baseURL: hibob.baseURL,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      transport: transport)
  }

  @Test func aMappingNamingAnUnknownHibobFieldIsRefused() async throws {
    let tenant = TenantGenerator.generate(employees: 3, seed: 7, selectedFraction: 0.9)
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let client = Self.client(hibob, tenant)
    let mapping = try testMapping(#"{"basic_information": {"job_title": "work.noSuchField"}}"#)
    await #expect(throws: HibobSyncSourceError.unknownMappingFields(["work.noSuchField"])) {
      _ = try await HibobSyncSource(client: client).employees(mapping: mapping)
    }
  }
}

/// Forwards to URLSession and keeps each request's path and body.
final class BodyRecorder: HTTPTransport {
  private let inner = URLSessionTransport()
  private let kept = Mutex<[(String, Data)]>([])

  var bodies: [(String, Data)] { kept.withLock { $0 } }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    kept.withLock { $0.append((request.url.path, request.body ?? Data())) }
    return try await inner.send(request)
  }
}
