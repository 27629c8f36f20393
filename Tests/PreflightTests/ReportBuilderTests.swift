import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct ReportBuilderTests {
  @Test func buildsTheReportFromTheResults() throws {
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
    try SchemaValidation.validate(reportJSON: report.jsonData())
  }

  @Test func verdictsOfTheSamples() {
    #expect(Samples.allPass().verdict == .pass)
    #expect(Samples.inconclusive().verdict == .inconclusive)
    #expect(
      Samples.inconclusive().summary
        == Report.Summary(pass: 4, fail: 0, warn: 0, error: 2, manual: 2, skipped: 12))
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
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
    try SchemaValidation.validate(reportJSON: build(strict: true).jsonData())
  }

  @Test func groupsStepsByArticlePart() {
    let cases: [(String, ReportStepGroup)] = [
      ("before you start", .beforeYouStart), ("Before you start", .beforeYouStart),
      ("2", .serviceUser), ("2.4, 4.3", .serviceUser), ("3.6", .companyPermissions),
      ("3.7", .companyPermissions), ("3.9.1", .otherEmployees), ("3.10.8", .otherEmployees),
      ("3.11, 3.12", .appliesTo), ("3.12", .appliesTo), ("sync 3", .syncToRemote),
      ("sync 1-4", .syncToRemote), ("3.13", .other), ("3", .other), ("", .other),
      ("4.3", .other), ("3.1", .other),
    ]
    for (step, group) in cases {
      #expect(ReportStepGroup(step: step) == group, "step \(step)")
    }
  }
}
