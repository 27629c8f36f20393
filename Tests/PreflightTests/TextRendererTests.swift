import Common
import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct TextRendererTests {
  @Test func lastLineHasTheVerdictAndCounts() {
    let text = TextRenderer.render(Samples.failing())
    let last = text.split(separator: "\n").last.map(String.init)
    #expect(
      last
        == "verdict: FAIL — 16 pass, 2 fail, 2 warn, 0 error, 0 manual, 0 skipped "
        + "(7 requests, 1 retry, 1 rate-limited, 2.4 s)")
    #expect(Samples.allPass().summaryLine().hasSuffix("(7 requests, 0.6 s)"))
    #expect(text.hasSuffix("\n"))
  }

  @Test func headerNamesTargetUserAndMode() {
    let text = TextRenderer.render(Samples.failing())
    #expect(text.contains("target:       https://api.hibob.com/v1 (production)"))
    #expect(text.contains("service user: SERVICE-1234 (token sha256 3c9a07e1)"))
    #expect(text.contains("read and no-op write probes"))
    let ro = TextRenderer.render(Samples.inconclusive())
    #expect(ro.contains("service user: (none)"))
    #expect(ro.contains("read-only (no write probes)"))
  }

  @Test func groupsComeInArticleOrder() {
    let lines = TextRenderer.render(Samples.failing()).split(separator: "\n").map(String.init)
    let headings = ReportStepGroup.allCases.filter { $0 != .other }.map(\.title)
    let positions = headings.map { h in lines.firstIndex(of: h) }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    let basic = lines.firstIndex { $0.contains("people.basic_info.view") }
    let identification = lines.firstIndex { $0.contains("people.identification.view") }
    let other = lines.firstIndex(of: ReportStepGroup.otherEmployees.title)
    let applies = lines.firstIndex(of: ReportStepGroup.appliesTo.title)
    #expect(other! < basic! && basic! < identification! && identification! < applies!)
  }

  @Test func fixesFollowFailWarnAndManualOnly() {
    let lines = TextRenderer.render(Samples.failing()).split(separator: "\n").map(String.init)
    let fail = lines.firstIndex { $0.hasPrefix("  ✗ fail    people.identification.view  ") }!
    // Under the rule line: its evidence, then its fix, before the next rule line.
    let next = lines[(fail + 1)...].firstIndex { !$0.hasPrefix("            ") }!
    let under = lines[(fail + 1)..<next]
    #expect(under.first?.hasPrefix("            seen: POST /v1/people/search → 200") == true)
    #expect(under.contains { $0.hasPrefix("            fix: Step 3.10.5: Settings > Roles") })
    #expect(lines[next].hasPrefix("  ✓ pass    people.personal.view  "))
    let pass = lines.firstIndex { $0.hasPrefix("  ✓ pass    people.about.view  ") }!
    #expect(lines[pass + 1].hasPrefix("  "))
    #expect(!lines[pass + 1].contains("fix:"))
    let ro = TextRenderer.render(Samples.inconclusive())
    #expect(ro.contains("  • manual  company.lists.edit_all  Edit all lists — Write probes"))
    #expect(ro.contains("            fix: Step 3.7:"))
    #expect(ro.contains("  ? error   people.basic_info.view"))
    // Twelve skips for the same reason share one line (TextRendererLayoutTests).
    #expect(ro.contains("  - skipped 12 rules: people.about.view, "))
  }

  @Test func fixesWrapWithinTheWidth() {
    for width in [60, 80, 100] {
      let text = TextRenderer.render(Samples.failing(), options: .init(width: width))
      for line in text.split(separator: "\n")
      where line.hasPrefix("            ") {
        #expect(line.count <= width, "\(line)")
      }
    }
    let wrapped = TextWrap.wrap(
      ReportFormatting.words("aaa bbb ccc ddddddddddddddd e"), width: 10, first: "> ",
      indent: "  ")
    #expect(wrapped == ["> aaa bbb", "  ccc", "  ddddddddddddddd", "  e"])
  }

  @Test func colourOnlyWhenAsked() {
    let plain = TextRenderer.render(Samples.failing(), options: .init(color: false))
    #expect(!plain.contains("\u{1B}"))
    let colour = TextRenderer.render(Samples.failing(), options: .init(color: true))
    #expect(colour.contains("\u{1B}[1;31m✗ fail   \u{1B}[0m"))
    #expect(
      colour.split(separator: "\n").last?.hasPrefix("\u{1B}[1;31mverdict: FAIL\u{1B}[0m") == true)
    let stripped = colour.replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    #expect(stripped == plain)
  }

  @Test func diagnosisAndManualChecksAreShown() {
    let text = TextRenderer.render(Samples.failing())
    #expect(text.contains("\nDiagnosis\n  • The group's Other Employees permissions"))
    #expect(text.contains("    rules: people.home.view, people.identification.view\n"))
    #expect(text.contains("\nCheck by hand\n  • before you start: The person setting up"))
    #expect(!TextRenderer.render(Samples.allPass()).contains("Diagnosis"))
  }

  @Test func controlCharactersFromTheTenantNeverReachTheTerminal() async throws {
    var report = Samples.failing()
    report.results[0].reason = "section \u{1B}[2J\u{1B}]0;owned\u{7} renamed\r\nnext \u{9B}31m"
    report.results[0].status = .fail
    report.results[0].remediation = "fix \u{1B}[31m it"
    report.diagnosis[0].cause = "cause \u{1B}[1m"
    report.target.serviceUserId = "SVC\u{1B}[0m"
    report.summary = Report.Summary(counting: report.results)
    for text in [
      TextRenderer.render(report), MarkdownRenderer.render(report),
      ReportDiff.diff(old: Samples.allPass(), new: report).text(),
    ] {
      #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{7}" })
      #expect(!text.contains("\r"))
    }
    #expect(
      TextRenderer.render(report).contains(
        "section \u{FFFD}[2J\u{FFFD}]0;owned\u{FFFD} renamed next"))
    try await SchemaValidation.validate(reportJSON: report.jsonData())
  }

  @Test func secondsAreRoundedWithoutLocale() {
    #expect(ReportFormatting.seconds(ms: 0) == "0.0 s")
    #expect(ReportFormatting.seconds(ms: 640) == "0.6 s")
    #expect(ReportFormatting.seconds(ms: 650) == "0.7 s")
    #expect(ReportFormatting.seconds(ms: 41_950) == "42.0 s")
    #expect(ReportFormatting.seconds(ms: -5) == "0.0 s")
  }
}
