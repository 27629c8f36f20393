/// `sections.default_names` (before you start): the article warns the integration may not work
/// when default section names were changed. Every required section must exist (some field has its
/// `categoryId`) with its default `categoryDisplayName`, compared ignoring case and outer white
/// space. A section whose fields carry no display name at all cannot be compared and passes.
enum SectionDefaultNames {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "sections.default_names", title: "Sections keep their default names",
      step: "before you start", part: .beforeYouStart, severity: .blocking,
      summary:
        "Every section the integration reads exists and keeps Hibob's default name (Basic info, "
        + "About, Work, Work contact details, Address, Employment, Home, Identification, "
        + "Personal, Personal contact details, User data).",
      probe:
        "GET /company/people/fields: groups fields by categoryId and compares each required "
        + "section's categoryDisplayName with its default, ignoring case and outer white space.",
      remediation: remediation, dependsOn: ["credentials.authenticate"]),
    statuses: [.pass, .fail, .error],
    needs: "The field metadata (GET /company/people/fields).",
    statusMeanings: [
      .pass: "every required section exists with its default name",
      .fail:
        "a required section is missing or renamed; the evidence names the section, the name "
        + "found and the default",
      .error: "the metadata could not be read",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Before you start: the article warns that the integration may not work if default section "
    + "names were changed. In Hibob's employee field settings (the Employee Fields settings of "
    + "step 3.6), rename each section listed in the evidence back to its default name; a missing "
    + "section must be restored."

  private static func fine(_ count: Int) -> String {
    "All \(count) required sections exist with their default names."
  }
  private static func problems(_ renamed: Int, _ missing: Int) -> String {
    var parts: [String] = []
    if renamed > 0 { parts.append("\(renamed) required section(s) renamed") }
    if missing > 0 { parts.append("\(missing) missing from the field metadata") }
    return parts.joined(separator: ", ") + ": " + "the integration may not work (see evidence)."
  }
  private static func renamedNote(_ section: Section, _ found: String) -> String {
    "section \(section.id): found '\(found)', default '\(section.defaultName)'"
  }
  private static func missingNote(_ section: Section) -> String {
    "section \(section.id): missing (no field has this categoryId), default "
      + "'\(section.defaultName)'"
  }

  static func evaluate(_ obs: Observations) -> Evaluation {
    switch obs.fieldMetadata {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.metadataProbe))
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.metadataProbe, failure), evidence)
    case .ok(let fields, let evidence):
      var notes: [String] = []
      var renamed = 0
      var missing = 0
      for section in Section.required {
        let ofSection = fields.filter { $0.categoryId == section.id }
        if ofSection.isEmpty {
          missing += 1
          notes.append(missingNote(section))
          continue
        }
        let names = ofSection.compactMap(\.categoryDisplayName)
        if let found = names.first(where: { !Wording.sameName($0, section.defaultName) }) {
          renamed += 1
          notes.append(renamedNote(section, found))
        }
      }
      if notes.isEmpty {
        return Evaluation(.pass, fine(Section.required.count), evidence)
      }
      let template =
        evidence.first
        ?? Evidence(
          method: "GET", path: "/v1/company/people/fields", status: nil, durationMs: 0,
          attempts: 0)
      return Evaluation(
        .fail, problems(renamed, missing), evidence + notes.map { template.noting($0) })
    }
  }

  private static func renaming(_ section: String, _ name: String?) -> Observations {
    ExampleTenant.with {
      $0.fieldMetadata = .ok(
        ExampleTenant.fields.map { field in
          var copy = field
          if copy.categoryId == section { copy.categoryDisplayName = name }
          return copy
        }, ExampleTenant.metadataEvidence)
    }
  }

  private static let examples = [
    RuleExample("default names", ExampleTenant.passing, .pass),
    RuleExample(
      "different case and outer white space", renaming("workContact", "  WORK CONTACT details "),
      .pass),
    RuleExample("Identification renamed", renaming("identification", "ID documents"), .fail),
    RuleExample("Basic info renamed", renaming("root", "Basics"), .fail),
    RuleExample("no display name given", renaming("home", nil), .pass),
    RuleExample(
      "User data section missing",
      ExampleTenant.with {
        $0.fieldMetadata = .ok(
          ExampleTenant.fields.filter { $0.categoryId != "userData" },
          ExampleTenant.metadataEvidence)
      }, .fail),
    RuleExample(
      "metadata answered 502",
      ExampleTenant.with { $0.fieldMetadata = .failed(.httpStatus(502), []) }, .error),
  ]
}
