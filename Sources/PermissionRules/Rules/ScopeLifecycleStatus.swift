/// `scope.lifecycle_status` (steps 3.11, 3.12): the group's "Applies to" is "Lifecycle Status
/// exists", so it covers every employee (hired, employed, terminated) the same way. Seen from the
/// API: every required section is visible for all visible employees or for none, every employee
/// a reference names (a manager, say) is visible, and inactive employees are visible.
enum LifecycleStatusScope {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "scope.lifecycle_status", title: "Applies to: Lifecycle Status exists",
      step: "3.11, 3.12", part: .appliesTo, severity: .blocking,
      summary:
        "The group applies to every employee whatever their lifecycle status, so no employee "
        + "(hired, employed or terminated) is left out of the sync.",
      probe:
        "Both people searches: sections visible for some employees and not others, employee "
        + "references naming an employee who is not visible, and the count with showInactive: "
        + "true minus the count without.",
      remediation: remediation,
      dependsOn: ["credentials.authenticate", "people.basic_info.view"]),
    statuses: [.pass, .fail, .warn, .error],
    needs:
      "The full people search (showInactive: true, with sections and employee-reference fields "
      + "asked) and the minimal active-only search (showInactive: false).",
    statusMeanings: [
      .pass:
        "every required section is visible for all visible employees or none, every referenced "
        + "employee is visible, and inactive employees are visible",
      .fail:
        "a required section is visible for some visible employees and not others, or a "
        + "reference names an employee who is not visible",
      .warn:
        "no inactive employee is visible: the company has none, or Applies to leaves them out",
      .error:
        "a search failed without proving anything (with no employee visible the rule is "
        + "skipped below people.basic_info.view)",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Steps 3.11-3.12: Settings > Roles and Permissions > (your group) > Applies To (near the "
    + "bottom of the page): choose Select by condition, click Edit, select Lifecycle Status in "
    + "the first drop-down and exists in the second, click Apply, \(Wording.save)"

  private static let nobody =
    "Could not be decided: no employee is visible, so the group's scope cannot be seen."
  private static func partial(_ parts: [String], _ ids: [String]) -> String {
    "Some required sections are visible for some employees and not others "
      + "(\(parts.joined(separator: "; "))): the group does not apply to everyone the same way. "
      + "\(Wording.employees(ids.count)) lack at least one of them: \(Wording.ids(ids))."
  }
  private static func missingReferences(_ ids: [String]) -> String {
    "Employee references name \(Wording.employees(ids.count)) who are not visible: "
      + "\(Wording.ids(ids)). The group leaves them out."
  }
  private static func noInactive(_ total: Int) -> String {
    "No inactive employee is visible (\(total) with showInactive: true, \(total) without): "
      + "either the company has no hired-not-started or terminated employee, or Applies to "
      + "leaves them out."
  }
  private static func fine(_ total: Int, _ inactive: Int) -> String {
    "All \(Wording.employees(total)) visible see the same sections, every referenced employee "
      + "is visible, and \(inactive) inactive employee(s) are visible."
  }

  static func evaluate(_ obs: Observations) -> Evaluation {
    let all: SearchObservation
    switch obs.searchAll {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.searchProbe))
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.searchProbe, failure), evidence)
    case .ok(let value, _): all = value
    }
    let evidence = obs.searchAll.evidence + obs.searchActive.evidence
    if all.employees.isEmpty {
      return .blocked(by: BasicInfoSectionView.rule.id, nobody, evidence)
    }
    var problems: [String] = []
    var parts: [String] = []
    var lacking: Set<String> = []
    for section in Section.required {
      guard let count = SectionVisibility.count(section.id, in: all),
        count.visibleCount > 0, !count.hiddenIds.isEmpty
      else { continue }
      parts.append("\(section.id) for \(count.visibleCount) of \(count.total)")
      lacking.formUnion(count.hiddenIds)
    }
    if !parts.isEmpty {
      // Employee order of the search answer, so the listed ids are stable.
      problems.append(partial(parts, all.employees.map(\.id).filter { lacking.contains($0) }))
    }
    let visible = Set(all.employees.map(\.id))
    var missing: [String] = []
    for id in all.employees.flatMap(\.referencedEmployeeIds)
    where !visible.contains(id) && !missing.contains(id) {
      missing.append(id)
    }
    if !missing.isEmpty { problems.append(missingReferences(missing)) }
    if !problems.isEmpty {
      return Evaluation(.fail, problems.joined(separator: " "), evidence)
    }
    switch obs.searchActive {
    case .notRun: return Evaluation(.error, Wording.notProbed(Wording.activeSearchProbe), evidence)
    case .failed(let failure, _):
      return Evaluation(
        .error, Wording.couldNotDecide(Wording.activeSearchProbe, failure), evidence)
    case .ok(let active, _):
      let inactive = all.employees.count - active.employees.count
      if inactive <= 0 {
        return Evaluation(.warn, noInactive(all.employees.count), evidence)
      }
      return Evaluation(.pass, fine(all.employees.count, inactive), evidence)
    }
  }

  private static let examples = [
    RuleExample("everyone sees everything, one inactive", ExampleTenant.passing, .pass),
    RuleExample(
      "identification hidden for two employees",
      ExampleTenant.hiding("identification", for: ["1002", "1003"]), .fail),
    RuleExample(
      "a section hidden for everyone is not a scope problem", ExampleTenant.hiding("address"),
      .pass),
    RuleExample(
      "a manager who is not visible",
      ExampleTenant.editingEmployees { employees in
        employees.map { e in
          var copy = e
          if copy.id == "1004" { copy.referencedEmployeeIds = ["9999"] }
          return copy
        }
      }, .fail),
    RuleExample(
      "no inactive employee visible",
      ExampleTenant.editingEmployees { $0.filter { $0.id != "1005" } }, .warn),
    RuleExample(
      "active search failed",
      ExampleTenant.with { $0.searchActive = .failed(.httpStatus(502), []) }, .error),
    RuleExample(
      "full search failed",
      ExampleTenant.with { $0.searchAll = .failed(.network("connection reset"), []) }, .error),
    RuleExample(
      "partial section proven even when the active search failed",
      ExampleTenant.with {
        $0.searchAll = ExampleTenant.hide("work", for: ["1005"], in: $0.searchAll)
        $0.searchActive = .failed(.rateLimited, [])
      }, .fail),
    RuleExample(
      "no employee visible", ExampleTenant.editingEmployees { _ in [] }, .error),
  ]
}
