/// `people.address.view` (step 3.10.1, click the red X): every visible employee's
/// Address section can be read.
enum AddressSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .address, title: "View Address sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.address),
    statusMeanings: SectionVisibility.meanings(.address),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.address, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.address)
}
