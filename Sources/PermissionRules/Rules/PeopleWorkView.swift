/// `people.work.view` (step 3.9.3, ensure a gray checkmark): every visible employee's
/// Work section can be read.
enum WorkSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .work, title: "View Work sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.work),
    statusMeanings: SectionVisibility.meanings(.work),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.work, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.work)
}
