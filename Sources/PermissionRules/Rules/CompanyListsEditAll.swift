/// `company.lists.edit_all` (step 3.7): the group has "Edit all lists (sites, job titles, etc.)",
/// which Remote needs to keep list values (sites, job titles, the sync list) in step.
enum ListsEditAll {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "company.lists.edit_all", title: "Edit all lists", step: "3.7", part: .companyPermissions,
      severity: .blocking,
      summary: "The service user may edit all company lists (sites, job titles, etc.).",
      probe:
        "A no-op PUT /company/named-lists/{list}/{itemId} of an existing item with its current "
        + "name, else a POST /company/named-lists/{list} whose body fails validation.",
      remediation: remediation, dependsOn: ["credentials.authenticate"]),
    statuses: WriteProbeVerdict.statuses,
    needs: "The answer of one no-op write to a named list (not under --read-only).",
    statusMeanings: WriteProbeVerdict.meanings(permission),
    examples: examples,
    evaluate: {
      WriteProbeVerdict.evaluate($0.listsWrite, readOnly: $0.readOnly, permission: permission)
    })

  private static let permission = "Edit all lists (sites, job titles, etc.)"
  private static let remediation =
    "Step 3.7: \(Wording.groupPath) > Company > People > Lists: click the red X icon next to "
    + "'Edit all lists (sites, job titles, etc.)' so that it turns into a green checkmark, "
    + Wording.save

  private static let examples = WriteProbeVerdict.standardExamples(
    \.listsWrite, path: "/v1/company/named-lists/department/209192163")
}
