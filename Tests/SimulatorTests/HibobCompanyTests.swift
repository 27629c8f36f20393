import Foundation
import Simulator
import Testing

@Suite("Authentication, field metadata, named lists and writes")
struct HibobCompanyTests {
  @Test("missing or wrong credentials: 401 with the JSON error body, on every endpoint")
  func unauthorized() async throws {
    let sim = try Fixtures.simulator("compliant")
    let wrong = HibobSimulator.basic(HibobSimulator.testUser, "wrong")
    for (method, target) in [
      ("GET", "/v1/company/people/fields"), ("POST", "/v1/people/search"),
      ("GET", "/v1/bulk/people/employment"),
      ("PUT", "/v1/company/named-lists/department/209192163"),
    ] {
      for authorization: String?? in [.none, .some(.some(wrong)), .some(.some("Bearer x"))] {
        let answer = await sim.send(
          method, target, json: [String: Any](), authorization: authorization)
        #expect(answer.status == 401, "\(method) \(target)")
        #expect(answer.object["key"] as? String == "unauthorized")
        #expect((answer.object["error"] as? String)?.contains("could not be authenticated") == true)
      }
    }
    #expect(sim.count(status: 401) == 12)
    #expect(sim.requests.allSatisfy { !$0.authorized })
  }

  @Test("field metadata needs no permission and names sections by the tenant's names")
  func fieldMetadata() async throws {
    let sim = try Fixtures.simulator("renamed-section")
    let answer = await sim.send("GET", "/v1/company/people/fields")
    #expect(answer.status == 200)
    #expect(answer.header("Content-Type") == "application/json")
    let fields = try #require(answer.json as? [[String: Any]])
    let passport = try #require(fields.first { $0["id"] as? String == "financial.passportNumber" })
    #expect(passport["categoryId"] as? String == "identification")
    #expect(passport["categoryDisplayName"] as? String == "ID documents")
    let sync = try #require(fields.first { $0["name"] as? String == "Sync to Remote" })
    #expect(sync["categoryId"] as? String == "work")
    #expect((sync["typeData"] as? [String: Any])?["listId"] as? String == "syncToRemote")
    let notMember = try Fixtures.simulator("not-in-group")
    #expect(await notMember.send("GET", "/v1/company/people/fields").status == 200)
  }

  @Test("named lists: an object keyed by name, one list by case-sensitive name, archived hidden")
  func namedLists() async throws {
    let sim = try Fixtures.simulator("not-in-group")
    let all = await sim.send("GET", "/v1/company/named-lists?includeArchived=false")
    #expect(all.status == 200)
    // A real tenant's shape: keyed by list name, each {name, values, items}.
    let byName = all.object
    #expect(byName.keys.contains("syncToRemote") && byName.keys.contains("department"))
    let department = try #require(byName["department"] as? [String: Any])
    #expect(department["name"] as? String == "department")
    #expect((department["values"] as? [Any])?.count == 5)
    #expect((department["items"] as? [Any])?.count == 5)
    let sync = await sim.send("GET", "/v1/company/named-lists/syncToRemote")
    let labels = (sync.object["items"] as? [[String: Any]])?.compactMap { $0["value"] as? String }
    #expect(labels == ["As employee", "As contractor", "As global payroll employee"])
    let values = (sync.object["values"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(values == ["500000001", "500000002", "500000003"])
    #expect(await sim.send("GET", "/v1/company/named-lists/synctoremote").status == 404)
    let departments = await sim.send("GET", "/v1/company/named-lists/department")
    #expect((departments.object["items"] as? [Any])?.count == 5)
    let archived = await sim.send("GET", "/v1/company/named-lists/department?includeArchived=true")
    #expect((archived.object["items"] as? [Any])?.count == 6)
  }

  @Test("PUT a list item: same name 304 with no body, a new name 200 and renamed")
  func renameListItem() async throws {
    let sim = try Fixtures.simulator("compliant")
    let same = await sim.send(
      "PUT", "/v1/company/named-lists/department/209192163", json: ["name": "Design"])
    #expect(same.status == 304)
    #expect(same.response.body.isEmpty)
    let renamed = await sim.send(
      "PUT", "/v1/company/named-lists/department/209192163", json: ["name": "Product Design"])
    #expect(renamed.status == 200)
    let list = sim.namedLists.first { $0.name == "department" }
    #expect(list?.items.first?.value == "Product Design")
    let search = await sim.search(["work.department"], humanReadable: "REPLACE")
    let eve = search.employees.first { $0["id"] as? String == People.id(5) }
    #expect(eve?.nested("work.department").value as? String == "Product Design")
    let missing = await sim.send("PUT", "/v1/company/named-lists/department/1", json: ["name": "X"])
    #expect(missing.status == 404)
  }

  @Test("list writes need Edit all lists: 403 before validation; invalid POST 400 when allowed")
  func listPermissions() async throws {
    let allowed = try Fixtures.simulator("compliant")
    let invalid = await allowed.send(
      "POST", "/v1/company/named-lists/department", json: ["name": ""])
    #expect(invalid.status == 400)
    let notJSON = await allowed.send(
      "POST", "/v1/company/named-lists/department", body: Data("{".utf8))
    #expect(notJSON.status == 400)
    let created = await allowed.send(
      "POST", "/v1/company/named-lists/department", json: ["name": "Research"])
    #expect(created.status == 200)
    #expect(
      allowed.namedLists.first { $0.name == "department" }?.items.contains {
        $0.value == "Research"
      } == true)

    let denied = try Fixtures.simulator("no-edit-lists")
    let put = await denied.send(
      "PUT", "/v1/company/named-lists/department/209192163", json: ["name": "Design"])
    #expect(put.status == 403)
    #expect(
      put.object["error"] as? String
        == "service user does not have permission to access this resource")
    let post = await denied.send("POST", "/v1/company/named-lists/department", body: Data("{".utf8))
    #expect(post.status == 403)
  }

  @Test(
    "field writes: custom same name 304, built-in 400, invalid POST 400, 403 without the permission"
  )
  func fieldWrites() async throws {
    let allowed = try Fixtures.simulator("compliant")
    let same = await allowed.send(
      "PUT", "/v1/company/people/fields/\(People.syncField)", json: ["name": "Sync to Remote"])
    #expect(same.status == 304)
    let builtIn = await allowed.send(
      "PUT", "/v1/company/people/fields/work.department", json: ["name": "Department"])
    #expect(builtIn.status == 400)
    let invalid = await allowed.send("POST", "/v1/company/people/fields", json: ["name": ""])
    #expect(invalid.status == 400)
    let renamed = await allowed.send(
      "PUT", "/v1/company/people/fields/\(People.syncField)", json: ["name": "Sync"])
    #expect(renamed.status == 200)
    #expect(allowed.fields.first { $0.id == People.syncField }?.name == "Sync")
    let created = await allowed.send(
      "POST", "/v1/company/people/fields",
      json: ["name": "Shoe size", "category": "about", "type": "number"])
    #expect(created.status == 200)
    #expect((created.object["id"] as? String)?.hasPrefix("about.custom.field_") == true)

    let denied = try Fixtures.simulator("no-manage-field-settings")
    let put = await denied.send(
      "PUT", "/v1/company/people/fields/\(People.syncField)", json: ["name": "Sync to Remote"])
    #expect(put.status == 403)
    let post = await denied.send("POST", "/v1/company/people/fields", json: ["name": ""])
    #expect(post.status == 403)
  }

  @Test("DELETE a list item or a custom field; built-in fields cannot be deleted")
  func deletes() async throws {
    let sim = try Fixtures.simulator("compliant")
    let item = await sim.send("DELETE", "/v1/company/named-lists/department/209192167")
    #expect(item.status == 200)
    #expect(
      sim.namedLists.first { $0.name == "department" }?.items.contains { $0.id == "209192167" }
        == false)
    #expect(await sim.send("DELETE", "/v1/company/named-lists/department/209192167").status == 404)
    #expect(await sim.send("DELETE", "/v1/company/people/fields/work.title").status == 400)
    #expect(await sim.send("DELETE", "/v1/company/people/fields/\(People.syncField)").status == 200)
    #expect(!sim.fields.contains { $0.id == People.syncField })
    let denied = try Fixtures.simulator("no-edit-lists")
    #expect(
      await denied.send("DELETE", "/v1/company/named-lists/department/209192167").status == 403)
  }

  @Test("an unknown path answers 200 with an HTML page")
  func unknownPath() async throws {
    let sim = try Fixtures.simulator("compliant")
    for (method, target) in [
      ("GET", "/v1/people"), ("GET", "/api/v1/company/people/fields"), ("GET", "/v1/people/search"),
      ("GET", "/"), ("POST", "/v1/company/people/fields/extra/parts"),
    ] {
      let answer = await sim.send(method, target)
      #expect(answer.status == 200)
      #expect(answer.header("Content-Type")?.hasPrefix("text/html") == true)
      #expect(answer.json == nil)
    }
  }
}
