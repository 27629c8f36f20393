import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct ReportDiffTests {
  /// old, new, severity, expected classification (nil: unchanged).
  static let table: [(Status, Status, Severity, ReportDiff.Change?)] = [
    (.pass, .pass, .blocking, nil),
    (.fail, .fail, .blocking, nil),
    (.fail, .pass, .blocking, .fixed),
    (.error, .pass, .blocking, .fixed),
    (.warn, .pass, .advisory, .fixed),
    (.skipped, .pass, .blocking, .fixed),
    (.manual, .pass, .blocking, .fixed),
    (.pass, .fail, .blocking, .regressed),
    (.pass, .warn, .blocking, .regressed),
    (.pass, .error, .blocking, .regressed),
    (.pass, .fail, .advisory, .regressed),
    (.pass, .warn, .advisory, .regressed),
    (.pass, .error, .advisory, .regressed),
    (.pass, .manual, .blocking, .regressed),
    (.pass, .skipped, .blocking, .regressed),
    (.pass, .manual, .advisory, .changed),
    (.pass, .skipped, .advisory, .changed),
    (.warn, .fail, .blocking, .regressed),
    (.warn, .fail, .advisory, .regressed),
    (.warn, .error, .blocking, .regressed),
    (.warn, .manual, .blocking, .regressed),
    (.warn, .skipped, .advisory, .changed),
    (.error, .fail, .blocking, .regressed),
    (.manual, .fail, .blocking, .regressed),
    (.skipped, .fail, .advisory, .regressed),
    (.error, .skipped, .blocking, .changed),
    (.skipped, .manual, .blocking, .changed),
    (.manual, .error, .blocking, .changed),
    (.fail, .error, .blocking, .changed),
    (.fail, .warn, .blocking, .changed),
    (.error, .warn, .blocking, .changed),
    (.fail, .skipped, .advisory, .changed),
  ]

  @Test func classificationTable() {
    for (old, new, severity, expected) in Self.table {
      #expect(
        ReportDiff.classify(old: old, new: new, severity: severity) == expected,
        "\(old) -> \(new) (\(severity))")
    }
    // Every ordered pair of statuses is classified exactly as the documented tiers say.
    for old in Status.allCases {
      for new in Status.allCases {
        for severity in [Severity.blocking, .advisory] {
          let c = ReportDiff.classify(old: old, new: new, severity: severity)
          if old == new { #expect(c == nil) } else if new == .pass { #expect(c == .fixed) }
          if c == .regressed { #expect(ReportDiff.tier(new) > ReportDiff.tier(old)) }
        }
      }
    }
  }

  @Test func failingToPassingIsAllFixes() throws {
    let d = ReportDiff.diff(old: Samples.failing(), new: Samples.allPass())
    #expect(
      d.fixed.map(\.id) == [
        "people.employment.history.view", "people.home.view", "people.identification.view",
        "sync_field.selection",
      ])
    #expect(d.regressed.isEmpty && d.changed.isEmpty)
    #expect(d.unchanged == 16)
    #expect(!d.hasRegressions)
    #expect(d.fixed[1].oldStatus == .fail && d.fixed[1].newStatus == .pass)

    let back = ReportDiff.diff(old: Samples.allPass(), new: Samples.failing())
    #expect(back.regressed.map(\.id) == d.fixed.map(\.id))
    #expect(back.hasRegressions)
    #expect(
      back.summaryLine()
        == "diff: 4 regressed, 0 fixed, 0 changed, 16 unchanged (verdict pass -> fail)")
  }

  @Test func addedRemovedAndSeverityChangesAreChanges() async throws {
    let old = Samples.allPass()
    var new = Samples.allPass()
    new.results.removeAll { $0.id == "sync_field.present" }
    new.results.append(
      Report.Result(
        id: "people.custom_tables.view", title: "View custom tables", step: "3.10.9",
        severity: .blocking, status: .fail, reason: "r", evidence: [], remediation: "fix"))
    new.results[0].severity = .advisory
    new.summary = Report.Summary(counting: new.results)
    new.verdict = Report.verdict(of: new.results, strict: false)
    try await SchemaValidation.validate(reportJSON: new.jsonData())
    let d = ReportDiff.diff(old: old, new: new)
    #expect(
      d.changed.map(\.id) == [
        "credentials.format", "people.custom_tables.view", "sync_field.present",
      ])
    #expect(d.changed.map(\.change) == [.changed, .added, .removed])
    #expect(d.changed[0].oldSeverity == .blocking && d.changed[0].newSeverity == .advisory)
    #expect(d.changed[1].oldStatus == nil && d.changed[1].newStatus == .fail)
    #expect(d.changed[2].newStatus == nil && d.changed[2].oldStatus == .pass)
    #expect(!d.hasRegressions)
    #expect(d.unchanged == 18)
    let text = d.text()
    #expect(text.contains("  + people.custom_tables.view  added (fail)"))
    #expect(text.contains("  - sync_field.present  removed (was pass)"))
    #expect(text.contains("  ~ credentials.format  pass -> pass, blocking -> advisory"))
  }

  @Test func textAndJSONRenderings() throws {
    let d = ReportDiff.diff(old: Samples.allPass(), new: Samples.inconclusive())
    let text = d.text()
    #expect(text.contains("Regressed (15)\n  ✗ company.employee_fields.manage  pass -> manual"))
    #expect(!text.contains("\u{1B}"))
    #expect(d.text(color: true).contains("\u{1B}["))
    #expect(text.split(separator: "\n").last.map(String.init) == d.summaryLine())
    let json = try #require(try JSONSerialization.jsonObject(with: d.jsonData()) as? [String: Any])
    #expect(
      json.keys.sorted() == [
        "changed", "diff_version", "fixed", "has_regressions", "new", "old", "regressed",
        "unchanged",
      ])
    #expect(json["has_regressions"] as? Bool == true)
    let first = try #require((json["regressed"] as? [[String: Any]])?.first)
    #expect(first["old_status"] as? String == "pass")
    #expect(first["new_status"] as? String == "manual")
    #expect(first.keys.contains("old_severity"))
    #expect(
      try d.jsonData()
        == (try ReportDiff.diff(old: Samples.allPass(), new: Samples.inconclusive()).jsonData()))
  }

  @Test func saysWhenTheRulesDiffer() {
    var new = Samples.allPass()
    new.rulesVersion = "0badc0de"
    let text = ReportDiff.diff(old: Samples.allPass(), new: new).text()
    #expect(text.contains("note: the reports were made under different rules"))
    #expect(!ReportDiff.diff(old: new, new: new).text().contains("note:"))
    #expect(ReportDiff.diff(old: new, new: new).unchanged == new.results.count)
  }

  @Test func refusesAnotherSchemaVersion() throws {
    let good = try Samples.allPass().jsonData()
    var json = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
    json["schema_version"] = 2
    let v2 = try JSONSerialization.data(withJSONObject: json)
    #expect(throws: ReportDiffError.new(.unsupportedSchemaVersion(2))) {
      try ReportDiff.diff(oldJSON: good, newJSON: v2)
    }
    #expect(throws: ReportDiffError.old(.notJSON)) {
      try ReportDiff.diff(oldJSON: Data("nope".utf8), newJSON: good)
    }
    #expect(
      ReportDiffError.new(.unsupportedSchemaVersion(2)).description
        == "the new report: report schema version 2 is not supported (this tool reads 1)")
    let d = try ReportDiff.diff(oldJSON: good, newJSON: try Samples.failing().jsonData())
    #expect(d.hasRegressions)
  }
}
