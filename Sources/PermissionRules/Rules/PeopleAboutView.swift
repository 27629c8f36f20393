/// `people.about.view` (step 3.9.1, ensure a gray checkmark): every visible employee's
/// About section can be read.
enum AboutSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .about, title: "View About sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.about),
    statusMeanings: SectionVisibility.meanings(.about),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.about, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.about)
}
