/// `people.home.view` (step 3.10.4, click the red X): every visible employee's
/// Home section can be read.
enum HomeSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .home, title: "View Home sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.home),
    statusMeanings: SectionVisibility.meanings(.home),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.home, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.home)
    + [
      RuleExample(
        "home.privateEmail hidden does not hide Home (it is personalContact)",
        ExampleTenant.hiding("personalContact"), .pass)
    ]
}
