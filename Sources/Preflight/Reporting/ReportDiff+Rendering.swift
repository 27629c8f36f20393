import Foundation

extension ReportDiff {
  /// The diff for people: both reports' identity, then Regressed, Fixed and Changed rules (one
  /// line each), and a last line with the counts.
  public func text(color: Bool = false) -> String {
    let paint = Paint(enabled: color)
    var out = [
      paint.bold("hibob-remote diff"),
      ReportFormatting.safe(
        "old: \(old.generatedAt)  verdict \(old.verdict.rawValue)  rules \(old.rulesVersion)  "
          + "tool \(old.toolVersion)"),
      ReportFormatting.safe(
        "new: \(new.generatedAt)  verdict \(new.verdict.rawValue)  rules \(new.rulesVersion)  "
          + "tool \(new.toolVersion)"),
    ]
    if old.rulesVersion != new.rulesVersion {
      out.append("note: the reports were made under different rules (rules_version differs)")
    }
    let sections: [(String, [Entry])] = [
      ("Regressed", regressed), ("Fixed", fixed), ("Changed", changed),
    ]
    for (title, entries) in sections where !entries.isEmpty {
      out += ["", paint.bold("\(title) (\(entries.count))")]
      for e in entries { out.append("  " + line(e, paint)) }
    }
    out += ["", summaryLine()]
    return out.joined(separator: "\n") + "\n"
  }

  /// `diff: 1 regressed, 2 fixed, 1 changed, 15 unchanged (verdict fail -> pass)`.
  public func summaryLine() -> String {
    "diff: \(regressed.count) regressed, \(fixed.count) fixed, \(changed.count) changed, "
      + "\(unchanged) unchanged (verdict \(old.verdict.rawValue) -> \(new.verdict.rawValue))"
  }

  private func line(_ e: Entry, _ paint: Paint) -> String {
    let what: String
    switch e.change {
    case .added: what = "added (\(e.newStatus?.rawValue ?? "?"))"
    case .removed: what = "removed (was \(e.oldStatus?.rawValue ?? "?"))"
    case .fixed, .regressed, .changed:
      var s = "\(e.oldStatus?.rawValue ?? "?") -> \(e.newStatus?.rawValue ?? "?")"
      if let o = e.oldSeverity, let n = e.newSeverity, o != n {
        s += ", \(o.rawValue) -> \(n.rawValue)"
      }
      what = s
    }
    let mark: String
    switch e.change {
    case .fixed: mark = paint.green("✓")
    case .regressed: mark = paint.status(.fail, "✗")
    case .changed: mark = "~"
    case .added: mark = "+"
    case .removed: mark = "-"
    }
    let clean = ReportFormatting.oneLine
    return "\(mark) \(clean(e.id))  \(what)  (\(clean(e.title)), step \(clean(e.step)))"
  }

  /// The diff as JSON, keys sorted, every key present: `old`, `new`, `fixed`, `regressed`,
  /// `changed`, `unchanged`, `has_regressions`, `diff_version` (1).
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(Wire(self))
  }

  private struct Wire: Encodable {
    var diffVersion = 1
    var old: Side
    var new: Side
    var fixed: [Entry]
    var regressed: [Entry]
    var changed: [Entry]
    var unchanged: Int
    var hasRegressions: Bool

    init(_ d: ReportDiff) {
      old = d.old
      new = d.new
      fixed = d.fixed
      regressed = d.regressed
      changed = d.changed
      unchanged = d.unchanged
      hasRegressions = d.hasRegressions
    }

    enum CodingKeys: String, CodingKey {
      case old, new, fixed, regressed, changed, unchanged
      case diffVersion = "diff_version"
      case hasRegressions = "has_regressions"
    }
  }
}
