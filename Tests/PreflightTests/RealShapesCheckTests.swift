import Foundation
import HibobAPI
import PermissionRules
import Simulator
import Testing

@testable import Preflight

/// The check, over real sockets, against tenants answering in a real tenant's shapes
/// (hibob-api.md, "Corrections from real captures"), and in the legacy ones.
@Suite("The check against a real tenant's shapes")
struct RealShapesCheckTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "fixtures/tenants")

  static func tenant(_ name: String, _ change: (inout Tenant) -> Void = { _ in }) throws
    -> Tenant
  {
    var tenant = try Tenant.load(contentsOf: fixtures.appendingPathComponent("\(name).json"))
    change(&tenant)
    try tenant.validate()
    return tenant
  }

  /// Runs the check against `tenant` served on loopback; the report and the simulator's log.
  static func check(_ tenant: Tenant) async throws -> (Report, [LoggedRequest]) {
    let hibob = try SimulatedHibob.start(tenant: tenant)
    defer { hibob.stop() }
    let settings = CheckSettings(
      baseURL: hibob.baseURL, environment: .custom,
      credentials: Credentials(
        serviceUserId: tenant.serviceUser.id, token: tenant.serviceUser.token),
      toolVersion: "0.1.0")
    let report = await PreflightRunner.run(settings).report
    return (report, hibob.simulator.requests)
  }

  static func status(_ report: Report, _ id: String) -> Status? {
    report.results.first { $0.id == id }?.status
  }

  @Test("the invalid POST goes to work.department's list, not the alphabetically first (calendar)")
  func fallbackListIsABuiltInFieldsList() async throws {
    // A real tenant's first list is `calendar`, behind a `list_id` field [seen].
    let tenant = try Self.tenant("no-sync-field") { tenant in
      tenant.namedLists.append(
        NamedList(name: "calendar", items: [ListItem(id: "1", value: "UK holidays")]))
      tenant.fields.append(
        FieldDefinition(
          id: "payroll.employment.calendarId", name: "Holiday calendar ID",
          categoryId: "employment", type: "list_id", listId: "calendar", historical: true))
    }
    let (report, log) = try await Self.check(tenant)
    let posts = log.filter { $0.method == "POST" && $0.path.hasPrefix("/v1/company/named-lists/") }
    #expect(posts.map(\.path) == ["/v1/company/named-lists/department"])
    let lists = try #require(report.results.first { $0.id == "company.lists.edit_all" })
    #expect(lists.status == .pass)
    let note = lists.evidence.compactMap(\.note).joined(separator: " ")
    #expect(note.contains("work.department"))
    #expect(note.contains("only if Hibob checks permission before validation [assumed]"))
    // The fields' invalid POST (no custom field) says the same.
    let fields = try #require(report.results.first { $0.id == "company.employee_fields.manage" })
    #expect(fields.evidence.compactMap(\.note).joined().contains("permission before validation"))
  }

  @Test("the plan's fallback list: work.department, then work.title, then a built-in list field")
  func fallbackListPlan() {
    func field(_ id: String, _ type: String, _ list: String?, custom: Bool = false) -> FieldInfo {
      FieldInfo(
        id: id, name: id, categoryId: "work", categoryDisplayName: "Work", type: type,
        listId: list, isCustom: custom)
    }
    let calendar = field("payroll.employment.calendarId", "list_id", "calendar")
    let custom = field("work.custom.field_1", "list", "aaa", custom: true)
    let department = field("work.department", "list", "department")
    let title = field("work.title", "list", "title")
    let country = field("address.country", "list", "countries")
    #expect(
      ProbePlan(fields: [calendar, custom, country, title, department]).fallbackListName
        == "department")
    #expect(ProbePlan(fields: [calendar, custom, country, title]).fallbackListName == "title")
    let other = ProbePlan(fields: [calendar, custom, country])
    #expect(other.fallbackListName == "countries")
    #expect(other.fallbackListField == "address.country")
    #expect(ProbePlan(fields: [calendar, custom]).fallbackListName == nil)
  }

  @Test("a manager outside scope through work.reportsTo of type employee alone fails scope")
  func danglingReportsToOfTypeEmployee() async throws {
    // work.manager (employee-reference) removed: only reportsTo (type employee) names managers.
    let tenant = try Self.tenant("applies-to-department") { $0.removedFields = ["work.manager"] }
    #expect(tenant.effectiveFields.first { $0.id == "work.reportsTo" }?.type == "employee")
    let (report, _) = try await Self.check(tenant)
    let scope = try #require(report.results.first { $0.id == "scope.lifecycle_status" })
    #expect(scope.status == .fail)
    #expect(scope.reason.contains("3980342332732990001"))
    // The same tenant with everyone in scope has no dangling reference.
    let (compliant, _) = try await Self.check(
      try Self.tenant("compliant") { $0.removedFields = ["work.manager"] })
    #expect(Self.status(compliant, "scope.lifecycle_status") == .pass)
  }

  @Test("a manager outside scope through an employee-reference id string fails scope")
  func danglingReferenceAsString() async throws {
    let tenant = try Self.tenant("applies-to-department") { tenant in
      tenant.removedFields = ["work.manager"]
      tenant.fields.append(
        FieldDefinition(
          id: "employee.buddy", name: "Buddy", categoryId: "work", type: "employee-reference"))
      for index in tenant.employees.indices {
        tenant.employees[index].fields["work.reportsTo"] = nil
      }
      // Employee 3 (Engineering, in scope) has employee 5 (Design, out of scope) as buddy.
      if let three = tenant.employees.firstIndex(where: { $0.id == "3980342332732990003" }) {
        tenant.employees[three].fields["employee.buddy"] = .string("3980342332732990005")
      }
    }
    let (report, _) = try await Self.check(tenant)
    let scope = try #require(report.results.first { $0.id == "scope.lifecycle_status" })
    #expect(scope.status == .fail)
    #expect(scope.reason.contains("3980342332732990005"))
  }

  @Test(
    "Basic info flat (real) or also nested (legacy): the same statuses", arguments: [false, true])
  func flatAndLegacyShapesJudgeTheSame(legacy: Bool) async throws {
    let (compliant, _) = try await Self.check(
      try Self.tenant("compliant") { $0.legacyShapes = legacy })
    #expect(compliant.verdict == .pass)
    #expect(compliant.results.allSatisfy { $0.status == .pass })
    let (userData, _) = try await Self.check(
      try Self.tenant("missing-user-data") { $0.legacyShapes = legacy })
    #expect(Self.status(userData, "people.user_data.view") == .fail)
    #expect(Self.status(userData, "people.basic_info.view") == .pass)
    let (basic, _) = try await Self.check(
      try Self.tenant("missing-basic-info") { $0.legacyShapes = legacy })
    #expect(Self.status(basic, "people.basic_info.view") == .fail)
  }

  @Test("a user-defined category with a numeric categoryId does not break the check")
  func numericCategoryId() async throws {
    let tenant = try Self.tenant("compliant") { tenant in
      tenant.sections["1680187400000"] = "Remote data"
      tenant.fields.append(
        FieldDefinition(
          id: "custom.category_1680187400000.field_1680187400001", name: "Remote id",
          categoryId: "1680187400000"))
    }
    let (report, _) = try await Self.check(tenant)
    #expect(Self.status(report, "credentials.authenticate") == .pass)
    #expect(report.verdict == .pass)
  }
}
