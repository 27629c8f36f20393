import Foundation

/// `sync_field.selection` (sync steps 1-4, advisory): at least one employee is selected in "Sync
/// to Remote", and every selected employee can be synced (has a work email, which Remote uses as
/// the identifier, and a start date, and is active). Reasons list at most 20 Hibob employee ids.
///
/// Choices where the matrix is silent: a missing field is a `warn` (nobody can be selected yet);
/// a field that was not asked is `error`; a field whose key came back for no visible employee is
/// `skipped` below `people.work.view` when the Work section is hidden from everyone (the catalogue
/// decides that), and a `warn` when other Work fields are visible (the field itself is hidden
/// from the group, so no selection can be read); when the active-only search failed, inactivity
/// is not checked and the reason says so.
enum SyncFieldSelection {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "sync_field.selection", title: "Employees are selected for the sync",
      step: "sync 1-4", part: .syncToRemote, severity: .advisory,
      summary:
        "At least one employee is selected in 'Sync to Remote', and every selected employee is "
        + "active and has a work email and a start date.",
      probe:
        "The full people search asks for the 'Sync to Remote' field, the work email and the "
        + "start date; the active-only search tells inactive employees apart.",
      remediation: remediation,
      dependsOn: ["credentials.authenticate", "sync_field.present"]),
    statuses: [.pass, .warn, .error],
    needs:
      "The field metadata (to find the field), the full people search with the field asked, "
      + "and the active-only search.",
    statusMeanings: [
      .pass: "at least one employee is selected and every selected one can be synced",
      .warn:
        "no employee is selected (or the field does not exist yet), or a selected employee lacks "
        + "a work email or a start date, or is inactive, or the field's value is hidden while "
        + "other Work fields are visible",
      .error:
        "the searches or the metadata could not be read, or the field was not asked (when the "
        + "Work section is hidden from every visible employee the rule is skipped below "
        + "people.work.view)",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Sync steps 1-4: in Hibob's People tab go to Directory and select the employee; on the "
    + "profile scroll to the Work section and click its edit button; in the Sync to Remote field "
    + "select As employee or As contractor, then click Done; repeat for every employee to sync. "
    + "Each selected employee needs a work email (Remote's identifier) and a start date."

  private static let noField =
    "No 'Sync to Remote' field exists yet (see sync_field.present), so no employee is selected."
  private static let notAsked =
    "Could not be decided: the people search did not ask for the 'Sync to Remote' field."
  private static let notSeen =
    "Could not be judged: the 'Sync to Remote' value came back for no visible employee because "
    + "no Work field did (see people.work.view)."
  private static func fieldHidden(_ visible: Int, _ total: Int) -> String {
    "The 'Sync to Remote' value came back for none of the \(Wording.employees(total)) visible, "
      + "though other Work fields show for \(visible): the field itself is hidden from the "
      + "service user, so no selection can be read and nothing will sync."
  }
  private static func noneSelected(_ total: Int) -> String {
    "None of the \(Wording.employees(total)) visible is selected in 'Sync to Remote': nothing "
      + "will sync."
  }
  private static func selected(_ count: Int, _ total: Int, _ byLabel: String) -> String {
    "\(count) of \(total) visible employees are selected (\(byLabel))."
  }
  private static func lacksEmail(_ ids: [String]) -> String {
    " \(Wording.employees(ids.count)) selected lack a work email: \(Wording.ids(ids))."
  }
  private static func lacksStart(_ ids: [String]) -> String {
    " \(Wording.employees(ids.count)) selected lack a start date: \(Wording.ids(ids))."
  }
  private static func inactive(_ ids: [String]) -> String {
    " \(Wording.employees(ids.count)) selected are inactive: \(Wording.ids(ids))."
  }
  private static let inactiveUnknown =
    " Whether selected employees are active could not be checked (the active-only search "
    + "failed)."

  static func evaluate(_ obs: Observations) -> Evaluation {
    let field: FieldInfo
    switch obs.fieldMetadata {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.metadataProbe))
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.metadataProbe, failure), evidence)
    case .ok(let fields, let evidence):
      guard let found = SyncField.find(in: fields) else {
        return Evaluation(.warn, noField, evidence)
      }
      field = found
    }
    let search: SearchObservation
    switch obs.searchAll {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.searchProbe))
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.searchProbe, failure), evidence)
    case .ok(let value, _): search = value
    }
    let evidence = obs.searchAll.evidence + obs.searchActive.evidence
    guard search.askedFields.contains(where: { $0.fieldId == field.id }) else {
      return Evaluation(.error, notAsked, evidence)
    }
    let employees = search.employees
    if !employees.isEmpty && !employees.contains(where: { $0.presentFields.contains(field.id) }) {
      let work = SectionVisibility.count(SyncField.section, in: search)
      guard let work, work.visibleCount > 0 else {
        return .blocked(by: WorkSectionView.rule.id, notSeen, evidence)
      }
      return Evaluation(.warn, fieldHidden(work.visibleCount, work.total), evidence)
    }
    let chosen = employees.filter {
      !($0.syncSelection?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
    }
    if chosen.isEmpty {
      return Evaluation(.warn, noneSelected(employees.count), evidence)
    }
    var labels: [String: Int] = [:]
    for e in chosen { labels[e.syncSelection ?? "", default: 0] += 1 }
    let byLabel = labels.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
      .joined(separator: ", ")
    var text = selected(chosen.count, employees.count, byLabel)
    var problem = false
    let noEmail = chosen.filter { !$0.hasEmail }.map(\.id)
    if !noEmail.isEmpty {
      text += lacksEmail(noEmail)
      problem = true
    }
    let noStart = chosen.filter { !$0.hasStartDate }.map(\.id)
    if !noStart.isEmpty {
      text += lacksStart(noStart)
      problem = true
    }
    if let active = obs.searchActive.value {
      let activeIds = Set(active.employees.map(\.id))
      let notActive = chosen.filter { !activeIds.contains($0.id) }.map(\.id)
      if !notActive.isEmpty {
        text += inactive(notActive)
        problem = true
      }
    } else {
      text += inactiveUnknown
    }
    return Evaluation(problem ? .warn : .pass, text, evidence)
  }

  private static func selecting(_ change: @escaping (inout EmployeeObservation) -> Void)
    -> Observations
  {
    ExampleTenant.editingEmployees { employees in
      employees.map { e in
        var copy = e
        change(&copy)
        return copy
      }
    }
  }

  private static let examples = [
    RuleExample("two active employees selected", ExampleTenant.passing, .pass),
    RuleExample("nobody selected", selecting { $0.syncSelection = nil }, .warn),
    RuleExample("only white space selected", selecting { $0.syncSelection = " " }, .warn),
    RuleExample(
      "a selected employee without email",
      selecting { if $0.id == "1002" { $0.hasEmail = false } }, .warn),
    RuleExample(
      "a selected employee without start date",
      selecting { if $0.id == "1001" { $0.hasStartDate = false } }, .warn),
    RuleExample(
      "an unselected employee without email does not matter",
      selecting { if $0.id == "1003" { $0.hasEmail = false } }, .pass),
    RuleExample(
      "an inactive employee selected",
      selecting { if $0.id == "1005" { $0.syncSelection = "As employee" } }, .warn),
    RuleExample(
      "field does not exist",
      ExampleTenant.with {
        $0.fieldMetadata = .ok(
          ExampleTenant.fields.filter { $0.id != ExampleTenant.syncFieldId },
          ExampleTenant.metadataEvidence)
      }, .warn),
    RuleExample(
      "active search failed: selection still passes, inactivity unchecked",
      ExampleTenant.with { $0.searchActive = .failed(.deadline, []) }, .pass),
    RuleExample(
      "Work hidden for everyone: error here, skipped below people.work.view in the catalogue",
      ExampleTenant.hiding("work"), .error),
    RuleExample(
      "the field hidden, other Work fields visible",
      ExampleTenant.editingEmployees { employees in
        employees.map { e in
          var copy = e
          copy.presentFields.remove(ExampleTenant.syncFieldId)
          copy.syncSelection = nil
          return copy
        }
      }, .warn),
    RuleExample(
      "search failed", ExampleTenant.with { $0.searchAll = .failed(.httpStatus(500), []) },
      .error),
  ]
}
