import Foundation
import PermissionRules
import Testing

@testable import Preflight

/// Wrapping to the terminal's width and collapsing repeated results.
@Suite struct TextRendererLayoutTests {
  static let widths: [Int?] = [40, 80, 120, nil]

  /// Words that label a line rather than carry its content.
  static let labels: Set<Substring> = [
    "✓", "✗", "!", "?", "•", "-", "pass", "fail", "warn", "error", "manual", "skipped", "seen:",
    "fix:", "rules:", "target:", "service", "user:", "mode:",
  ]

  static func words(_ text: String) -> [Substring] {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" })
  }

  static var reports: [(String, Report)] {
    Samples.all.map { ($0.name, $0.report()) }
  }

  @Test(arguments: widths)
  func noLineExceedsTheWidthExceptAnUnbreakableWord(_ width: Int?) {
    for (name, report) in Self.reports {
      let text = TextRenderer.render(report, options: .init(width: width))
      guard let width else { continue }
      for line in text.split(separator: "\n") where line.count > width {
        let content = Self.words(String(line)).filter { !Self.labels.contains($0) }
        #expect(content.count == 1, "\(name) at \(width): \(line)")
      }
    }
  }

  @Test(arguments: widths)
  func wordsAreNeverSplit(_ width: Int?) {
    for (name, report) in Self.reports {
      let unwrapped = TextRenderer.render(report, options: .init(width: nil))
      let wrapped = TextRenderer.render(report, options: .init(width: width))
      #expect(
        Self.words(wrapped) == Self.words(unwrapped),
        "\(name) at \(width.map(String.init) ?? "nil")")
    }
  }

  @Test func withoutAWidthEveryRuleIsOneLine() {
    let text = TextRenderer.render(Samples.failing(), options: .init(width: nil))
    let lines = text.split(separator: "\n")
    for result in Samples.failing().results {
      let line = lines.first { $0.contains(" \(result.id)  ") }
      #expect(line?.contains(result.reason) == true, "\(result.id)")
    }
    // The fix, unwrapped, is one line too.
    let fix = Samples.failing().results.first { $0.status == .fail }?.remediation ?? ""
    #expect(lines.contains { $0.hasSuffix(fix) })
  }

  @Test func wrappedLinesHangUnderTheirHead() {
    let lines = TextRenderer.render(Samples.failing(), options: .init(width: 60))
      .split(separator: "\n").map(String.init)
    let fail = lines.firstIndex { $0.hasPrefix("  ✗ fail    people.identification.view  ") }!
    // The rule's own line continues at column 12; its evidence at 18, its fix at 17.
    #expect(lines[fail + 1].hasPrefix(String(repeating: " ", count: 12)))
    #expect(!lines[fail + 1].hasPrefix(String(repeating: " ", count: 13)))
    let seen = lines.firstIndex { $0.hasPrefix("            seen: ") }!
    #expect(lines[seen + 1].hasPrefix(String(repeating: " ", count: 18)))
    let fix = lines.firstIndex { $0.hasPrefix("            fix: ") }!
    #expect(lines[fix + 1].hasPrefix(String(repeating: " ", count: 17)))
    #expect(!lines.contains { $0.hasSuffix(" ") })
  }

  @Test func colourDoesNotChangeTheLayout() {
    for width in Self.widths {
      let plain = TextRenderer.render(Samples.failing(), options: .init(color: false, width: width))
      let colour = TextRenderer.render(Samples.failing(), options: .init(color: true, width: width))
      let stripped = colour.replacingOccurrences(
        of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
      #expect(stripped == plain)
    }
  }

  @Test func repeatedSkipsBecomeOneLineNamingEveryRuleOnce() {
    let report = Samples.inconclusive()
    let text = TextRenderer.render(report)
    let reason = "Not probed: people.basic_info.view did not pass."
    let skipped = report.results.filter { $0.status == .skipped }
    #expect(skipped.count == 12)
    let lines = text.split(separator: "\n").filter { $0.contains(reason) }
    #expect(lines.count == 1)
    let line = String(lines.first ?? "")
    #expect(line.hasPrefix("  - skipped 12 rules: people.about.view, people.work.view, "))
    for result in skipped {
      #expect(line.components(separatedBy: result.id).count == 2, "\(result.id) listed once")
      #expect(text.components(separatedBy: result.id).count == 2, "\(result.id) shown once")
    }
    #expect(line.contains("sync_field.selection (advisory)"))
    // The two errors say different things: each keeps its line and its evidence.
    #expect(text.contains("  ? error   people.basic_info.view  View Basic info sections — "))
    #expect(text.contains("  ? error   people.employment.history.view  "))
    // The two manual rules share a reason but not a fix: both stay, each with its fix.
    #expect(text.components(separatedBy: "            fix: Step 3.").count == 3)
  }

  @Test func repeatedErrorsShowTheirEvidenceAndFixOnce() {
    var report = Samples.failing()
    let evidence = Evidence(
      method: "POST", path: "/v1/people/search", status: nil, durationMs: 30_000, attempts: 1,
      note: "timed out after 30 s")
    var ids: [String] = []
    for index in report.results.indices where report.results[index].id.hasPrefix("people.") {
      report.results[index].status = .error
      report.results[index].reason = "The people search timed out after 30 s; nothing was decided."
      report.results[index].evidence = [evidence]
      ids.append(report.results[index].id)
    }
    report.summary = Report.Summary(counting: report.results)
    let text = TextRenderer.render(report)
    #expect(ids.count == 12)
    let errorLines = text.split(separator: "\n").filter { $0.hasPrefix("  ? error") }
    #expect(errorLines.count == 1)
    #expect(
      errorLines.first?.hasPrefix("  ? error   12 rules: \(ids.joined(separator: ", ")) — ") == true
    )
    #expect(text.components(separatedBy: "seen: POST /v1/people/search → no answer").count == 2)
    // Wrapped, the ids still appear once each and whole.
    let wrapped = TextRenderer.render(report, options: .init(width: 50))
    let results = wrapped.components(separatedBy: "\nDiagnosis\n")[0]
    for id in ids {
      #expect(results.components(separatedBy: id).count == 2, "\(id)")
    }
  }

  @Test func aRuleLineNeverBreaksBetweenItsMarkAndItsId() {
    for width in [20, 40] {
      let lines = TextRenderer.render(Samples.failing(), options: .init(width: width))
        .split(separator: "\n")
      for line in lines where line.hasPrefix("  ✓ pass") || line.hasPrefix("  ✗ fail") {
        #expect(Self.words(String(line)).count >= 3, "\(line)")
      }
    }
  }
}
