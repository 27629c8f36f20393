import PermissionRules

/// The report as JUnit XML for CI: one `<testsuite name="hibob-remote">` with one `<testcase>` a
/// rule (`classname` is the article part's key, `name` the rule id), in the text report's order
/// (by article step). `fail` is a `<failure>` and `error` an `<error>`; `warn`, `skipped` and
/// `manual` are `<skipped>` with a message (`cli-and-report.md`; a `--read-only` run's verdict,
/// `inconclusive`, is in the suite's `verdict` property and the exit code). The suite's properties
/// carry the verdict and each diagnosis, and its `<system-out>` the diagnosis and what to check by
/// hand, as text.
public enum JUnitRenderer {
  /// The element a result becomes (`nil` for a pass).
  enum Outcome: String {
    case failure, error, skipped
  }

  static func outcome(of r: Report.Result) -> Outcome? {
    switch r.status {
    case .pass: nil
    case .fail: .failure
    case .error: .error
    case .warn, .skipped, .manual: .skipped
    }
  }

  public static func render(_ report: Report) -> String {
    let ordered = report.resultsByStepGroup.flatMap(\.results)
    let outcomes = ordered.map(outcome(of:))
    func count(_ o: Outcome) -> Int { outcomes.filter { $0 == o }.count }
    let counts =
      "tests=\"\(ordered.count)\" failures=\"\(count(.failure))\" errors=\"\(count(.error))\" "
      + "skipped=\"\(count(.skipped))\" time=\"\(seconds(report.requests.durationMs))\""
    var out = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<testsuites name=\"hibob-remote\" \(counts)>",
      "  <testsuite name=\"hibob-remote\" \(counts)>",
      "    <properties>",
    ]
    let t = report.target
    let properties: [(String, String?)] = [
      ("verdict", report.verdict.rawValue),
      ("schema_version", String(report.schemaVersion)),
      ("tool_version", report.tool.version),
      ("rules_version", report.rulesVersion),
      ("generated_at", report.generatedAt),
      ("source", report.source?.rawValue ?? "unknown"),
      ("base_url", t.baseURL),
      ("environment", t.environment),
      ("service_user_id", t.serviceUserId),
      ("token_sha256_prefix", t.tokenSHA256Prefix),
      ("read_only", String(t.readOnly)),
      ("requests", String(report.requests.count)),
      ("retries", String(report.requests.retries)),
      ("rate_limited", String(report.requests.rateLimited)),
    ]
    for case (let name, let value?) in properties {
      out.append("      <property name=\"\(name)\" value=\"\(XML.attribute(value))\"/>")
    }
    for d in report.diagnosis {
      out.append(
        "      <property name=\"diagnosis\" value=\"\(XML.attribute(diagnosisLine(d)))\"/>")
    }
    out.append("    </properties>")
    for r in ordered { out += testcase(r) }
    out.append("    <system-out>\(XML.text(suiteOutput(report)))</system-out>")
    out.append("  </testsuite>")
    out.append("</testsuites>")
    return out.joined(separator: "\n") + "\n"
  }

  private static func testcase(_ r: Report.Result) -> [String] {
    let classname = ArticlePart(ruleId: r.id).key
    let open =
      "    <testcase classname=\"\(XML.attribute(classname))\" name=\"\(XML.attribute(r.id))\""
    let evidence = r.evidence.map(ReportFormatting.evidence)
    let body = bodyText(r)
    var inner: [String] = []
    switch outcome(of: r) {
    case nil:
      break
    case .failure:
      inner.append(element("failure", message: r.reason, type: r.severity.rawValue, body: body))
    case .error:
      let message = r.status == .error ? r.reason : "\(r.status.rawValue): \(r.reason)"
      inner.append(element("error", message: message, type: r.status.rawValue, body: body))
    case .skipped:
      inner.append(element("skipped", message: "\(r.status.rawValue): \(r.reason)", body: body))
    }
    if !evidence.isEmpty {
      inner.append("      <system-out>\(XML.text(evidence.joined(separator: "\n")))</system-out>")
    }
    if inner.isEmpty { return [open + "/>"] }
    return [open + ">"] + inner + ["    </testcase>"]
  }

  /// `cause (rules: a, b) fix: ...`: one diagnosis entry on one line, for a property value.
  private static func diagnosisLine(_ d: Report.Diagnosis) -> String {
    "\(d.cause) (rules: \(d.rules.joined(separator: ", "))) fix: \(d.remediation)"
  }

  /// The suite's `<system-out>`: the verdict line, the diagnosis, then what to check by hand.
  private static func suiteOutput(_ report: Report) -> String {
    var lines = [report.summaryLine()]
    if !report.diagnosis.isEmpty {
      lines += ["", "Diagnosis"]
      for d in report.diagnosis {
        lines += [
          "- \(d.cause)", "  rules: \(d.rules.joined(separator: ", "))", "  fix: \(d.remediation)",
        ]
      }
    }
    if !report.manualChecks.isEmpty {
      lines += ["", "Check by hand"]
      for m in report.manualChecks { lines.append("- \(m.step): \(m.text)") }
    }
    return lines.joined(separator: "\n")
  }

  private static func bodyText(_ r: Report.Result) -> String {
    var parts = ["\(r.title) (step \(r.step), \(r.severity.rawValue)): \(r.reason)"]
    if let fix = r.remediation { parts.append("Fix: \(fix)") }
    return parts.joined(separator: "\n")
  }

  private static func element(_ name: String, message: String, type: String? = nil, body: String)
    -> String
  {
    let typeAttribute = type.map { " type=\"\(XML.attribute($0))\"" } ?? ""
    return "      <\(name) message=\"\(XML.attribute(message))\"\(typeAttribute)>"
      + "\(XML.text(body))</\(name)>"
  }

  /// Seconds with three decimals, as JUnit's `time` wants; no locale involved.
  private static func seconds(_ ms: Int) -> String {
    let ms = max(ms, 0)
    let frac = String(ms % 1000)
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
  }
}

/// XML 1.0 escaping.
enum XML {
  /// Whether XML 1.0 allows the scalar at all (`Char` production); others are dropped.
  static func allowed(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// Character data: `&`, `<`, `>` escaped (and `"`, `'` too, harmlessly), invalid scalars
  /// dropped, CR kept as `&#13;` so a parser does not fold it.
  static func text(_ s: String) -> String { escape(s, attribute: false) }

  /// An attribute value in double quotes: as ``text(_:)``, and tab and new lines as character
  /// references so attribute normalisation keeps them.
  static func attribute(_ s: String) -> String { escape(s, attribute: true) }

  private static func escape(_ s: String, attribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars where allowed(u) {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\r": out += "&#13;"
      case "\n" where attribute: out += "&#10;"
      case "\t" where attribute: out += "&#9;"
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }
}
