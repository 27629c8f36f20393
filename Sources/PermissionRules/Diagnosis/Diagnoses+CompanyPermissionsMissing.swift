/// Diagnosis pattern: Every Company write refused.
/// Holds its messages and examples.
extension Diagnoses {
  static let companyPermissionsMissing = DiagnosisPattern(
    id: "company_permissions_missing",
    when: "both Company write probes answered 403 while employees are visible",
    examples: [
      DiagnosisExample(
        "both writes 403",
        ExampleTenant.with {
          $0.fieldSettingsWrite = .ok(WriteProbe(kind: .noOpPut, status: 403), [])
          $0.listsWrite = .ok(WriteProbe(kind: .invalidPost, status: 403), [])
        }, fires: true),
      DiagnosisExample(
        "one write 403",
        ExampleTenant.with { $0.listsWrite = .ok(WriteProbe(kind: .noOpPut, status: 403), []) },
        fires: false),
      DiagnosisExample(
        "both writes 403 and nobody visible",
        ExampleTenant.with {
          $0.fieldSettingsWrite = .failed(.forbidden, [])
          $0.listsWrite = .failed(.forbidden, [])
          $0.searchAll = .failed(.forbidden, [])
        }, fires: false),
    ],
    detect: { results, _ in
      guard companyRules.allSatisfy({ results.status($0) == .fail }),
        results.status("people.basic_info.view") != .fail
      else { return nil }
      return DiagnosisItem(cause: noCompanyTab, rules: companyRules, remediation: grantCompany)
    })

  private static let noCompanyTab =
    "Every Company write was refused (403) while employee data is visible: the Company tab of "
    + "the group's permissions (steps 3.5-3.7) was not edited, or not saved."
  private static let grantCompany =
    "Steps 3.5-3.7: \(Wording.groupPath) > Company: under Settings > Employee Fields click the "
    + "red X next to 'Manage Employee Field Settings', and under People > Lists the red X next "
    + "to 'Edit all lists (sites, job titles, etc.)', so both turn into green checkmarks, "
    + Wording.save
}
