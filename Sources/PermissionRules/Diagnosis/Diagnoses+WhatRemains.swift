/// Diagnosis pattern: no root-cause pattern fits, yet something did not pass. Then the report
/// still opens with one sentence a support engineer can paste: the one setting that is missing
/// (with its fix), the few that are (in the article's order), or that only warnings remain.
/// Holds its messages and examples.
extension Diagnoses {
  static let whatRemains = DiagnosisPattern(
    id: "what_remains",
    when:
      "No other pattern fits and some rules fail or warn: names the one missing setting and its "
      + "fix, the settings that differ in the article's order, or that only warnings remain",
    examples: [
      DiagnosisExample(
        "one section missing", ExampleTenant.hiding("identification"), fires: true),
      DiagnosisExample(
        "a renamed section",
        ExampleTenant.with {
          $0.fieldMetadata = .ok(
            ExampleTenant.fields.map { field in
              var copy = field
              if copy.categoryId == "address" { copy.categoryDisplayName = "Addresses" }
              return copy
            }, ExampleTenant.metadataEvidence)
        }, fires: true),
      DiagnosisExample(
        "warnings only: nobody selected",
        ExampleTenant.editingEmployees { employees in
          employees.map { e in
            var copy = e
            copy.syncSelection = nil
            return copy
          }
        }, fires: true),
      DiagnosisExample("everything passes", ExampleTenant.passing, fires: false),
      DiagnosisExample(
        "another pattern explains it: nobody visible",
        ExampleTenant.editingEmployees { _ in [] }, fires: false),
    ],
    detect: { results, observations in
      let others = Catalogue.diagnosisPatterns.filter { $0.id != "what_remains" }
      guard others.allSatisfy({ $0.detect(results, observations) == nil }) else { return nil }
      let failing = results.filter { $0.severity == .blocking && $0.status == .fail }
      let warned = results.filter {
        $0.status == .warn || ($0.severity == .advisory && $0.status == .fail)
      }
      if let only = failing.first, failing.count == 1 {
        return DiagnosisItem(
          cause: one(only), rules: [only.id], remediation: only.remediation ?? "")
      }
      if failing.count > 1 {
        return DiagnosisItem(
          cause: several(failing), rules: failing.map(\.id),
          remediation: "Fix them in the article's order; each rule's fix is under it: "
            + failing.map { "\($0.step) \($0.title)" }.joined(separator: "; ") + ".")
      }
      guard failing.isEmpty, !warned.isEmpty,
        !results.contains(where: { $0.severity == .blocking && $0.status == .error })
      else { return nil }
      return DiagnosisItem(
        cause: warningsOnly(warned), rules: warned.map(\.id),
        remediation: warned.count == 1
          ? warned[0].remediation ?? "" : "See the fix under each rule marked warn.")
    })

  private static func one(_ r: RuleResult) -> String {
    "One setting stands between this setup and the sync: \(r.title) (step \(r.step)). "
      + r.reason
  }

  private static func several(_ rs: [RuleResult]) -> String {
    "\(rs.count) settings differ from the article: "
      + rs.map { "\($0.title) (step \($0.step))" }.joined(separator: ", ") + "."
  }

  private static func warningsOnly(_ rs: [RuleResult]) -> String {
    if let only = rs.first, rs.count == 1 {
      return "Nothing blocks the sync, but one warning may still hurt it: \(only.title) (step "
        + "\(only.step)). \(only.reason)"
    }
    return "Nothing blocks the sync, but \(rs.count) warnings may still hurt it: "
      + rs.map { "\($0.title) (step \($0.step))" }.joined(separator: ", ") + "."
  }
}
