/// `people.identification.view`: every visible employee's Identification section can be read.
enum IdentificationSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .identification, id: "people.identification.view", title: "View Identification sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.identification),
    statusMeanings: SectionVisibility.meanings(.identification),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.identification, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.identification)
    + [
      RuleExample(
        "financial.passportNumber counts for identification, whatever its prefix",
        ExampleTenant.with { obs in
          guard case .ok(var search, let evidence) = obs.searchAll else { return }
          search.askedFields.removeAll {
            $0.section == "identification" && !$0.fieldId.hasPrefix("financial.")
          }
          obs.searchAll = .ok(search, evidence)
        }, .pass)
    ]
}
