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
    #expect(md.contains("## Fixes\n\n- `people.employment.history.view` (warn): Step 3.10.3: "))
    #expect(md.contains("\n- `people.home.view` (fail): Step 3.10.4: Settings > "))
    #expect(md.contains("## Diagnosis"))
    #expect(md.contains("- [ ] **3.13**: The permission group was saved"))
    #expect(md.contains("7 requests, 1 retry, 1 rate-limited, 2.4 s"))
    #expect(md.contains("(advisory)"))
    // Like the text report, the last line is the verdict and the counts.
    let report = Samples.failing()
    #expect(md.split(separator: "\n").last == "`\(report.summaryLine())`")
    #expect(
      TextRenderer.render(report).split(separator: "\n").last.map(String.init)
        == report.summaryLine())
  }

  @Test func cellsEscapePipesAndNewLines() async throws {
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
    try await SchemaValidation.validate(reportJSON: report.jsonData())
  }

  @Test func diagnosisComesFirstAndFixLinesNameTheStepOnce() throws {
    let md = MarkdownRenderer.render(Samples.failing())
    let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
    #expect(
      headings == [
        "## Diagnosis", "## Fixes", "## Check by hand", "## Summary", "## Results", "## Target",
        "## Requests",
      ])
    #expect(md.hasPrefix("# hibob-remote check: FAIL\n\n`verdict: FAIL — "))
    for line in md.split(separator: "\n") where line.contains(": Step") {
      #expect(!line.contains(", step "), "step repeated: \(line)")
    }
    // A fix that does not start with its step keeps the step in the prefix.
    var report = Samples.failing()
    let i = try #require(report.results.firstIndex { $0.id == "people.home.view" })
    report.results[i].remediation = "Ask the Hibob admin to open the Home section."
    #expect(
      MarkdownRenderer.render(report).contains(
        "- `people.home.view` (fail, step 3.10.4): Ask the Hibob admin"))
  }

  @Test(arguments: Samples.all.map(\.name))
  func noTableHasAnEmptyHeaderRow(_ name: String) throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    let lines = MarkdownRenderer.render(report).split(separator: "\n").map(String.init)
    for (i, line) in lines.enumerated() where i + 1 < lines.count && lines[i + 1].hasPrefix("|--") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(!cells.contains(""), "empty header cell: \(line)")
    }
  }

  /// A real CommonMark renderer with GFM tables (markdown-it-py) renders every sample, and one
  /// with hostile text, into tables whose rows all have the header's cell count, no empty header
  /// cell, the sections in order, and the hostile text as text.
  @Test(
    .enabled(
      if: ExternalTools.markdownItInstalled || ExternalTools.required,
      Comment(rawValue: ExternalTools.markdownItHint)),
    arguments: Samples.all.map(\.name) + ["hostile"])
  func rendersWithAGFMRenderer(_ name: String) async throws {
    guard ExternalTools.markdownItInstalled else {
      Issue.record(Comment(rawValue: ExternalTools.markdownItHint))
      return
    }
    var report = Samples.failing()
    if let sample = Samples.all.first(where: { $0.name == name }) {
      report = sample.report()
    } else {
      report.results[12].reason = "<script>alert('x')</script> | *not bold* `tick` [link](x)"
      report.results[12].title = "a|b"
    }
    let script = """
      import json, sys
      from markdown_it import MarkdownIt
      md = MarkdownIt("commonmark").enable("table")
      tokens = md.parse(sys.stdin.read())
      tables, rows, cells, headings, prev = [], None, None, [], None
      for t in tokens:
          if t.type == "table_open": rows = []
          elif t.type == "table_close": tables.append(rows); rows = None
          elif t.type == "tr_open": cells = []
          elif t.type == "tr_close": rows.append(cells); cells = None
          elif t.type == "inline" and cells is not None: cells.append(t.content)
          elif t.type == "inline" and prev == "heading_open": headings.append(t.content)
          prev = t.type
      json.dump({"tables": tables, "headings": headings}, sys.stdout)
      """
    let markdown = MarkdownRenderer.render(report)
    let json = try await ExternalTools.python(script, input: markdown)
    struct Parsed: Decodable {
      var tables: [[[String]]]
      var headings: [String]
    }
    let parsed = try JSONDecoder().decode(Parsed.self, from: Data(json.utf8))
    #expect(parsed.tables.count == 1 + report.resultsByStepGroup.count)
    for table in parsed.tables {
      let header = try #require(table.first)
      #expect(!header.contains(""), "empty header cell: \(header)")
      for row in table { #expect(row.count == header.count, "\(row)") }
    }
    #expect(parsed.headings.first == "hibob-remote check: \(report.verdict.rawValue.uppercased())")
    if !report.diagnosis.isEmpty { #expect(parsed.headings.dropFirst().first == "Diagnosis") }
    let html = try await ExternalTools.python(
      "import sys\nfrom markdown_it import MarkdownIt\n"
        + "sys.stdout.write(MarkdownIt('commonmark').enable('table').render(sys.stdin.read()))",
      input: markdown)
    #expect(!html.contains("<script"))
    if name == "hostile" {
      #expect(
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt; | *not bold* `tick` [link](x)"))
    }
  }
}
