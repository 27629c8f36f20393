/// Diagnosis pattern: Visible for some only: Applies to.
/// Holds its messages and examples.
extension Diagnoses {
  static let appliesTo = DiagnosisPattern(
    id: "applies_to_not_lifecycle_status",
    when:
      "a section is visible for some employees only, or a referenced employee is not visible",
    examples: [
      DiagnosisExample(
        "sections hidden for the inactive employee",
        ExampleTenant.with { obs in
          for section in Section.required {
            obs.searchAll = ExampleTenant.hide(section.id, for: ["1005"], in: obs.searchAll)
          }
        }, fires: true),
      DiagnosisExample(
        "a manager not visible",
        ExampleTenant.editingEmployees { employees in
          employees.map { e in
            var copy = e
            copy.referencedEmployeeIds = ["4242"]
            return copy
          }
        }, fires: true),
      DiagnosisExample("everyone the same", ExampleTenant.passing, fires: false),
      DiagnosisExample(
        "a section hidden for everyone", ExampleTenant.hiding("address"), fires: false),
    ],
    detect: { results, _ in
      let partial = results.ids { sectionRules.contains($0.id) && $0.status == .warn }
      let scopeFailed = results.status("scope.lifecycle_status") == .fail
      guard !partial.isEmpty || scopeFailed else { return nil }
      return DiagnosisItem(
        cause: notLifecycle, rules: partial + ["scope.lifecycle_status"],
        remediation: LifecycleStatusScope.rule.metadata.remediation)
    })

  private static let notLifecycle =
    "Some employees show sections others lack, or employees named by a reference are not "
    + "visible: the group's Applies to is probably not 'Lifecycle Status exists' (step 3.11), "
    + "so it leaves some employees out."
}
