import Foundation
import PermissionRules

/// The report as GitHub-flavoured Markdown, for pasting into a ticket: a heading with the
/// verdict and the summary line, the diagnosis first, the fixes (in step order), what to check by
/// hand, the counts, the results by article step, the target, the request stats and, last, the
/// verdict line again (the text report's last line).
public enum MarkdownRenderer {
  public static func render(_ report: Report) -> String {
    var out: [String] = []
    let notLive = ReportFormatting.notLive(report)
    out.append(
      "# hibob-remote check: \(report.verdict.rawValue.uppercased())"
        + (notLive.map { " (\($0.short))" } ?? ""))
    if let notLive { out += ["", "> Source: \(text(notLive.sentence))."] }
    out += ["", "`" + report.summaryLine() + "`"]
    if !report.diagnosis.isEmpty {
      out += ["", "## Diagnosis", ""]
      for d in report.diagnosis {
        out.append("- **\(text(d.cause))**")
        out.append("  - rules: " + d.rules.map(code).joined(separator: ", "))
        out.append("  - fix: " + text(d.remediation))
      }
    }
    let fixes = report.resultsByStepGroup.flatMap(\.results).filter {
      $0.fix != nil
    }
    if !fixes.isEmpty {
      out += ["", "## Fixes", ""]
      for r in fixes { out.append(fixLine(r)) }
    }
    if !report.manualChecks.isEmpty {
      out += ["", "## Check by hand", ""]
      for m in report.manualChecks { out.append("- [ ] **\(text(m.step))**: \(text(m.text))") }
    }
    out += ["", "## Summary", ""]
    out.append("| pass | fail | warn | error | manual | skipped |")
    out.append("|---:|---:|---:|---:|---:|---:|")
    let s = report.summary
    out.append(
      "| \(s.pass) | \(s.fail) | \(s.warn) | \(s.error) | \(s.manual) | \(s.skipped) |")
    out += ["", "## Results"]
    for (group, results) in report.resultsByStepGroup {
      out += ["", "### \(group.title)", ""]
      out.append("| status | rule | step | title | reason |")
      out.append("|---|---|---|---|---|")
      for r in results {
        let advisory = r.severity == .advisory ? " (advisory)" : ""
        out.append(
          "| \(mark(r.status)) \(r.status.rawValue) | \(code(r.id)) | \(cell(r.step)) | "
            + "\(cell(r.title))\(advisory) | \(cell(r.reason)) |")
      }
    }
    out += ["", "## Target", ""]
    out += target(report)
    out += ["", "## Requests", ""]
    let q = report.requests
    out.append(
      "\(q.count) \(q.count == 1 ? "request" : "requests"), \(q.retries) "
        + "\(q.retries == 1 ? "retry" : "retries"), \(q.rateLimited) rate-limited, "
        + ReportFormatting.seconds(ms: q.durationMs))
    // The last line is the verdict and the counts, as in the text report.
    out += ["", "`" + report.summaryLine() + "`"]
    return out.joined(separator: "\n") + "\n"
  }

  /// `` - `id` (fail): Step 3.9.1: ... ``. The step is named only when the fix does not already
  /// start with it.
  private static func fixLine(_ r: Report.Result) -> String {
    let fix = r.remediation ?? ""
    let namesStep = fix.lowercased().hasPrefix("step")
    let step = namesStep ? "" : ", step \(text(r.step))"
    return "- \(code(r.id)) (\(r.status.rawValue)\(step)): " + text(fix)
  }

  /// The target as a list (a two-column table would need an empty header row).
  private static func target(_ report: Report) -> [String] {
    let t = report.target
    return [
      "- target: \(code(t.baseURL)) (\(text(t.environment)))",
      "- service user: \(t.serviceUserId.map(code) ?? "none")",
      "- token SHA-256 prefix: \(t.tokenSHA256Prefix.map(code) ?? "none")",
      "- read-only: \(t.readOnly ? "yes" : "no")",
      "- rules version: \(code(report.rulesVersion))",
      "- tool: \(text(report.tool.name)) \(text(report.tool.version))",
      "- generated at: \(text(report.generatedAt))",
    ]
  }

  private static func mark(_ status: Status) -> String {
    switch status {
    case .pass: "✅"
    case .fail: "❌"
    case .warn: "⚠️"
    case .error: "❓"
    case .manual: "✋"
    case .skipped: "⏭️"
    }
  }

  /// Text on one line with Markdown's active characters escaped, so a reason reads as written.
  static func text(_ s: String) -> String {
    var out = ""
    for ch in ReportFormatting.oneLine(s) {
      switch ch {
      case "\\", "`", "*", "_", "[", "]", "<", "|", "#": out += "\\\(ch)"
      default: out.append(ch)
      }
    }
    return out
  }

  /// Text for a table cell: as ``text(_:)`` (which escapes `|`).
  static func cell(_ s: String) -> String { text(s) }

  /// A code span that survives backticks and pipes inside it (GFM unescapes `\|` in tables).
  static func code(_ s: String) -> String {
    let flat = ReportFormatting.oneLine(s).replacingOccurrences(of: "|", with: "\\|")
    var longest = 0
    var run = 0
    for ch in flat {
      run = ch == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return fence + pad + flat + pad + fence
  }
}
