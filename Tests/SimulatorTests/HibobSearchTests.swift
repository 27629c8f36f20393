import Foundation
import Simulator
import Testing

@Suite("People search and single-employee reads")
struct HibobSearchTests {
  static let representative = [
    "root.id", "root.email", "root.firstName", "about.about", "work.department", "work.reportsTo",
    "work.workPhone", "address.country", "payroll.employment.contract", "home.legalGender",
    "financial.passportNumber", "personal.nationality", "home.privateEmail", "root.state",
    People.syncField,
  ]

  @Test("showInactive false gives active employees only; true adds hired and terminated")
  func showInactive() async throws {
    let sim = try Fixtures.simulator("compliant")
    let active = await sim.search(["root.id"])
    #expect(active.status == 200)
    #expect(active.ids == People.active)
    let explicit = await sim.search(["root.id"], showInactive: false)
    #expect(explicit.ids == People.active)
    let all = await sim.search(["root.id"], showInactive: true)
    #expect(all.ids == People.all)
  }

  @Test("slash keys for non-null values, nested objects along the id's path, root values flat")
  func responseShape() async throws {
    let sim = try Fixtures.simulator("compliant")
    let answer = await sim.search(Self.representative, showInactive: true)
    let ada = try #require(answer.employees.first { $0["id"] as? String == People.ceo })
    #expect((ada["/root/id"] as? [String: Any])?["value"] as? String == People.ceo)
    #expect(ada["email"] as? String == "ada.example@example.com")
    #expect(ada["firstName"] as? String == "Ada")
    // Basic info is flat only, as a real tenant answers: no nested `root` object.
    #expect(ada["root"] == nil)
    #expect(ada["state"] as? String == "active")
    // home.privateEmail sits under "home" though its section is personalContact.
    #expect(ada.nested("home.privateEmail").present)
    #expect(ada.nested("financial.passportNumber").present)
    #expect(ada.nested("work.custom.field_1680187492413").value as? String == "500000001")
    #expect(ada.nested("payroll.employment.contract").value as? String == "Full time")
    // Empty permitted fields are null in the nested object and have no slash key.
    #expect(ada.nested("home.legalGender").present)
    #expect(ada.nested("home.legalGender").value == nil)
    #expect(ada["/home/legalGender"] == nil)
    #expect(ada.nested("work.reportsTo").present)
  }

  @Test("fields the group may not see are silently absent; invalid ids too")
  func silentOmission() async throws {
    let sim = try Fixtures.simulator("missing-personal-contact")
    let answer = await sim.search(
      ["root.id", "home.privateEmail", "home.legalGender", "work.nonsense"], showInactive: true)
    #expect(answer.status == 200)
    #expect(answer.employees.count == People.all.count)
    for employee in answer.employees {
      #expect(!employee.nested("home.privateEmail").present)
      #expect(employee["/home/privateEmail"] == nil)
      #expect(employee.nested("home.legalGender").present)
      #expect(!employee.nested("work.nonsense").present)
    }
  }

  @Test("root fields of another section are absent flat and nested without that section")
  func userDataRootField() async throws {
    let sim = try Fixtures.simulator("missing-user-data")
    let answer = await sim.search(["root.state", "root.firstName"])
    for employee in answer.employees {
      #expect(employee["state"] == nil)
      #expect(!employee.field("root.state").present)
      #expect(employee["firstName"] != nil)
    }
  }

  @Test("an employee reference: machine object, REPLACE a bare id, lists give labels")
  func humanReadable() async throws {
    let sim = try Fixtures.simulator("compliant")
    let machine = await sim.search(["work.reportsTo", "work.department"])
    let carla = try #require(machine.employees.first { $0["id"] as? String == People.id(3) })
    let manager = try #require(carla.nested("work.reportsTo").value as? [String: Any])
    #expect(manager["id"] as? String == People.engineeringManager)
    #expect(Set(manager.keys) == ["id", "firstName", "surname", "email", "displayName"])
    #expect(carla.nested("work.department").value as? String == "209192164")

    let replaced = await sim.search(
      ["work.reportsTo", "work.department"], humanReadable: "REPLACE")
    let carla2 = try #require(replaced.employees.first { $0["id"] as? String == People.id(3) })
    #expect(carla2.nested("work.reportsTo").value as? String == People.engineeringManager)
    #expect(carla2.nested("work.department").value as? String == "Engineering")
    #expect((carla2["/work/department"] as? [String: Any])?["value"] as? String == "Engineering")

    let appended = await sim.search(["work.department"], humanReadable: "APPEND")
    let carla3 = try #require(appended.employees.first { $0["id"] as? String == People.id(3) })
    #expect(carla3.nested("work.department").value as? String == "209192164")
    #expect(carla3.nested("humanReadable.work.department").value as? String == "Engineering")
  }

  @Test("not a member of the group: 200 with no employees")
  func notMember() async throws {
    let sim = try Fixtures.simulator("not-in-group")
    let answer = await sim.search(["root.id"], showInactive: true)
    #expect(answer.status == 200)
    #expect(answer.employees.isEmpty)
  }

  @Test("without Basic info no employee is visible")
  func noBasicInfo() async throws {
    let sim = try Fixtures.simulator("missing-basic-info")
    let answer = await sim.search(["root.id", "work.department"], showInactive: true)
    #expect(answer.status == 200)
    #expect(answer.employees.isEmpty)
  }

  @Test("Applies to decides who exists: a department condition and an active-only list")
  func appliesTo() async throws {
    let department = try Fixtures.simulator("applies-to-department")
    let engineering = await department.search(["root.id", "work.reportsTo"], showInactive: true)
    #expect(engineering.ids == Set([2, 3, 4, 7, 10, 13].map(People.id)))
    // Bruno's manager (the CEO) is referenced but not visible.
    let bruno = try #require(
      engineering.employees.first { $0["id"] as? String == People.engineeringManager })
    #expect(
      (bruno.nested("work.reportsTo").value as? [String: Any])?["id"] as? String == People.ceo)

    let activeOnly = try Fixtures.simulator("applies-to-active-only")
    let all = await activeOnly.search(["root.id"], showInactive: true)
    let active = await activeOnly.search(["root.id"], showInactive: false)
    #expect(all.ids == active.ids)
  }

  @Test("another group's scope makes sections visible for some employees only")
  func partialSections() async throws {
    let sim = try Fixtures.simulator("sections-for-some-employees")
    let answer = await sim.search(
      ["root.id", "financial.passportNumber", "about.about"], showInactive: true)
    #expect(answer.ids == People.all)
    let withPassport = answer.employees.filter { $0.nested("financial.passportNumber").present }
    #expect(
      Set(withPassport.compactMap { $0["id"] as? String })
        == Set([2, 3, 4, 7, 10, 13].map(People.id)))
    #expect(answer.employees.allSatisfy { $0.nested("about.about").present })
  }

  @Test("filters: one equals on root.id or root.email; others are 400")
  func filters() async throws {
    let sim = try Fixtures.simulator("compliant")
    let byId = await sim.send(
      "POST", "/v1/people/search",
      json: [
        "fields": ["root.id"],
        "filters": [["fieldPath": "root.id", "operator": "equals", "values": [People.id(3)]]],
      ])
    #expect(byId.ids == [People.id(3)])
    let byEmail = await sim.send(
      "POST", "/v1/people/search",
      json: [
        "fields": ["root.id"],
        "filters": [
          ["fieldPath": "root.email", "operator": "equals", "values": ["ADA.example@example.com"]]
        ],
      ])
    #expect(byEmail.ids == [People.ceo])
    let empty = await sim.send(
      "POST", "/v1/people/search", json: ["fields": ["root.id"], "filters": [Any]()])
    #expect(empty.status == 400)
    #expect(empty.object["key"] as? String == "badRequest")
    let other = await sim.send(
      "POST", "/v1/people/search",
      json: ["filters": [["fieldPath": "work.department", "operator": "equals", "values": ["x"]]]])
    #expect(other.status == 400)
  }

  @Test("more than 400 fields, a bad humanReadable or invalid JSON is 400")
  func badRequests() async throws {
    let sim = try Fixtures.simulator("compliant")
    let many = await sim.search((0...400).map { "root.field\($0)" })
    #expect(many.status == 400)
    let exactly = await sim.search((0..<400).map { "root.field\($0)" })
    #expect(exactly.status == 200)
    let human = await sim.search(["root.id"], humanReadable: "replace")
    #expect(human.status == 400)
    let broken = await sim.send("POST", "/v1/people/search", body: Data("{\"fields\":".utf8))
    #expect(broken.status == 400)
    #expect(broken.object["key"] as? String == "badRequest")
  }

  @Test("a hired employee may have no email: email is null at the top level")
  func noEmail() async throws {
    let sim = try Fixtures.simulator("compliant")
    let answer = await sim.search(["root.id", "root.email"], showInactive: true)
    let gina = try #require(
      answer.employees.first { $0["id"] as? String == People.hiredWithoutEmail })
    #expect(gina["email"] is NSNull)
    #expect(gina["/root/email"] == nil)
  }

  @Test("POST /people/{idOrEmail}: the employee, or 404 when unknown or out of scope")
  func singleEmployee() async throws {
    let sim = try Fixtures.simulator("applies-to-department")
    let bruno = await sim.send(
      "POST", "/v1/people/\(People.engineeringManager)",
      json: ["fields": ["root.id", "work.title"]])
    #expect(bruno.status == 200)
    #expect(bruno.object["id"] as? String == People.engineeringManager)
    let byEmail = await sim.send(
      "POST", "/v1/people/bruno.sample%40example.com", json: ["fields": ["root.id"]])
    #expect(byEmail.object["id"] as? String == People.engineeringManager)
    let outside = await sim.send("POST", "/v1/people/\(People.ceo)", json: ["fields": ["root.id"]])
    #expect(outside.status == 404)
    let unknown = await sim.send("POST", "/v1/people/123", json: ["fields": ["root.id"]])
    #expect(unknown.status == 404)
    #expect(unknown.object["key"] as? String == "notFound")
  }
}
