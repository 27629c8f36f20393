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
      // Company permissions that answer prove membership of a saved group: then the Basic info
      // permission (without which Hibob hides every employee) is the likelier cause.
      if companyRules.allSatisfy({ results.status($0) == .pass }) {
        return DiagnosisItem(
          cause: basicInfoMissing, rules: affected,
          remediation: grantBasicInfo)
      }
      return DiagnosisItem(cause: notMember, rules: affected, remediation: addToGroup)
    })

  private static let basicInfoMissing =
    "The credentials work and the Company permissions answer, but the service user sees no "
    + "employee at all: 'View selected employees' Basic info sections' (3.9.2) is probably not "
    + "granted (without it Hibob hides every employee), or the group's Applies to selects nobody."

  private static let notMember =
    "The credentials work but the service user sees no employee at all: it is probably not a "
    + "member of the permission group (3.4), or the group was never saved (3.13); if it is, "
    + "check 'View selected employees' Basic info sections' (3.9.2)."
  private static let grantBasicInfo =
    "Step 3.9.2: Settings > Roles and Permissions > (your group) > Manage Permissions > Other "
    + "Employees > People > Basic Info: make sure 'View selected employees' Basic info sections' "
    + "has a check, not a red X, then Save Changes (3.13). If it already has one, Step 3.4: make "
    + "sure this service user is the one in the group, and Steps 3.11-3.12: that Applies To is "
    + "'Lifecycle Status exists'."
  private static let addToGroup =
    "Step 3.4: Settings > Roles and Permissions > (your group) > Select Who's In This Group > "
    + "Select > Add Specific Employees > Service Users: check the service user created in step "
    + "2, click Apply, then Apply on the Group members selector; then Select Save Changes and "
    + "click Apply in the pop-up (3.13)."
}
