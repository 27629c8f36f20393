import Common
import Foundation

/// The permission matrix: every rule in the matrix's order, the manual checks, the diagnosis
/// patterns, and what ties them together (dependencies, the rules version).
public enum Catalogue {
  /// Every rule, in the order of `permission-matrix.md`. Reports list results in this order.
  public static let rules: [Rule] = [
    CredentialsFormatRule.rule,
    CredentialsAuthenticate.rule,
    EmployeeFieldsManage.rule,
    ListsEditAll.rule,
    AboutSectionView.rule,
    BasicInfoSectionView.rule,
    WorkSectionView.rule,
    WorkContactSectionView.rule,
    AddressSectionView.rule,
    EmploymentSectionView.rule,
    EmploymentHistoryView.rule,
    HomeSectionView.rule,
    IdentificationSectionView.rule,
    PersonalSectionView.rule,
    PersonalContactSectionView.rule,
    UserDataSectionView.rule,
    LifecycleStatusScope.rule,
    SectionDefaultNames.rule,
    SyncFieldPresent.rule,
    SyncFieldSelection.rule,
  ]

  /// What the catalogue says of every rule, in order.
  public static let metadata: [RuleMetadata] = rules.map(\.metadata)

  /// The rule with `id`, or nil.
  public static func rule(id: String) -> Rule? {
    rules.first { $0.id == id }
  }

  /// The first 8 hex digits of the SHA-256 of `canonicalText`: two reports made under different
  /// rules carry different versions.
  public static let rulesVersion: String = SHA256.prefix(canonicalText, count: 8)

  /// Every rule's id, step, severity, title, summary, probe, remediation and dependencies, one
  /// field a line (`key=value`), rules separated by a blank line, in catalogue order.
  static var canonicalText: String { canonicalText(of: metadata) }

  /// The canonical text of `metadata` (see ``canonicalText``).
  static func canonicalText(of metadata: [RuleMetadata]) -> String {
    metadata.map { m in
      [
        "id=\(m.id)", "step=\(m.step)", "severity=\(m.severity.rawValue)", "title=\(m.title)",
        "summary=\(m.summary)", "probe=\(m.probe)", "remediation=\(m.remediation)",
        "depends_on=\(m.dependsOn.joined(separator: ","))",
      ].joined(separator: "\n")
    }.joined(separator: "\n\n") + "\n"
  }

  /// Every rule's result, in catalogue order. A rule whose dependency did not pass or warn is
  /// `skipped` (the reason names the rule that started the chain), and so is a rule whose
  /// evaluation is ``Evaluation/blocked(by:_:_:)`` a rule that failed; `remediation` is set for
  /// `fail`, `warn` and `manual` only. Dependencies are resolved first whatever their place in
  /// the catalogue (`people.about.view` comes before `people.basic_info.view` it depends on).
  public static func evaluate(_ observations: Observations) -> [RuleResult] {
    var resolver = Resolver(observations: observations)
    return rules.map { rule in
      let evaluation = resolver.resolve(rule.id)
      let m = rule.metadata
      var result = RuleResult(
        id: m.id, title: m.title, step: m.step, severity: m.severity, status: evaluation.status,
        reason: evaluation.reason, evidence: evaluation.evidence, remediation: m.remediation)
      result.remediation = result.fix
      return result
    }
  }

  /// Dependencies whose `error` does not skip their dependents. The matrix skips the other
  /// sections when `people.basic_info.view` *fails* (no employee visible); when the search could
  /// not be made at all, every rule that needs it could not be decided either, so they report
  /// `error` themselves (a fault in one probe makes its rules `error`, never `skipped`).
  /// `credentials.authenticate` is not here: the matrix skips everything below it on fail or error.
  static let errorDoesNotSkip: Set<String> = ["people.basic_info.view"]

  /// Evaluates rules once each, dependencies first, remembering what started a skip chain.
  private struct Resolver {
    let observations: Observations
    var done: [String: Evaluation] = [:]
    var causeById: [String: String] = [:]

    mutating func resolve(_ id: String) -> Evaluation {
      if let known = done[id] { return known }
      guard let rule = Catalogue.rule(id: id) else {
        return Evaluation(.error, "Unknown rule \(id).")
      }
      // Mark first so that a (test-guarded) cycle cannot recurse forever.
      done[id] = Evaluation(.error, "Dependency cycle through \(id).")
      var blocker: String?
      for dep in rule.metadata.dependsOn {
        let status = resolve(dep).status
        let passesThrough = status == .error && Catalogue.errorDoesNotSkip.contains(dep)
        if status != .pass && status != .warn && !passesThrough {
          blocker = dep
          break
        }
      }
      var evaluation: Evaluation
      if let blocker {
        evaluation = skip(id, below: blocker)
      } else {
        evaluation = rule.evaluate(observations)
        // A rule that could not be judged because of what another rule proves is skipped
        // below it when that rule failed; otherwise its own `error` stands.
        if let other = evaluation.blockedBy, other != id,
          [.fail, .skipped].contains(resolve(other).status)
        {
          evaluation = skip(id, below: other)
        }
      }
      done[id] = evaluation
      return evaluation
    }

    /// `skipped`, naming the rule that started the chain below `blocker`.
    private mutating func skip(_ id: String, below blocker: String) -> Evaluation {
      let cause = causeById[blocker] ?? blocker
      causeById[id] = cause
      return Evaluation(.skipped, Catalogue.skipReason(cause, done[cause]?.status))
    }
  }

  private static func skipReason(_ cause: String, _ status: Status?) -> String {
    let what: String
    switch status {
    case .fail: what = "failed"
    case .error: what = "could not be decided"
    case .manual: what = "needs a manual check"
    case .skipped: what = "was skipped"
    case .pass, .warn: what = "did not pass"
    case nil: what = "was not evaluated"
    }
    return "Not probed: it depends on \(cause), which \(what)."
  }

  /// The ids nearest to `unknown` (for `explain` of a mistyped id): ids containing it or
  /// contained in it first, then by edit distance, at most 3, only reasonably close ones.
  public static func closestIds(to unknown: String) -> [String] {
    let query = unknown.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    guard !query.isEmpty else { return [] }
    let limit = max(3, query.count / 3)
    let scored = rules.map(\.id).compactMap { id -> (Int, String)? in
      if id.contains(query) || query.contains(id) { return (0, id) }
      let d = editDistance(query, id)
      return d <= limit ? (d, id) : nil
    }
    return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.1)
  }

  /// Levenshtein distance over characters.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
