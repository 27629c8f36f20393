/// `people.basic_info.view` (step 3.9.2, ensure a gray checkmark): every visible employee's Basic
/// info section can be read. Without this permission no employee can be seen at all, so when it
/// fails (no employee visible, or the search answered 403) every other `people.*` rule and
/// `scope.lifecycle_status` are `skipped`.
enum BasicInfoSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .root, title: "View Basic info sections", extra: membership),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.root),
    statusMeanings: SectionVisibility.meanings(.root),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.root, $0) })

  /// Basic info is granted by default, so a failure usually means the group does not reach the
  /// service user: the remediation also points at membership and saving.
  private static let membership =
    " If the checkmark is already there, make sure the service user is in the group (step 3.4: "
    + "Select Who's In This Group > Select > Add Specific Employees > Service Users: check the "
    + "service user, Apply, Apply) and that the group was saved (3.13)."

  private static let examples =
    SectionVisibility.standardExamples(.root) + [
      RuleExample(
        "only the inactive employee shows Basic info",
        ExampleTenant.hiding("root", for: ["1001", "1002", "1003", "1004"]), .warn)
    ]
}
