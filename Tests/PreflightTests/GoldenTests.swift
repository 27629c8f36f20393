import Foundation
import Testing

@testable import Preflight

/// Every format of every sample report against its golden file (`RECORD_SNAPSHOTS=1` records).
@Suite struct GoldenTests {
  enum Format: String, CaseIterable, Sendable {
    case text, colorText, markdown, junit, json, html

    var fileExtension: String {
      switch self {
      case .text: "txt"
      case .colorText: "color.txt"
      case .markdown: "md"
      case .junit: "junit.xml"
      case .json: "json"
      case .html: "html"
      }
    }

    func render(_ report: Report) throws -> String {
      switch self {
      // As an 80-column terminal shows it (the tenant goldens pin the unwrapped form).
      case .text: TextRenderer.render(report, options: .init(color: false, width: 80))
      case .colorText: TextRenderer.render(report, options: .init(color: true, width: 80))
      case .markdown: MarkdownRenderer.render(report)
      case .junit: JUnitRenderer.render(report)
      case .json: String(decoding: try report.jsonData(), as: UTF8.self)
      case .html: HTMLRenderer.render(report)
      }
    }
  }

  @Test(arguments: Samples.all.map(\.name), Format.allCases)
  func matchesGolden(_ name: String, _ format: Format) throws {
    let report = try #require(Samples.all.first { $0.name == name }).report()
    Golden.assertMatches(try format.render(report), file: "\(name).\(format.fileExtension)")
  }

  @Test func reportFormatRendersTheSameAsTheRenderers() throws {
    let report = Samples.failing()
    #expect(try ReportFormat.text.render(report) == TextRenderer.render(report))
    #expect(
      try ReportFormat.text.render(report, color: true)
        == TextRenderer.render(report, options: .init(color: true)))
    #expect(try ReportFormat.markdown.render(report) == MarkdownRenderer.render(report))
    #expect(try ReportFormat.junit.render(report) == JUnitRenderer.render(report))
    #expect(
      try ReportFormat.json.render(report)
        == String(decoding: try report.jsonData(), as: UTF8.self) + "\n")
    #expect(try ReportFormat.html.render(report) == HTMLRenderer.render(report))
    #expect(ReportFormat(rawValue: "markdown") == .markdown)
    #expect(ReportFormat(rawValue: "html") == .html)
  }

  @Test func diffMatchesGolden() throws {
    let d = ReportDiff.diff(old: Samples.failing(), new: Samples.inconclusive())
    Golden.assertMatches(d.text(), file: "diff-failing-inconclusive.txt")
    Golden.assertMatches(
      String(decoding: try d.jsonData(), as: UTF8.self), file: "diff-failing-inconclusive.json")
  }

  @Test func lineDiffShowsWhatChanged() {
    let diff = LineDiff.render(expected: "a\nb\nc\nd", actual: "a\nB\nc\nd\ne")
    #expect(diff.contains("- 2: b"))
    #expect(diff.contains("+ 2: B"))
    #expect(diff.contains("+ 5: e"))
    #expect(!diff.contains("- 1"))
  }
}
