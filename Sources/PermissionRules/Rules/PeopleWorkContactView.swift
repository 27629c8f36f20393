/// `people.work_contact.view` (step 3.9.4, ensure a gray checkmark): every visible employee's
/// Work contact details section can be read.
enum WorkContactSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .workContact, title: "View Work contact details sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.workContact),
    statusMeanings: SectionVisibility.meanings(.workContact),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.workContact, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.workContact)
    + [
      RuleExample(
        "work.workPhone counts for workContact, not work",
        ExampleTenant.hiding("work"), .pass)
    ]
}
