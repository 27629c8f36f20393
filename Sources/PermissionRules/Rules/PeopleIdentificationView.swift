/// `people.identification.view` (step 3.10.5, click the red X): every visible employee's
/// Identification section can be read.
enum IdentificationSectionView {
  static let rule = Rule(
    metadata: SectionVisibility.metadata(
      .identification, title: "View Identification sections"),
    statuses: SectionVisibility.statuses,
    needs: SectionVisibility.needs(.identification),
    statusMeanings: SectionVisibility.meanings(.identification),
    examples: examples,
    evaluate: { SectionVisibility.evaluate(.identification, $0) })

  private static let examples =
    SectionVisibility.standardExamples(.identification)
    + [
      RuleExample(
        "a visible field whose id starts with identification. but whose section is personal",
        ExampleTenant.with { obs in
          obs.searchAll = ExampleTenant.hide("identification", for: nil, in: obs.searchAll)
          guard case .ok(var search, let evidence) = obs.searchAll else { return }
          search.askedFields.append(
            AskedField(fieldId: "identification.extra", section: "personal"))
          search.employees = search.employees.map { e in
            var copy = e
            copy.presentFields.insert("identification.extra")
            return copy
          }
          obs.searchAll = .ok(search, evidence)
        }, .fail)
    ]
}
