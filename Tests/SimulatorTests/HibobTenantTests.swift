import Foundation
import Simulator
import Testing

@Suite("Tenant format")
struct HibobTenantTests {
  @Test("every fixture loads and validates", arguments: Fixtures.names)
  func fixtureLoads(name: String) throws {
    let tenant = try Fixtures.tenant(name)
    #expect(!tenant.employees.isEmpty)
    #expect(tenant.description?.isEmpty == false)
  }

  @Test("the fixture folder holds the expected tenants")
  func fixtureList() {
    let expected: Set<String> = [
      "compliant", "not-in-group", "missing-basic-info", "missing-identification",
      "missing-address", "missing-employment-history", "history-restricted-columns",
      "no-manage-field-settings", "no-edit-lists", "applies-to-department",
      "applies-to-active-only", "renamed-section", "no-sync-field", "sync-field-wrong-section",
      "no-employee-selected",
    ]
    #expect(expected.isSubset(of: Set(Fixtures.names)))
  }

  @Test("a tenant survives encoding and decoding")
  func roundTrip() throws {
    let tenant = try Fixtures.tenant("sections-for-some-employees")
    let again = try Tenant.decode(tenant.encoded())
    #expect(again == tenant)
  }

  @Test("built-in fields, sections and lists are implicit")
  func defaults() throws {
    let tenant = try Tenant.decode(Data(Self.minimal.utf8))
    let ids = Set(tenant.effectiveFields.map(\.id))
    #expect(
      ids.isSuperset(of: ["root.id", "home.privateEmail", "financial.passportNumber", "root.state"])
    )
    #expect(
      tenant.effectiveFields.first { $0.id == "home.privateEmail" }?.categoryId == "personalContact"
    )
    #expect(tenant.effectiveSectionNames["identification"] == "Identification")
    #expect(tenant.effectiveNamedLists.map(\.name).contains("department"))
  }

  static let minimal = """
    {"serviceUser":{"id":"U","token":"T"},
     "permissionGroup":{"serviceUserIsMember":true,"manageEmployeeFieldSettings":true,
       "editAllLists":true,"sections":["root"],"appliesTo":{"kind":"lifecycleStatusExists"}},
     "employees":[{"id":"1","lifecycleStatus":"employed","fields":{"root.firstName":"A"}},
                  {"id":"2","lifecycleStatus":"hired"}]}
    """

  /// A change to the minimal tenant and the one-line error it must give.
  struct Case: Sendable, CustomStringConvertible {
    var replace: String
    var with: String
    var message: String
    var description: String { message }
  }

  static let cases: [Case] = [
    Case(
      replace: #""sections":["root"]"#, with: #""sections":["root","identfication"]"#,
      message: "permissionGroup.sections: unknown section 'identfication'"),
    Case(
      replace: #""root.firstName":"A""#, with: #""work.foo":"A""#,
      message: "employees[0].fields: unknown field 'work.foo'"),
    Case(
      replace: #""lifecycleStatus":"hired""#, with: #""lifecycleStatus":"retired""#,
      message: "employees[1].lifecycleStatus"),
    Case(
      replace: #""root.firstName":"A""#, with: #""work.department":"999""#,
      message: "employees[0].fields.work.department: unknown item '999' of list 'department'"),
    Case(
      replace: #""root.firstName":"A""#, with: #""work.reportsTo":"42""#,
      message: "employees[0].fields.work.reportsTo: unknown employee '42'"),
    Case(
      replace: #""root.firstName":"A""#, with: #""work.startDate":"2026-13-01""#,
      message: "employees[0].fields.work.startDate: expected a yyyy-MM-dd date"),
    Case(
      replace: #""id":"2""#, with: #""id":"1""#, message: "employees[1].id: duplicate employee id"),
    Case(
      replace: #""serviceUser":{"id":"U","token":"T"}"#, with: #""serviceUser":{"id":"U"}"#,
      message: "serviceUser: missing key 'token'"),
    Case(
      replace: #"{"kind":"lifecycleStatusExists"}"#,
      with: #"{"kind":"condition","field":"work.dept","equals":"X"}"#,
      message: "permissionGroup.appliesTo.field: unknown field 'work.dept'"),
    Case(
      replace: #""employees""#,
      with:
        #""fields":[{"id":"work.custom.field_1","name":"Sync to Remote","categoryId":"wrk","type":"list","listId":"sync"}],"employees""#,
      message: "fields[0].categoryId: unknown section 'wrk'"),
    Case(
      replace: #""employees""#,
      with: #""faults":[{"path":"/v1/people/search","kind":"status"}],"employees""#,
      message: "faults[0]: a status fault needs 'status'"),
    Case(
      replace: #""employees""#, with: #""sections":{"about":""},"employees""#,
      message: "sections.about: a section name must not be empty"),
    Case(replace: #"{"serviceUser""#, with: #"{,"serviceUser""#, message: "not valid JSON"),
  ]

  @Test("validation errors are one line and say where", arguments: cases)
  func validationError(_ c: Case) throws {
    let text = Self.minimal.replacingOccurrences(of: c.replace, with: c.with)
    #expect(text != Self.minimal)
    do {
      _ = try Tenant.decode(Data(text.utf8))
      Issue.record("decoded without error")
    } catch {
      #expect(error.description.contains(c.message), "\(error.description)")
      #expect(!error.description.contains("\n"))
    }
  }

  @Test("a null section name removes the section and its built-in fields")
  func removedSection() throws {
    let text = Self.minimal.replacingOccurrences(
      of: #""employees""#, with: #""sections":{"about":null,"root":"Basics"},"employees""#)
    let tenant = try Tenant.decode(Data(text.utf8))
    #expect(tenant.effectiveSectionNames["about"] == nil)
    #expect(tenant.effectiveSectionNames["root"] == "Basics")
    #expect(!tenant.effectiveFields.contains { $0.categoryId == "about" })
    let again = try Tenant.decode(tenant.encoded())
    #expect(again == tenant)
    let granted = text.replacingOccurrences(
      of: #""sections":["root"]"#, with: #""sections":["root","about"]"#)
    #expect(
      throws: TenantError.invalid(
        location: "permissionGroup.sections", reason: "unknown section 'about'")
    ) {
      try Tenant.decode(Data(granted.utf8))
    }
  }

  @Test("a top-level array is not a tenant")
  func notAnObject() {
    #expect(throws: TenantError.malformed(location: "", reason: "expected an object")) {
      try Tenant.decode(Data("[]".utf8))
    }
  }

  @Test("a missing file names the path")
  func missingFile() {
    #expect(throws: TenantError.self) {
      try Tenant.load(contentsOf: Fixtures.url("no-such-tenant"))
    }
  }
}
