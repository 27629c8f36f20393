import Foundation
import PermissionRules

/// What changed between two reports, rule by rule (keyed on rule id).
///
/// Statuses are ranked in four tiers, better to worse:
///
/// | tier | statuses | meaning |
/// |---|---|---|
/// | 0 | `pass` | proven to hold |
/// | 1 | `warn` | holds, but something will likely hurt the sync |
/// | 2 | `manual`, `skipped`, `error` | not decided (a blocking one makes the verdict inconclusive) |
/// | 3 | `fail` | proven not to hold |
///
/// A rule in both reports whose status differs is:
/// - **fixed** when it is now `pass`;
/// - **regressed** when its tier rose and it is blocking (in the new report), or it is now
///   `fail`, `warn` or `error` (so `pass` to `fail`/`warn`/`error` always regresses; an advisory
///   rule that becomes `manual` or `skipped` does not: that says nothing new about the tenant);
/// - **changed** otherwise (same tier, such as `error` to `skipped`, or a better tier that is not
///   `pass`, such as `fail` to `warn`).
///
/// A rule whose status is the same but whose severity changed is **changed**; a rule in one
/// report only is **changed** too (`added` or `removed`), never fixed or regressed. Entries come
/// in the new report's order, removed rules after them in the old report's order.
public struct ReportDiff: Sendable, Equatable {
  public enum Change: String, Sendable, Codable {
    case fixed, regressed, changed, added, removed
  }

  /// One rule that differs.
  public struct Entry: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var step: String
    /// The new report's severity (the old one's for a removed rule).
    public var severity: Severity
    public var change: Change
    /// `nil` for an added rule.
    public var oldStatus: Status?
    /// `nil` for a removed rule.
    public var newStatus: Status?
    public var oldSeverity: Severity?
    public var newSeverity: Severity?

    enum CodingKeys: String, CodingKey {
      case id, title, step, severity, change
      case oldStatus = "old_status"
      case newStatus = "new_status"
      case oldSeverity = "old_severity"
      case newSeverity = "new_severity"
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(title, forKey: .title)
      try c.encode(step, forKey: .step)
      try c.encode(severity, forKey: .severity)
      try c.encode(change, forKey: .change)
      try c.encode(oldStatus, forKey: .oldStatus)
      try c.encode(newStatus, forKey: .newStatus)
      try c.encode(oldSeverity, forKey: .oldSeverity)
      try c.encode(newSeverity, forKey: .newSeverity)
    }
  }

  /// What identifies each report.
  public struct Side: Sendable, Equatable, Codable {
    public var generatedAt: String
    public var rulesVersion: String
    public var toolVersion: String
    public var verdict: Verdict

    enum CodingKeys: String, CodingKey {
      case verdict
      case generatedAt = "generated_at"
      case rulesVersion = "rules_version"
      case toolVersion = "tool_version"
    }
  }

  public var old: Side
  public var new: Side
  public var fixed: [Entry]
  public var regressed: [Entry]
  /// Other status changes, severity changes, added and removed rules.
  public var changed: [Entry]
  /// Rules in both reports with the same status and severity.
  public var unchanged: Int

  /// True when any rule regressed: `hibob-remote diff` then exits 1.
  public var hasRegressions: Bool { !regressed.isEmpty }

  /// The tier of a status: 0 `pass`, 1 `warn`, 2 `manual`/`skipped`/`error`, 3 `fail`.
  public static func tier(_ status: Status) -> Int {
    switch status {
    case .pass: 0
    case .warn: 1
    case .manual, .skipped, .error: 2
    case .fail: 3
    }
  }

  /// How one rule's move from `old` to `new` is classified; `nil` when nothing changed.
  public static func classify(old: Status, new: Status, severity: Severity) -> Change? {
    if old == new { return nil }
    if new == .pass { return .fixed }
    if tier(new) > tier(old) && (severity == .blocking || [.fail, .warn, .error].contains(new)) {
      return .regressed
    }
    return .changed
  }

  /// The diff of two reports.
  public static func diff(old: Report, new: Report) -> ReportDiff {
    var result = ReportDiff(
      old: Side(old), new: Side(new), fixed: [], regressed: [], changed: [], unchanged: 0)
    let oldById = Dictionary(old.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let newIds = Set(new.results.map(\.id))
    var seen = Set<String>()
    for n in new.results where seen.insert(n.id).inserted {
      guard let o = oldById[n.id] else {
        result.changed.append(Entry(n, change: .added, old: nil, new: n))
        continue
      }
      switch classify(old: o.status, new: n.status, severity: n.severity) {
      case .fixed: result.fixed.append(Entry(n, change: .fixed, old: o, new: n))
      case .regressed: result.regressed.append(Entry(n, change: .regressed, old: o, new: n))
      case .changed, .added, .removed:
        result.changed.append(Entry(n, change: .changed, old: o, new: n))
      case nil:
        if o.severity != n.severity {
          result.changed.append(Entry(n, change: .changed, old: o, new: n))
        } else {
          result.unchanged += 1
        }
      }
    }
    var removedSeen = Set<String>()
    for o in old.results where !newIds.contains(o.id) && removedSeen.insert(o.id).inserted {
      result.changed.append(Entry(o, change: .removed, old: o, new: nil))
    }
    return result
  }

  /// Reads both files' bytes with ``Report/decode(_:)`` (refusing another schema version) and
  /// diffs them.
  public static func diff(oldJSON: Data, newJSON: Data) throws(ReportDiffError) -> ReportDiff {
    let old: Report
    let new: Report
    do { old = try Report.decode(oldJSON) } catch { throw .old(error) }
    do { new = try Report.decode(newJSON) } catch { throw .new(error) }
    return diff(old: old, new: new)
  }
}

/// Which of the two reports could not be read, and why.
public enum ReportDiffError: Error, Equatable, Sendable, CustomStringConvertible {
  case old(ReportReadError)
  case new(ReportReadError)

  public var description: String {
    switch self {
    case .old(let e): "the old report: \(e)"
    case .new(let e): "the new report: \(e)"
    }
  }
}

extension ReportDiff.Side {
  init(_ r: Report) {
    self.init(
      generatedAt: r.generatedAt, rulesVersion: r.rulesVersion, toolVersion: r.tool.version,
      verdict: r.verdict)
  }
}

extension ReportDiff.Entry {
  init(_ r: Report.Result, change: ReportDiff.Change, old: Report.Result?, new: Report.Result?) {
    self.init(
      id: r.id, title: r.title, step: r.step, severity: r.severity, change: change,
      oldStatus: old?.status, newStatus: new?.status, oldSeverity: old?.severity,
      newSeverity: new?.severity)
  }
}
