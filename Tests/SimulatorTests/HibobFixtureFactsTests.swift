import Foundation
import Simulator
import Testing

/// Checks, through the API, the facts fixtures/tenants/README.md states for each fixture.
@Suite("Fixture facts")
struct HibobFixtureFactsTests {
  /// One representative field per required section.
  static let sectionFields: [String: String] = [
    "about": "about.about", "root": "root.firstName", "work": "work.department",
    "workContact": "work.workPhone", "address": "address.country",
    "employment": "payroll.employment.contract", "home": "home.legalGender",
    "identification": "financial.passportNumber", "personal": "personal.nationality",
    "personalContact": "home.privateEmail", "userData": "root.state",
  ]

  /// Sections visible for how many of the visible employees.
  private func visibility(_ sim: HibobSimulator) async -> (employees: Int, counts: [String: Int]) {
    let answer = await sim.search(Array(Self.sectionFields.values), showInactive: true)
    var counts: [String: Int] = [:]
    for (section, field) in Self.sectionFields {
      counts[section] = answer.employees.filter { $0.field(field).present }.count
    }
    return (answer.employees.count, counts)
  }

  @Test(
    "a missing section is absent for every employee, the others present for all",
    arguments: [
      ("missing-identification", "identification"), ("missing-address", "address"),
      ("missing-personal-contact", "personalContact"), ("missing-user-data", "userData"),
      ("compliant", ""),
    ])
  func missingSection(fixture: String, section: String) async throws {
    let (employees, counts) = await visibility(try Fixtures.simulator(fixture))
    #expect(employees == 13)
    for (s, count) in counts {
      #expect(count == (s == section ? 0 : 13), "\(fixture) \(s)")
    }
  }

  @Test("sections visible for some employees only")
  func someEmployees() async throws {
    let (employees, counts) = await visibility(
      try Fixtures.simulator("sections-for-some-employees"))
    #expect(employees == 13)
    for section in ["about", "root", "work", "workContact"] { #expect(counts[section] == 13) }
    for section in [
      "address", "employment", "home", "identification", "personal", "personalContact", "userData",
    ] {
      #expect(counts[section] == 6, "\(section)")
    }
  }

  @Test("not in the group: metadata and lists readable, nothing else")
  func notInGroup() async throws {
    let sim = try Fixtures.simulator("not-in-group")
    #expect(await sim.send("GET", "/v1/company/people/fields").status == 200)
    #expect(await sim.search(["root.id"], showInactive: true).employees.isEmpty)
    let put = await sim.send(
      "PUT", "/v1/company/people/fields/\(People.syncField)", json: ["name": "Sync to Remote"])
    #expect(put.status == 403)
    let list = await sim.send(
      "PUT", "/v1/company/named-lists/syncToRemote/500000001", json: ["name": "As employee"])
    #expect(list.status == 403)
    #expect(await sim.send("GET", "/v1/bulk/people/employment").status == 403)
  }

  @Test("applies to active only: the same people with and without showInactive")
  func activeOnly() async throws {
    let sim = try Fixtures.simulator("applies-to-active-only")
    let all = await sim.search(["root.id"], showInactive: true)
    #expect(all.ids == People.active)
  }

  @Test("the sync field: absent, in the wrong section, lacking a value")
  func syncField() async throws {
    func syncFields(_ name: String) async throws -> [[String: Any]] {
      let answer = try await Fixtures.simulator(name).send("GET", "/v1/company/people/fields")
      return (answer.json as? [[String: Any]] ?? []).filter {
        $0["name"] as? String == "Sync to Remote"
      }
    }
    #expect(try await syncFields("no-sync-field").isEmpty)
    #expect(
      try await syncFields("sync-field-wrong-section").first?["categoryId"] as? String == "personal"
    )
    #expect(try await syncFields("compliant").first?["categoryId"] as? String == "work")
    let noSync = try Fixtures.simulator("no-sync-field")
    let post = await noSync.send("POST", "/v1/company/people/fields", json: ["name": ""])
    #expect(post.status == 400)
    let list = try await Fixtures.simulator("sync-field-missing-contractor").send(
      "GET", "/v1/company/named-lists/syncToRemote")
    let labels = (list.object["items"] as? [[String: Any]])?.compactMap { $0["value"] as? String }
    #expect(labels == ["As employee", "As global payroll employee"])
  }

  @Test(
    "who is selected in Sync to Remote",
    arguments: [
      ("compliant", [1, 3, 4, 6, 9, 12]), ("no-employee-selected", []),
      ("selection-problems", [1, 3, 7, 10]),
    ])
  func selection(fixture: String, selected: [Int]) async throws {
    let answer = try await Fixtures.simulator(fixture).search(
      [People.syncField], showInactive: true)
    let ids = answer.employees.filter { $0.nested(People.syncField).value != nil }.compactMap {
      $0["id"] as? String
    }
    #expect(Set(ids) == Set(selected.map(People.id)))
  }
}
