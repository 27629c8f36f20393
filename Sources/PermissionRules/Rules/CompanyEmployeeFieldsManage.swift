/// `company.employee_fields.manage` (step 3.6): the group has "Manage Employee Field Settings",
/// which Remote needs to add and maintain its "Sync to Remote" field.
enum EmployeeFieldsManage {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "company.employee_fields.manage", title: "Manage Employee Field Settings", step: "3.6",
      part: .companyPermissions,
      severity: .blocking,
      summary: "The service user may manage employee field settings (Company > Settings).",
      probe:
        "A no-op PUT /company/people/fields/{customFieldId} (the Sync to Remote field if present) "
        + "with its current name, else a POST /company/people/fields whose body fails validation.",
      remediation: remediation, dependsOn: ["credentials.authenticate"]),
    statuses: WriteProbeVerdict.statuses,
    needs: "The answer of one no-op write to the employee fields (not under --read-only).",
    statusMeanings: WriteProbeVerdict.meanings(permission),
    examples: examples,
    evaluate: {
      WriteProbeVerdict.evaluate(
        $0.fieldSettingsWrite, readOnly: $0.readOnly, permission: permission)
    })

  private static let permission = "Manage Employee Field Settings"
  private static let remediation =
    "Step 3.6: \(Wording.groupPath) > Company > Settings > Employee Fields: click the red X icon "
    + "next to 'Manage Employee Field Settings' so that it turns into a green checkmark, "
    + Wording.save

  private static let examples = WriteProbeVerdict.standardExamples(
    \.fieldSettingsWrite, path: "/v1/company/people/fields/\(ExampleTenant.syncFieldId)")
}
