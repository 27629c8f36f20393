import Foundation
import HibobAPI
import Simulator
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real client (URLSession) against the simulator over loopback, in the shapes a real
/// tenant answers (hibob-api.md, "Corrections from real captures") and in the legacy ones.
@Suite("The client reads a real tenant's shapes, and the legacy ones")
struct RealShapesClientTests {
  private func client(_ hibob: SimulatedHibob) -> HibobClient {
    let user = hibob.simulator.tenant.serviceUser
    return HibobClient(
      baseURL: hibob.baseURL, credentials: Credentials(serviceUserId: user.id, token: user.token),
      transport: URLSessionTransport(), timeout: 10)
  }

  private func serve(_ fixture: String, _ change: (inout Tenant) -> Void = { _ in }) throws
    -> SimulatedHibob
  {
    var tenant = try Fixtures.tenant(fixture)
    change(&tenant)
    try tenant.validate()
    return try SimulatedHibob.start(tenant: tenant)
  }

  @Test("all named lists: an object keyed by name (and the legacy array), items under both keys")
  func namedListsKeyedByName() async throws {
    for legacy in [false, true] {
      let hibob = try serve("compliant") { $0.legacyShapes = legacy }
      defer { hibob.stop() }
      let lists = try await client(hibob).namedLists().value
      let byName = Dictionary(lists.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
      #expect(byName["department"]?.items.count == 5, "legacy \(legacy)")
      #expect(
        byName["syncToRemote"]?.items.map(\.label)
          == ["As employee", "As contractor", "As global payroll employee"], "legacy \(legacy)")
      #expect(byName["countries"]?.label(of: "826") == "United Kingdom", "legacy \(legacy)")
      let one = try await client(hibob).namedList("syncToRemote").value
      #expect(one.items.map(\.id) == ["500000001", "500000002", "500000003"])
    }
  }

  @Test("a GET carries no Content-Type: a real tenant answers 400 HTML to one that does")
  func noContentTypeOnGet() async throws {
    let hibob = try serve("compliant")
    defer { hibob.stop() }
    // What a real tenant does with a JSON Content-Type on a GET [seen], modelled.
    var request = URLRequest(url: hibob.baseURL.appendingPathComponent("company/named-lists"))
    let user = hibob.simulator.tenant.serviceUser
    request.setValue(HibobSimulator.basic(user.id, user.token), forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    let (_, response) = try await URLSession.shared.data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 400)
    // The client's GETs go through.
    let client = client(hibob)
    _ = try await client.fieldMetadata()
    _ = try await client.namedLists()
    _ = try await client.namedList("department")
    _ = try await client.bulkEmploymentHistory(employeeIds: [People.ceo])
    #expect(hibob.simulator.count(status: 400) == 1)
    #expect(hibob.simulator.requests.filter { $0.method == "GET" && $0.status != 200 }.count == 1)
  }

  @Test("Basic info sits flat under its jsonPath: visible, null or absent as permitted")
  func flatBasicInfo() async throws {
    let hibob = try serve("missing-user-data")
    defer { hibob.stop() }
    let client = client(hibob)
    let metadata = try await client.fieldMetadata().value
    let state = try #require(metadata.first { $0.id == "root.state" })
    #expect(state.jsonPath == "state")
    #expect(metadata.first { $0.id == "root.firstName" }?.jsonPath == "firstName")
    let answer = try await client.searchPeople(
      fields: ["root.id", "root.firstName", "root.state", "about.hobbies"], showInactive: true
    ).value
    #expect(answer.employees.count == 13)
    for employee in answer.employees {
      #expect(employee.raw["root"] == nil)
      #expect(employee.lookup(FieldPath("root.firstName", jsonPath: "firstName")).isPresent)
      // userData is not granted: root.state is absent (not null) although Basic info is visible.
      #expect(employee.lookup(FieldPath("root.state", jsonPath: state.jsonPath)) == .absent)
    }
    let ada = try #require(answer.employees.first { $0.id == People.ceo })
    #expect(ada.lookup("about.hobbies") == .null)
  }

  @Test("a numeric categoryId of a user-defined category is read as its text")
  func numericCategoryId() async throws {
    let hibob = try serve("compliant") { tenant in
      tenant.sections["1680187400000"] = "Remote data"
      tenant.fields.append(
        FieldDefinition(
          id: "custom.category_1680187400000.field_1680187400001", name: "Remote id",
          categoryId: "1680187400000"))
    }
    defer { hibob.stop() }
    let metadata = try await client(hibob).fieldMetadata().value
    let custom = try #require(metadata.first { $0.id.hasPrefix("custom.category_") })
    #expect(custom.categoryId == "1680187400000")
    #expect(custom.categoryDisplayName == "Remote data")
    #expect(metadata.first { $0.id == "work.department" }?.categoryId == "work")
  }

  @Test("list fields answer item ids, labelled through their lists (country, status, state)")
  func listValuesLabelled() async throws {
    // Lifecycle is not among the sections the integration needs: granted here to read the status.
    let hibob = try serve("compliant") { $0.permissionGroup.sections.append("lifecycle") }
    defer { hibob.stop() }
    let client = client(hibob)
    let metadata = try await client.fieldMetadata().value
    let byId = Dictionary(metadata.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(byId["address.country"]?.type == "list")
    #expect(byId["address.country"]?.listId == "countries")
    #expect(byId["internal.lifecycleStatus"]?.listId == "lifecycleStatus")
    #expect(byId["root.state"]?.listId == "state")
    #expect(byId["work.site"]?.type == "text")
    #expect(byId["work.siteId"]?.listId == "site")
    let labels = NamedListLabels(try await client.namedLists().value)
    let ids = [
      "address.country", "internal.lifecycleStatus", "root.state", "work.siteId", "work.site",
    ]
    let answer = try await client.searchPeople(fields: ["root.id"] + ids, showInactive: true).value
    let ada = try #require(answer.employees.first { $0.id == People.ceo })
    func labelled(_ id: String) throws -> String? {
      let field = try #require(byId[id])
      guard case .value(.string(let raw)) = ada.lookup(FieldPath(id, jsonPath: field.jsonPath))
      else { return nil }
      return labels.labelled(raw, field: field)
    }
    #expect(ada.lookup("address.country") == .value("826"))
    #expect(try labelled("address.country") == "United Kingdom")
    #expect(try labelled("internal.lifecycleStatus") == "Employed")
    #expect(try labelled("root.state") == "Active")
    #expect(try labelled("work.siteId") == "London")
    // work.site is the site's name as text.
    #expect(ada.lookup("work.site") == .value("London"))
  }

  @Test("work.reportsTo (type employee) comes as an object, work.manager as an id string")
  func referenceShapes() async throws {
    let hibob = try serve("compliant")
    defer { hibob.stop() }
    let client = client(hibob)
    let metadata = try await client.fieldMetadata().value
    #expect(metadata.first { $0.id == "work.reportsTo" }?.type == "employee")
    #expect(metadata.first { $0.id == "work.manager" }?.type == "employee-reference")
    let answer = try await client.searchPeople(
      fields: ["root.id", "work.reportsTo", "work.manager"], showInactive: true
    ).value
    let bruno = try #require(answer.employees.first { $0.id == People.engineeringManager })
    let reportsTo = try #require(bruno.lookup("work.reportsTo").value)
    #expect(reportsTo.objectValue != nil)
    #expect(referencedEmployeeId(reportsTo) == People.ceo)
    #expect(bruno.lookup("work.manager") == .value(.string(People.ceo)))
    let ada = try #require(answer.employees.first { $0.id == People.ceo })
    #expect(ada.lookup("work.manager") == .null)
  }
}
