/// `people.personal.view` (step 3.10.6, click the red X): every visible employee's
/// Personal section can be read.
enum PersonalSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .personal, title: "View Personal sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.personal),
    statusMeanings: SectionVisibility.meanings(.personal),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.personal, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.personal)
}
