/// `sync_field.present` (sync step 3): the "Sync to Remote" list field exists in the Work section
/// with the items "As employee" and "As contractor". Remote adds it when the integration is added,
/// so its absence is a `warn` (expected before step 4), a wrong shape a `fail`. The field is found
/// by name, ignoring case and outer white space.
enum SyncFieldPresent {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "sync_field.present", title: "The Sync to Remote field exists", step: "sync 3",
      part: .syncToRemote,
      severity: .blocking,
      summary:
        "The 'Sync to Remote' field exists in the Work section as a list offering 'As employee' "
        + "and 'As contractor', so employees can be selected for the sync.",
      probe:
        "GET /company/people/fields finds the field by name (ignoring case and outer white "
        + "space) and checks its section and type; GET /company/named-lists/{listId} reads its "
        + "items.",
      remediation: remediation, dependsOn: ["credentials.authenticate"]),
    statuses: [.pass, .warn, .fail, .error],
    needs: "The field metadata and, when the field is a list, its named list.",
    statusMeanings: [
      .pass: "the field is a list in Work offering 'As employee' and 'As contractor'",
      .warn: "no field is named 'Sync to Remote' (Remote adds it when the integration is added)",
      .fail: "the field is outside Work, is not a list, or its list lacks a required item",
      .error: "the metadata or the field's list could not be read",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Sync step 3: Remote adds the 'Sync to Remote' field to the Work section when the "
    + "integration is added (steps 4.1-4.3: Remote > Integrations > Hibob > Add integration, "
    + "enter the credentials, Continue). If the field exists but was moved, retyped or its "
    + "items renamed, restore it: a list field in the Work section offering 'As employee' and "
    + "'As contractor'."

  private static let absent =
    "No field named 'Sync to Remote' exists yet. Remote adds it to the Work section when the "
    + "integration is added (step 4); until then no employee can be selected for the sync."
  private static func outsideWork(_ section: String) -> String {
    "The 'Sync to Remote' field is in section \(section), not work: Remote looks for it in Work."
  }
  private static func notAList(_ type: String) -> String {
    "The 'Sync to Remote' field has type \(type), not list: it cannot offer 'As employee' and "
      + "'As contractor'."
  }
  private static func lacking(_ items: [String]) -> String {
    "The 'Sync to Remote' list lacks "
      + items.map { "'\($0)'" }.joined(separator: " and ") + "."
  }
  private static func fine(_ id: String, _ count: Int) -> String {
    "The 'Sync to Remote' field (\(id)) is a list in Work with 'As employee' and 'As "
      + "contractor' among its \(count) items."
  }

  static func evaluate(_ obs: Observations) -> Evaluation {
    let fields: [FieldInfo]
    switch obs.fieldMetadata {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.metadataProbe))
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.metadataProbe, failure), evidence)
    case .ok(let value, _): fields = value
    }
    let metadataEvidence = obs.fieldMetadata.evidence
    guard let field = SyncField.find(in: fields) else {
      return Evaluation(.warn, absent, metadataEvidence)
    }
    if field.categoryId != SyncField.section {
      return Evaluation(.fail, outsideWork(field.categoryId), metadataEvidence)
    }
    if field.type != "list" {
      return Evaluation(.fail, notAList(field.type), metadataEvidence)
    }
    let evidence = metadataEvidence + obs.syncFieldList.evidence
    switch obs.syncFieldList {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.syncListProbe), evidence)
    case .failed(let failure, _):
      return Evaluation(.error, Wording.couldNotDecide(Wording.syncListProbe, failure), evidence)
    case .ok(let list, _):
      let missing = SyncField.requiredItems.filter { item in
        !list.itemLabels.contains { Wording.sameName($0, item) }
      }
      if !missing.isEmpty {
        return Evaluation(.fail, lacking(missing), evidence)
      }
      return Evaluation(.pass, fine(field.id, list.itemLabels.count), evidence)
    }
  }

  private static func editingSyncField(_ change: @escaping (inout FieldInfo) -> Void)
    -> Observations
  {
    ExampleTenant.with {
      $0.fieldMetadata = .ok(
        ExampleTenant.fields.map { field in
          var copy = field
          if copy.id == ExampleTenant.syncFieldId { change(&copy) }
          return copy
        }, ExampleTenant.metadataEvidence)
    }
  }

  private static func items(_ labels: [String]) -> Observations {
    ExampleTenant.with {
      $0.syncFieldList = .ok(
        ListInfo(name: ExampleTenant.syncListId, itemLabels: labels), ExampleTenant.listEvidence)
    }
  }

  private static let examples = [
    RuleExample("list in Work with both items", ExampleTenant.passing, .pass),
    RuleExample(
      "name differs in case and white space", editingSyncField { $0.name = " sync TO remote " },
      .pass),
    RuleExample(
      "absent",
      ExampleTenant.with {
        $0.fieldMetadata = .ok(
          ExampleTenant.fields.filter { $0.id != ExampleTenant.syncFieldId },
          ExampleTenant.metadataEvidence)
        $0.syncFieldList = .notRun
      }, .warn),
    RuleExample("in the About section", editingSyncField { $0.categoryId = "about" }, .fail),
    RuleExample("a text field", editingSyncField { $0.type = "text" }, .fail),
    RuleExample("list lacks As contractor", items(["As employee"]), .fail),
    RuleExample("list lacks both items", items(["Yes", "No"]), .fail),
    RuleExample("item labels in another case", items(["as EMPLOYEE", "As Contractor "]), .pass),
    RuleExample(
      "list could not be read",
      ExampleTenant.with { $0.syncFieldList = .failed(.notFound, []) }, .error),
    RuleExample(
      "list not read", ExampleTenant.with { $0.syncFieldList = .notRun }, .error),
    RuleExample(
      "metadata timed out",
      ExampleTenant.with { $0.fieldMetadata = .failed(.network("timed out"), []) }, .error),
  ]
}
