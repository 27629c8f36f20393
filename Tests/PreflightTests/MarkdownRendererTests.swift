import Foundation
import PermissionRules
import Testing

@testable import Preflight

@Suite struct MarkdownRendererTests {
  @Test func hasVerdictSummaryResultsFixesAndRequests() {
    let md = MarkdownRenderer.render(Samples.failing())
    #expect(md.hasPrefix("# hibob-remote check: FAIL\n"))
    #expect(md.contains("| 16 | 2 | 2 | 0 | 0 | 0 |"))
    #expect(
      md.contains(
        "| ❌ fail | `people.identification.view` | 3.10.5 | View Identification sections | "))
    #expect(md.contains("## Fixes\n\n- `people.employment.history.view` (warn, step 3.10.3): "))
    #expect(md.contains("\n- `people.home.view` (fail, step 3.10.4): Step 3.10.4: Settings > "))
    #expect(md.contains("## Diagnosis"))
    #expect(md.contains("- [ ] **3.13**: The permission group was saved"))
    #expect(md.contains("7 requests, 1 retry, 1 rate-limited, 2.4 s"))
    #expect(md.contains("(advisory)"))
  }

  @Test func cellsEscapePipesAndNewLines() throws {
    var report = Samples.allPass()
    report.results[0].reason = "a | b\nc"
    report.results[0].title = "x|y"
    let md = MarkdownRenderer.render(report)
    let row = try #require(md.split(separator: "\n").first { $0.contains("credentials.format") })
    #expect(row.contains("x\\|y"))
    #expect(row.contains("a \\| b c"))
    // Every results row keeps exactly 6 unescaped pipes (5 cells).
    let unescaped = row.enumerated().filter { i, ch in
      ch == "|" && (i == 0 || Array(row)[i - 1] != "\\")
    }
    #expect(unescaped.count == 6)
    #expect(MarkdownRenderer.code("a`b") == "``a`b``")
    #expect(MarkdownRenderer.code("p|q") == "`p\\|q`")
    #expect(MarkdownRenderer.text("*bold* <b>") == "\\*bold\\* \\<b>")
    try SchemaValidation.validate(reportJSON: report.jsonData())
  }
}
