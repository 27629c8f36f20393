import PermissionRules

/// The report as one self-contained HTML page, for a browser, a ticket attachment or a printer:
/// no network, no external assets, no JavaScript, CSS inline. The verdict and the diagnosis come
/// first, then the checklist grouped by the article's steps (``ReportStepGroup``), each rule with
/// a status mark that is a symbol and a word as well as a colour, its fix under it and its evidence
/// folded in `<details>`; then what to check by hand, the target and the request stats. A viewport
/// meta tag and a fluid layout make it readable on a phone; `@media print` makes it printable.
///
/// It shows exactly what the other formats show, so the never-personal-data rule holds the same
/// way; every text from the report is escaped (``HTML/text(_:)``), so a reason holding `<script>`
/// renders as text.
public enum HTMLRenderer {
  public static func render(_ report: Report) -> String {
    let verdict = report.verdict.rawValue
    var out = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>hibob-remote check: \(HTML.text(verdict.uppercased()))</title>",
      "<style>",
      style,
      "</style>",
      "</head>",
      "<body>",
      "<main>",
      "<header>",
      "<h1>hibob-remote check: <span class=\"verdict verdict-\(HTML.attribute(verdict))\">"
        + "\(verdictMark(report.verdict)) \(HTML.text(verdict.uppercased()))</span></h1>",
      "<p class=\"summary\">\(HTML.text(report.summaryLine()))</p>",
    ]
    if let notLive = ReportFormatting.notLive(report) {
      out.append("<p class=\"source\"><strong>Source:</strong> \(HTML.text(notLive.sentence)).</p>")
    }
    out.append("</header>")
    out += diagnosis(report)
    out += checklist(report)
    out += manualChecks(report)
    out += target(report)
    out += [
      "<footer>",
      "<p>\(HTML.text(ReportFormatting.requestStats(report.requests))) · "
        + "\(HTML.text(report.tool.name)) \(HTML.text(report.tool.version)) · rules "
        + "\(HTML.text(report.rulesVersion)) · \(HTML.text(report.generatedAt))</p>",
      "</footer>",
      "</main>",
      "</body>",
      "</html>",
    ]
    return out.joined(separator: "\n") + "\n"
  }

  private static func diagnosis(_ report: Report) -> [String] {
    guard !report.diagnosis.isEmpty else { return [] }
    var out = ["<section class=\"diagnosis\">", "<h2>Diagnosis</h2>", "<ul>"]
    for d in report.diagnosis {
      out += [
        "<li>",
        "<p class=\"cause\"><strong>\(HTML.text(d.cause))</strong></p>",
        "<p class=\"fix\"><span class=\"label\">Fix:</span> \(HTML.text(d.remediation))</p>",
        "<p class=\"rules\">Rules: "
          + d.rules.map { "<code>\(HTML.text($0))</code>" }
          .joined(separator: ", ") + "</p>",
        "</li>",
      ]
    }
    return out + ["</ul>", "</section>"]
  }

  private static func checklist(_ report: Report) -> [String] {
    var out = ["<section class=\"checklist\">", "<h2>Checklist</h2>"]
    for (group, results) in report.resultsByStepGroup {
      out += [
        "<section class=\"step\">", "<h3>\(HTML.text(group.title))</h3>", "<ul class=\"rules\">",
      ]
      for r in results { out += rule(r) }
      out += ["</ul>", "</section>"]
    }
    return out + ["</section>"]
  }

  private static func rule(_ r: Report.Result) -> [String] {
    let status = r.status.rawValue
    let advisory = r.severity == .advisory ? " <span class=\"advisory\">(advisory)</span>" : ""
    // `3.10.5` reads as "step 3.10.5"; `before you start` and `sync 3` read as they are.
    let step = r.step.first?.isNumber == true ? "step \(r.step)" : r.step
    var out = [
      "<li class=\"rule status-\(HTML.attribute(status))\">",
      "<p class=\"line\"><span class=\"mark\">\(HTML.text(ReportFormatting.mark(r.status))) "
        + "\(HTML.text(status))</span> <code class=\"id\">\(HTML.text(r.id))</code> "
        + "<span class=\"title\">\(HTML.text(r.title))</span>\(advisory) "
        + "<span class=\"step-ref\">(\(HTML.text(step)))</span></p>",
      "<p class=\"reason\">\(HTML.text(r.reason))</p>",
    ]
    if let fix = r.remediation, [.fail, .warn, .manual].contains(r.status) {
      out.append("<p class=\"fix\"><span class=\"label\">Fix:</span> \(HTML.text(fix))</p>")
    }
    if !r.evidence.isEmpty {
      let n = r.evidence.count
      out += [
        "<details>",
        "<summary>Evidence (\(n) \(n == 1 ? "request" : "requests"))</summary>",
        "<ul class=\"evidence\">",
      ]
      out += r.evidence.map { "<li><code>\(HTML.text(ReportFormatting.evidence($0)))</code></li>" }
      out += ["</ul>", "</details>"]
    }
    return out + ["</li>"]
  }

  private static func manualChecks(_ report: Report) -> [String] {
    guard !report.manualChecks.isEmpty else { return [] }
    var out = ["<section class=\"manual\">", "<h2>Check by hand</h2>", "<ul>"]
    for m in report.manualChecks {
      out.append("<li><strong>\(HTML.text(m.step)):</strong> \(HTML.text(m.text))</li>")
    }
    return out + ["</ul>", "</section>"]
  }

  private static func target(_ report: Report) -> [String] {
    let t = report.target
    let rows: [(String, String)] = [
      ("Target", "<code>\(HTML.text(t.baseURL))</code> (\(HTML.text(t.environment)))"),
      ("Service user", t.serviceUserId.map { "<code>\(HTML.text($0))</code>" } ?? "none"),
      (
        "Token SHA-256 prefix",
        t.tokenSHA256Prefix.map { "<code>\(HTML.text($0))</code>" } ?? "none"
      ),
      ("Mode", t.readOnly ? "read-only (no write probes)" : "read and no-op write probes"),
    ]
    var out = ["<section class=\"target\">", "<h2>Target</h2>", "<dl>"]
    for (name, value) in rows { out += ["<dt>\(name)</dt>", "<dd>\(value)</dd>"] }
    return out + ["</dl>", "</section>"]
  }

  private static func verdictMark(_ verdict: Verdict) -> String {
    switch verdict {
    case .pass: "✓"
    case .fail: "✗"
    case .inconclusive: "?"
    }
  }

  /// Inline CSS: fluid, readable on a phone, printable, light or dark. Colour only repeats what the
  /// mark's symbol and word already say.
  static let style = """
    :root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #555; --line: #ccc;
      --pass: #1a7f37; --fail: #c62828; --warn: #9a6700; --error: #8250df; --manual: #0969da;
      --skipped: #6e7781; }
    @media (prefers-color-scheme: dark) {
      :root { --fg: #e6e6e6; --bg: #161616; --muted: #aaa; --line: #444; --pass: #4ac26b;
        --fail: #ff6b6b; --warn: #d4a72c; --error: #c297ff; --manual: #58a6ff; --skipped: #9198a1; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--fg); background: var(--bg);
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
    h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
    h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
    p { margin: .25rem 0; }
    ul { padding-left: 1.25rem; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
      overflow-wrap: anywhere; }
    .summary, .reason, .step-ref, footer { color: var(--muted); }
    .diagnosis { border: 2px solid var(--fail); border-radius: 6px; padding: 0 1rem .5rem; }
    .verdict-pass { color: var(--pass); } .verdict-fail { color: var(--fail); }
    .verdict-inconclusive { color: var(--error); }
    ul.rules { list-style: none; padding: 0; margin: 0; }
    li.rule { border-left: 4px solid var(--line); padding: .4rem .75rem; margin: .4rem 0; }
    .mark { display: inline-block; min-width: 5.5em; font-weight: 600; }
    .status-pass { border-color: var(--pass); } .status-pass .mark { color: var(--pass); }
    .status-fail { border-color: var(--fail); } .status-fail .mark { color: var(--fail); }
    .status-warn { border-color: var(--warn); } .status-warn .mark { color: var(--warn); }
    .status-error { border-color: var(--error); } .status-error .mark { color: var(--error); }
    .status-manual { border-color: var(--manual); } .status-manual .mark { color: var(--manual); }
    .status-skipped { border-color: var(--skipped); } .status-skipped .mark { color: var(--skipped); }
    .label { font-weight: 600; }
    details { margin-top: .25rem; } summary { cursor: pointer; color: var(--muted); }
    ul.evidence { margin: .25rem 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
    @media (max-width: 30rem) {
      main { padding: .5rem; } dl { grid-template-columns: 1fr; } dd { margin-bottom: .5rem; }
    }
    @media print {
      :root { --fg: #000; --bg: #fff; --muted: #333; }
      body { font-size: 11pt; } main { max-width: none; padding: 0; }
      li.rule, .diagnosis { break-inside: avoid; }
      details > * { display: block; } summary { list-style: none; }
    }
    @media print { details::details-content { content-visibility: visible; display: block; } }
    """
}

/// HTML escaping for text and double-quoted attribute values.
enum HTML {
  /// Text from the report, safe in an element or a double-quoted attribute: white space runs
  /// collapsed, control characters replaced (``ReportFormatting/oneLine(_:)``), and `&`, `<`, `>`,
  /// `"` and `'` as character references.
  static func text(_ s: String) -> String {
    var out = ""
    for ch in ReportFormatting.oneLine(s).unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      // Noncharacters and lone surrogates cannot occur in a Swift string; U+FFFE/FFFF can.
      case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// A double-quoted attribute value: as ``text(_:)``.
  static func attribute(_ s: String) -> String { text(s) }
}
