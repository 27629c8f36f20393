import Common
import Foundation
import PermissionRules

/// The human report: a header, the results grouped by the article's steps (one line a rule, the
/// fix under every `fail`, `warn` and `manual`), the diagnosis, what to check by hand, and a last
/// line with the verdict and the counts.
public enum TextRenderer {
  public struct Options: Sendable, Equatable {
    /// ANSI colour. The caller decides (the CLI's one colour decision).
    public var color: Bool
    /// The columns every line wraps to, never inside a word, with hanging indents (a word
    /// longer than a line stays whole). nil: no wrapping, one line per rule, fix and cause, so
    /// each stays greppable (the CLI's choice when stdout is not a terminal).
    public var width: Int?

    public init(color: Bool = false, width: Int? = nil) {
      self.color = color
      self.width = width
    }
  }

  /// Columns before a rule's id: `  ✗ fail    `.
  private static let ruleIndent = String(repeating: " ", count: 12)

  public static func render(_ report: Report, options: Options = Options()) -> String {
    let paint = Paint(enabled: options.color)
    let width = options.width
    var out: [String] = header(report, width, paint)
    for (group, entries) in collapsedGroups(report) {
      out.append("")
      let title = TextWrap.wrap(
        ReportFormatting.words(group.title), width: width, first: "", indent: "  ")
      out += title.map(paint.bold)
      for entry in entries {
        out += entry.count == 1 ? lines(for: entry[0], width, paint) : repeated(entry, width, paint)
      }
    }
    if !report.diagnosis.isEmpty {
      out += ["", paint.bold("Diagnosis")]
      for d in report.diagnosis { out += diagnosis(d, width) }
    }
    if !report.manualChecks.isEmpty {
      out += ["", paint.bold("Check by hand")]
      for m in report.manualChecks {
        out += TextWrap.wrap(
          ReportFormatting.words("\(m.step): \(m.text)"), width: width, first: "  • ",
          indent: "    ")
      }
    }
    out += [""] + verdictLines(report, width, paint)
    return out.joined(separator: "\n") + "\n"
  }

  /// The results by article step, where every set of two or more non-passing results that say
  /// the same thing (status, reason, evidence and fix) becomes one entry, shown after the other
  /// results of the group its first member is in; a group left with nothing to show is left out.
  static func collapsedGroups(_ report: Report) -> [(ReportStepGroup, [[Report.Result]])] {
    let grouped = report.resultsByStepGroup
    var members: [String: [Report.Result]] = [:]
    for (_, results) in grouped {
      for r in results where r.status != .pass { members[repeatKey(r), default: []].append(r) }
    }
    var shown: Set<String> = []
    var out: [(ReportStepGroup, [[Report.Result]])] = []
    for (group, results) in grouped {
      var entries: [[Report.Result]] = []
      var collapsed: [[Report.Result]] = []
      for r in results {
        let key = repeatKey(r)
        if r.status != .pass, let same = members[key], same.count > 1 {
          if shown.insert(key).inserted { collapsed.append(same) }
        } else {
          entries.append([r])
        }
      }
      entries += collapsed
      if !entries.isEmpty { out.append((group, entries)) }
    }
    return out
  }

  /// What a result shows: its status and reason, and the evidence and fix shown under it.
  private static func repeatKey(_ r: Report.Result) -> String {
    let fix = r.fix ?? ""
    let evidence = showsEvidence(r.status) ? r.evidence.map(ReportFormatting.evidence) : []
    return ([r.status.rawValue, ReportFormatting.oneLine(r.reason), fix] + evidence)
      .joined(separator: "\u{0}")
  }

  private static func showsEvidence(_ status: Status) -> Bool {
    [.fail, .warn, .error].contains(status)
  }

  private static func header(_ report: Report, _ width: Int?, _ paint: Paint) -> [String] {
    let t = report.target
    let clean = ReportFormatting.oneLine
    let user = t.serviceUserId.map(clean) ?? "(none)"
    let token = t.tokenSHA256Prefix.map { " (token sha256 \(clean($0)))" } ?? ""
    let mode = t.readOnly ? "read-only (no write probes)" : "read and no-op write probes"
    let labelled = String(repeating: " ", count: 14)
    var title = [paint.bold("hibob-remote check")]
    if let notLive = ReportFormatting.notLive(report) {
      title =
        [paint.bold("hibob-remote check (\(notLive.short))")]
        + TextWrap.wrap(
          ReportFormatting.words(notLive.sentence), width: width, first: "source:       ",
          indent: labelled)
    }
    return title
      + TextWrap.wrap(
        ReportFormatting.words("\(clean(t.baseURL)) (\(clean(t.environment)))"), width: width,
        first: "target:       ", indent: labelled)
      + TextWrap.wrap(
        ReportFormatting.words("\(user)\(token)"), width: width, first: "service user: ",
        indent: labelled)
      + TextWrap.wrap(
        ReportFormatting.words(mode), width: width, first: "mode:         ", indent: labelled)
      + TextWrap.wrap(
        ReportFormatting.words(
          "rules \(report.rulesVersion) · \(report.tool.name) \(report.tool.version) · "
            + report.generatedAt), width: width, first: "", indent: "  ")
  }

  /// `  ✗ fail    ` (uncoloured) and the same, painted.
  private static func statusHead(_ status: Status, _ paint: Paint) -> (
    plain: String, painted: String
  ) {
    let word = status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
    let mark = "\(ReportFormatting.mark(status)) \(word)"
    return ("  \(mark) ", "  \(paint.status(status, mark)) ")
  }

  /// The first line(s) of an entry: the status head, then `text` wrapped under it.
  private static func headed(
    _ status: Status, head: String, text: String, _ width: Int?, _ paint: Paint
  ) -> [String] {
    let (plain, painted) = statusHead(status, paint)
    var wrapped = TextWrap.wrap(
      ReportFormatting.words(text), width: width, first: plain + head, indent: ruleIndent,
      firstIsHead: true)
    if paint.enabled, wrapped[0].hasPrefix(plain) {
      wrapped[0] = painted + wrapped[0].dropFirst(plain.count)
    }
    return wrapped
  }

  private static func lines(for r: Report.Result, _ width: Int?, _ paint: Paint) -> [String] {
    let advisory = r.severity == .advisory ? " (advisory)" : ""
    let text =
      "\(ReportFormatting.oneLine(r.title))\(advisory) — \(ReportFormatting.oneLine(r.reason))"
    var out = headed(
      r.status, head: ReportFormatting.oneLine(r.id) + "  ", text: text, width, paint)
    out += details(r, width, paint)
    return out
  }

  /// Results that say the same thing, on one line naming every rule once; evidence and fix once.
  private static func repeated(_ rs: [Report.Result], _ width: Int?, _ paint: Paint) -> [String] {
    let ids = rs.map { r in
      ReportFormatting.oneLine(r.id) + (r.severity == .advisory ? " (advisory)" : "")
    }
    let text =
      "\(ids.count) rules: \(ids.joined(separator: ", ")) — \(ReportFormatting.oneLine(rs[0].reason))"
    return headed(rs[0].status, head: "", text: text, width, paint) + details(rs[0], width, paint)
  }

  /// Evidence under `fail`, `warn` and `error`; the fix under `fail`, `warn` and `manual`.
  private static func details(_ r: Report.Result, _ width: Int?, _ paint: Paint) -> [String] {
    var out: [String] = []
    if showsEvidence(r.status) {
      for e in r.evidence {
        out += TextWrap.wrap(
          ReportFormatting.words(ReportFormatting.evidence(e)), width: width,
          first: ruleIndent + "seen: ", indent: ruleIndent + "      "
        ).map(paint.dim)
      }
    }
    if let fix = r.fix {
      out += TextWrap.wrap(
        ReportFormatting.words(fix), width: width, first: ruleIndent + "fix: ",
        indent: ruleIndent + "     ")
    }
    return out
  }

  private static func diagnosis(_ d: Report.Diagnosis, _ width: Int?) -> [String] {
    TextWrap.wrap(ReportFormatting.words(d.cause), width: width, first: "  • ", indent: "    ")
      + TextWrap.wrap(
        ReportFormatting.words(d.rules.joined(separator: ", ")), width: width, first: "    rules: ",
        indent: "           ")
      + TextWrap.wrap(
        ReportFormatting.words(d.remediation), width: width, first: "    fix: ", indent: "         "
      )
  }

  private static func verdictLines(_ report: Report, _ width: Int?, _ paint: Paint) -> [String] {
    var lines = TextWrap.wrap(
      ReportFormatting.words(report.summaryLine()), width: width, first: "", indent: "  ")
    let head = "verdict: \(report.verdict.rawValue.uppercased())"
    if paint.enabled, lines[0].hasPrefix(head) {
      lines[0] = paint.verdict(report.verdict, head) + lines[0].dropFirst(head.count)
    }
    return lines
  }
}

extension Report {
  /// One line with the verdict, the counts and the request stats:
  /// `verdict: FAIL — 15 pass, 2 fail, 1 warn, 0 error, 1 manual, 1 skipped (7 requests, 0.6 s)`.
  /// The text report ends with it; the CLI prints it on stderr when the report goes to a file.
  public func summaryLine() -> String {
    "verdict: \(verdict.rawValue.uppercased()) — \(ReportFormatting.counts(summary)) "
      + "(\(ReportFormatting.requestStats(requests)))"
      + (ReportFormatting.notLive(self).map { " [\($0.short)]" } ?? "")
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
