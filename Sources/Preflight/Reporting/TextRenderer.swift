import Foundation
import PermissionRules

/// The human report: a header, the results grouped by the article's steps (one line a rule, the
/// fix under every `fail`, `warn` and `manual`), the diagnosis, what to check by hand, and a last
/// line with the verdict and the counts.
public enum TextRenderer {
  public struct Options: Sendable, Equatable {
    /// ANSI colour. The caller decides: a terminal, no `NO_COLOR`, no `--no-color`.
    public var color: Bool
    /// Where fixes and diagnosis text wrap. Rule lines are never wrapped, so each stays greppable.
    public var width: Int

    public init(color: Bool = false, width: Int = 100) {
      self.color = color
      self.width = width
    }
  }

  /// The CLI's colour decision: a terminal, `NO_COLOR` unset or empty (no-color.org), and no
  /// `--no-color`.
  public static func colorEnabled(
    isTerminal: Bool, environment: [String: String], noColorFlag: Bool
  ) -> Bool {
    isTerminal && !noColorFlag && (environment["NO_COLOR"] ?? "").isEmpty
  }

  /// Columns before a rule's id: `  ✗ fail    `.
  private static let ruleIndent = String(repeating: " ", count: 12)

  public static func render(_ report: Report, options: Options = Options()) -> String {
    let paint = Paint(enabled: options.color)
    var out: [String] = header(report, paint)
    for (group, results) in report.resultsByStepGroup {
      out.append("")
      out.append(paint.bold(group.title))
      for r in results { out += lines(for: r, options, paint) }
    }
    if !report.diagnosis.isEmpty {
      out += ["", paint.bold("Diagnosis")]
      for d in report.diagnosis { out += diagnosis(d, options.width) }
    }
    if !report.manualChecks.isEmpty {
      out += ["", paint.bold("Check by hand")]
      for m in report.manualChecks {
        out += ReportFormatting.wrap(
          "\(m.step): \(m.text)", width: options.width, indent: "    ", firstIndent: "  • ")
      }
    }
    out += ["", verdictLine(report, paint)]
    return out.joined(separator: "\n") + "\n"
  }

  private static func header(_ report: Report, _ paint: Paint) -> [String] {
    let t = report.target
    let clean = ReportFormatting.oneLine
    let user = t.serviceUserId.map(clean) ?? "(none)"
    let token = t.tokenSHA256Prefix.map { " (token sha256 \(clean($0)))" } ?? ""
    let mode = t.readOnly ? "read-only (no write probes)" : "read and no-op write probes"
    return [
      paint.bold("hibob-remote check"),
      "target:       \(clean(t.baseURL)) (\(clean(t.environment)))",
      "service user: \(user)\(token)",
      "mode:         \(mode)",
      clean(
        "rules \(report.rulesVersion) · \(report.tool.name) \(report.tool.version) · "
          + report.generatedAt),
    ]
  }

  private static func lines(for r: Report.Result, _ options: Options, _ paint: Paint)
    -> [String]
  {
    let word = r.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
    let mark = paint.status(r.status, "\(ReportFormatting.mark(r.status)) \(word)")
    let advisory = r.severity == .advisory ? " (advisory)" : ""
    let reason = ReportFormatting.oneLine(r.reason)
    let id = ReportFormatting.oneLine(r.id)
    let title = ReportFormatting.oneLine(r.title)
    var out = ["  \(mark) \(id)  \(title)\(advisory) — \(reason)"]
    if [.fail, .warn, .error].contains(r.status) {
      for e in r.evidence {
        out += ReportFormatting.wrap(
          ReportFormatting.evidence(e), width: options.width, indent: ruleIndent + "      ",
          firstIndent: ruleIndent + "seen: "
        ).map(paint.dim)
      }
    }
    if let fix = r.fix {
      out += ReportFormatting.wrap(
        fix, width: options.width, indent: ruleIndent + "     ", firstIndent: ruleIndent + "fix: ")
    }
    return out
  }

  private static func diagnosis(_ d: Report.Diagnosis, _ width: Int) -> [String] {
    ReportFormatting.wrap(d.cause, width: width, indent: "    ", firstIndent: "  • ")
      + ReportFormatting.wrap(
        d.rules.joined(separator: ", "), width: width, indent: "           ",
        firstIndent: "    rules: ")
      + ReportFormatting.wrap(
        d.remediation, width: width, indent: "         ", firstIndent: "    fix: ")
  }

  private static func verdictLine(_ report: Report, _ paint: Paint) -> String {
    let line = report.summaryLine()
    guard paint.enabled else { return line }
    let head = "verdict: \(report.verdict.rawValue.uppercased())"
    let rest = line.dropFirst(head.count)
    return paint.verdict(report.verdict, head) + rest
  }
}

extension Report {
  /// One line with the verdict, the counts and the request stats:
  /// `verdict: FAIL — 15 pass, 2 fail, 1 warn, 0 error, 1 manual, 1 skipped (7 requests, 0.6 s)`.
  /// The text report ends with it; the CLI prints it on stderr when the report goes to a file.
  public func summaryLine() -> String {
    "verdict: \(verdict.rawValue.uppercased()) — \(ReportFormatting.counts(summary)) "
      + "(\(ReportFormatting.requestStats(requests)))"
  }
}

/// ANSI styling that does nothing when disabled.
struct Paint {
  var enabled: Bool

  private func sgr(_ code: String, _ s: String) -> String {
    enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }

  func bold(_ s: String) -> String { sgr("1", s) }
  func dim(_ s: String) -> String { sgr("2", s) }
  func red(_ s: String) -> String { sgr("31", s) }
  func green(_ s: String) -> String { sgr("32", s) }

  func status(_ status: Status, _ s: String) -> String {
    switch status {
    case .pass: sgr("32", s)
    case .fail: sgr("1;31", s)
    case .warn: sgr("33", s)
    case .error: sgr("35", s)
    case .manual: sgr("36", s)
    case .skipped: sgr("2", s)
    }
  }

  func verdict(_ verdict: Verdict, _ s: String) -> String {
    switch verdict {
    case .pass: sgr("1;32", s)
    case .fail: sgr("1;31", s)
    case .inconclusive: sgr("1;35", s)
    }
  }
}
