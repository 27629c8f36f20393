import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct HTMLRendererTests {
  /// The text between the first `start` and the `end` that follows it.
  private func slice(_ html: String, from start: String, to end: String) -> Substring? {
    guard let a = html.range(of: start),
      let b = html.range(of: end, range: a.upperBound..<html.endIndex)
    else { return nil }
    return html[a.lowerBound..<b.upperBound]
  }

  /// The `<li class="rule ...">` element of one rule.
  private func ruleItem(_ html: String, _ id: String) -> Substring? {
    guard let idRange = html.range(of: "<code class=\"id\">\(id)</code>"),
      let open = html.range(
        of: "<li class=\"rule", options: .backwards, range: html.startIndex..<idRange.lowerBound),
      let close = html.range(of: "\n</li>", range: idRange.upperBound..<html.endIndex)
    else { return nil }
    return html[open.lowerBound..<close.upperBound]
  }

  @Test(arguments: Samples.all.map(\.name))
  func isOneSelfContainedPage(_ name: String) throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    let html = HTMLRenderer.render(report)
    #expect(
      html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
    #expect(
      html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.hasSuffix("</html>\n"))
    #expect(html.contains("<style>") && html.contains("@media print"))
    // Nothing fetched, nothing run: no script, no link, no src, no url() and no @import.
    for banned in ["<script", "<link", "src=", "href=", "url(", "@import", "http-equiv"] {
      #expect(!html.contains(banned), "\(banned)")
    }
    #expect(
      html.contains("<title>hibob-remote check: \(report.verdict.rawValue.uppercased())</title>"))
    #expect(html.contains(HTML.text(report.summaryLine())))
  }

  @Test func diagnosisFirstThenTheChecklistByStepWithFixesAndFoldedEvidence() throws {
    let report = Samples.failing()
    let html = HTMLRenderer.render(report)
    let diagnosis = try #require(html.range(of: "<h2>Diagnosis</h2>"))
    let checklist = try #require(html.range(of: "<h2>Checklist</h2>"))
    let manual = try #require(html.range(of: "<h2>Check by hand</h2>"))
    #expect(diagnosis.lowerBound < checklist.lowerBound)
    #expect(checklist.lowerBound < manual.lowerBound)
    // The step groups in the text report's order.
    let titles = report.resultsByStepGroup.map { "<h3>\(HTML.text($0.group.title))</h3>" }
    let positions = try titles.map { try #require(html.range(of: $0)).lowerBound }
    #expect(positions == positions.sorted())
    #expect(titles.count == 6)
    // A failing rule: its mark is a symbol and a word, its fix is inside its item, its evidence
    // folded.
    let home = try #require(ruleItem(html, "people.home.view"))
    #expect(home.hasPrefix("<li class=\"rule status-fail\">"))
    #expect(home.contains("<span class=\"mark\">✗ fail</span>"))
    #expect(home.contains("<p class=\"fix\"><span class=\"label\">Fix:</span> Step 3.10.4: "))
    #expect(home.contains("<details>\n<summary>Evidence (1 request)</summary>"))
    #expect(home.contains("<li><code>POST /v1/people/search → 200 (412 ms, 1 attempt): "))
    // A passing rule has no fix.
    let about = try #require(ruleItem(html, "people.about.view"))
    #expect(about.contains("<span class=\"mark\">✓ pass</span>"))
    #expect(!about.contains("Fix:"))
    let advisory = try #require(ruleItem(html, "sync_field.selection"))
    #expect(advisory.contains("<span class=\"mark\">! warn</span>"))
    #expect(advisory.contains("(advisory)"))
    // Every rule appears once.
    for r in report.results {
      #expect(html.components(separatedBy: "<code class=\"id\">\(r.id)</code>").count == 2)
    }
  }

  @Test func marksAreSymbolsAndWordsForEveryStatus() throws {
    let html = HTMLRenderer.render(Samples.inconclusive())
    for mark in ["✓ pass", "? error", "• manual", "- skipped"] {
      #expect(html.contains("<span class=\"mark\">\(mark)</span>"), "\(mark)")
    }
    #expect(html.contains("<span class=\"verdict verdict-inconclusive\">? INCONCLUSIVE</span>"))
    #expect(!html.contains("<h2>Diagnosis</h2>"))
  }

  @Test func escapesTextAndAttributes() async throws {
    var report = Samples.failing()
    let i = try #require(report.results.firstIndex { $0.id == "people.home.view" })
    report.results[i].reason = "<script>alert('x')</script> & \"quoted\"\u{1}\nnext"
    report.results[i].remediation = "<img src=x onerror=alert(1)>"
    report.target.serviceUserId = "\"><b>svc</b>"
    report.diagnosis[0].cause = "</li></ul><h1>fake</h1>"
    let html = HTMLRenderer.render(report)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<h1>fake"))
    #expect(!html.contains("<b>svc"))
    #expect(
      html.contains(
        "<p class=\"reason\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
          + "&quot;quoted&quot;\u{FFFD} next</p>"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    #expect(HTML.attribute("a\"b'c<d>&e") == "a&quot;b&#39;c&lt;d&gt;&amp;e")
    #expect(HTML.text("x\u{FFFF}\u{7}y") == "x\u{FFFD}\u{FFFD}y")
    if ExternalTools.tidyInstalled { #expect(try await ExternalTools.tidyFindings(html) == "") }
  }

  /// Debian's HTML checker finds nothing in any sample: no error, no warning.
  @Test(
    .enabled(
      if: ExternalTools.tidyInstalled || ExternalTools.required,
      Comment(rawValue: ExternalTools.tidyHint)),
    arguments: Samples.all.map(\.name))
  func tidyFindsNothing(_ name: String) async throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    #expect(try await ExternalTools.tidyFindings(HTMLRenderer.render(report)) == "")
  }

  @Test func tidyIsSeenToCatchABrokenPage() async throws {
    guard ExternalTools.tidyInstalled else { return }
    let broken = HTMLRenderer.render(Samples.failing()).replacingOccurrences(
      of: "</ul>\n</section>", with: "</section>")
    #expect(try await ExternalTools.tidyFindings(broken) != "")
  }
}
