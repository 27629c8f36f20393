/// `people.employment.view` (step 3.10.2, click the red X): every visible employee's
/// Employment section can be read.
enum EmploymentSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .employment, title: "View Employment sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.employment),
    statusMeanings: SectionVisibility.meanings(.employment),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.employment, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.employment)
}
