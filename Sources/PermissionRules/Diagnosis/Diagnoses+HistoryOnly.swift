/// Diagnosis pattern: Only the history is missing.
/// Holds its messages and examples.
extension Diagnoses {
  static let historyOnly = DiagnosisPattern(
    id: "history_only",
    when: "Employment sections pass but their histories fail, and nothing else blocks",
    examples: [
      DiagnosisExample(
        "history 403 only",
        ExampleTenant.with { $0.employmentHistory = .failed(.forbidden, []) }, fires: true),
      DiagnosisExample(
        "history 403 and Employment hidden",
        ExampleTenant.with {
          $0.employmentHistory = .failed(.forbidden, [])
          $0.searchAll = ExampleTenant.hide("employment", for: nil, in: $0.searchAll)
        }, fires: false),
      DiagnosisExample("history visible", ExampleTenant.passing, fires: false),
    ],
    detect: { results, _ in
      let history = "people.employment.history.view"
      guard results.status(history) == .fail,
        results.status("people.employment.view") == .pass,
        !results.contains(where: {
          $0.id != history && $0.severity == .blocking && $0.status == .fail
        })
      else { return nil }
      return DiagnosisItem(
        cause: historyMissing, rules: [history],
        remediation: EmploymentHistoryView.rule.metadata.remediation)
    })

  private static let historyMissing =
    "Only the Employment history is missing: 'View selected employees' Employment sections' "
    + "(3.10.2) is granted but the separate 'Employment section histories' item below it "
    + "(3.10.3) is not; it is easy to miss."
}
