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
    detect: { results, obs in
      let history = "people.employment.history.view"
      guard results.status(history) == .fail,
        results.status("people.employment.view") == .pass,
        !results.contains(where: {
          $0.id != history && $0.severity == .blocking && $0.status == .fail
        })
      else { return nil }
      // Field-level permissions (beta) that hide history columns are a different setting.
      let restricted = !(obs.employmentHistory.value?.noViewHistoryPermission.isEmpty ?? true)
      return DiagnosisItem(
        cause: restricted ? historyColumnsRestricted : historyMissing, rules: [history],
        remediation: EmploymentHistoryView.rule.metadata.remediation)
    })

  private static let historyMissing =
    "Only the Employment history is missing: 'View selected employees' Employment sections' "
    + "(3.10.2) is granted but the separate 'Employment section histories' item below it "
    + "(3.10.3) is not; it is easy to miss."
  private static let historyColumnsRestricted =
    "Only the Employment history is missing: Hibob's field-level permissions (beta) hide the "
    + "history of some Employment columns (no_view_history_permission). Check 'View selected "
    + "employees' Employment section histories' (3.10.3) and, if it is granted, the group's "
    + "field-level permissions for those columns."
}
