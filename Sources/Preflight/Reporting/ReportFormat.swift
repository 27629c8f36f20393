import Foundation

/// The formats of `--format`. Raw values are the flag's values.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, json, junit, markdown, html

  /// The report in this format, ending in a new line. `color` and `width` (the columns to wrap
  /// to; nil: no wrapping) apply to `text` only.
  public func render(_ report: Report, color: Bool = false, width: Int? = nil) throws -> String {
    switch self {
    case .text: TextRenderer.render(report, options: .init(color: color, width: width))
    case .json: String(decoding: try report.jsonData(), as: UTF8.self) + "\n"
    case .junit: JUnitRenderer.render(report)
    case .markdown: MarkdownRenderer.render(report)
    case .html: HTMLRenderer.render(report)
    }
  }
}
