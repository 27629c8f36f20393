/// `people.personal_contact.view` (step 3.10.7, click the red X): every visible employee's
/// Personal contact details section can be read.
enum PersonalContactSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .personalContact,
      title: "View Personal contact details sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.personalContact),
    statusMeanings: SectionVisibility.meanings(.personalContact),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.personalContact, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.personalContact)
    + [
      RuleExample(
        "hidden for two active employees",
        ExampleTenant.hiding("personalContact", for: ["1002", "1003"]), .warn)
    ]
}
