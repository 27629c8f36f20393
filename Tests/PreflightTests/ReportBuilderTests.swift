import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct ReportBuilderTests {
  @Test func buildsTheReportFromTheResults() async throws {
    let report = Samples.failing()
    #expect(report.schemaVersion == 1)
    #expect(report.tool == Report.Tool(name: "hibob-remote", version: "0.1.0"))
    #expect(report.rulesVersion == "9f2c61d0")
    #expect(report.generatedAt == "2026-11-24T16:00:00Z")
    #expect(report.verdict == .fail)
    #expect(report.summary == Report.Summary(pass: 16, fail: 2, warn: 2))
    #expect(report.results.map(\.id) == Samples.rules.map(\.id))
    #expect(report.diagnosis.first?.rules == ["people.home.view", "people.identification.view"])
    #expect(report.manualChecks.map(\.step) == ["before you start", "3.13"])
    #expect(report.requests.retries == 1)
    try await SchemaValidation.validate(reportJSON: report.jsonData())
  }

  @Test func verdictsOfTheSamples() {
    #expect(Samples.allPass().verdict == .pass)
    #expect(Samples.inconclusive().verdict == .inconclusive)
    #expect(
      Samples.inconclusive().summary
        == Report.Summary(pass: 4, fail: 0, warn: 0, error: 2, manual: 2, skipped: 12))
  }

  @Test func strictTurnsWarningsIntoFailure() async throws {
    let results = Samples.rules.map { rule in
      rule.id == "sync_field.selection"
        ? Samples.result(rule.id, .warn, "No employee is selected for sync.")
        : Samples.passing(rule.id)
    }
    func build(strict: Bool) -> Report {
      Samples.builder().build(
        results: results, diagnosis: [], manualChecks: [], target: Samples.target(),
        requests: Report.Requests(count: 7, retries: 0, rateLimited: 0, durationMs: 1),
        strict: strict)
    }
    #expect(build(strict: false).verdict == .pass)
    #expect(build(strict: true).verdict == .fail)
    try await SchemaValidation.validate(reportJSON: build(strict: true).jsonData())
  }

  @Test func groupsResultsByTheirRulesArticlePart() {
    let cases: [(String, ReportStepGroup)] = [
      ("sections.default_names", .beforeYouStart), ("credentials.format", .serviceUser),
      ("credentials.authenticate", .serviceUser),
      ("company.employee_fields.manage", .companyPermissions),
      ("company.lists.edit_all", .companyPermissions), ("people.about.view", .otherEmployees),
      ("people.basic_info.view", .otherEmployees), ("people.user_data.view", .otherEmployees),
      ("people.employment.history.view", .otherEmployees), ("scope.lifecycle_status", .appliesTo),
      ("sync_field.present", .syncToRemote), ("sync_field.selection", .syncToRemote),
      ("no.such.rule", .other), ("", .other),
    ]
    for (id, group) in cases {
      #expect(ReportStepGroup(ruleId: id) == group, "rule \(id)")
    }
  }
}
