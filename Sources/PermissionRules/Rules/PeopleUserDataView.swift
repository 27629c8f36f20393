/// `people.user_data.view` (step 3.10.8, click the red X): every visible employee's
/// User data section can be read.
enum UserDataSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .userData, title: "View User data sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.userData),
    statusMeanings: SectionVisibility.meanings(.userData),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.userData, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.userData)
    + [
      RuleExample(
        "root.state counts for userData, not Basic info",
        ExampleTenant.hiding("root"), .pass)
    ]
}
