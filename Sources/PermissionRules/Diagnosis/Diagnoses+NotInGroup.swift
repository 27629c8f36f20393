/// Diagnosis pattern: Nobody visible: not in the group, or never saved.
/// Holds its messages and examples.
extension Diagnoses {
  static let notInGroup = DiagnosisPattern(
    id: "service_user_not_in_group",
    when: "credentials pass but no employee is visible (or the search answered 403)",
    examples: [
      DiagnosisExample(
        "no employee returned", ExampleTenant.editingEmployees { _ in [] }, fires: true),
      DiagnosisExample(
        "search 403", ExampleTenant.with { $0.searchAll = .failed(.forbidden, []) }, fires: true),
      DiagnosisExample(
        "search 503", ExampleTenant.with { $0.searchAll = .failed(.httpStatus(503), []) },
        fires: false),
      DiagnosisExample("employees visible", ExampleTenant.passing, fires: false),
    ],
    detect: { results, obs in
      guard results.status("credentials.authenticate") == .pass,
        results.status("people.basic_info.view") == .fail
      else { return nil }
      let nobody: Bool
      switch obs.searchAll {
      case .failed(.forbidden, _): nobody = true
      case .ok(let search, _): nobody = search.employees.isEmpty
      default: nobody = false
      }
      guard nobody else { return nil }
      let affected = results.ids {
        $0.id.hasPrefix("people.") || $0.id == "scope.lifecycle_status"
          || ($0.id.hasPrefix("company.") && $0.status == .fail)
      }
      return DiagnosisItem(cause: notMember, rules: affected, remediation: addToGroup)
    })

  private static let notMember =
    "The credentials work but the service user sees no employee at all: it is probably not a "
    + "member of the permission group, or the group was never saved."
  private static let addToGroup =
    "Step 3.4: Settings > Roles and Permissions > (your group) > Select Who's In This Group > "
    + "Select > Add Specific Employees > Service Users: check the service user created in step "
    + "2, click Apply, then Apply on the Group members selector; then Select Save Changes and "
    + "click Apply in the pop-up (3.13)."
}
