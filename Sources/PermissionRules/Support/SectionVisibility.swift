/// The evaluator, metadata and standard examples shared by the eleven `people.<section>.view`
/// rules. A section is visible for an employee when any asked field of that section (by
/// `categoryId`) came back in the answer, even as `null`.
enum SectionVisibility {
  /// Who can and cannot see a section, from the full search.
  struct Count: Equatable {
    var askedFieldIds: [String]
    /// How many employees show the section (their ids are never needed, only counted: the
    /// rules run this over every employee of the search, once per section).
    var visibleCount: Int
    var hiddenIds: [String]
    var total: Int { visibleCount + hiddenIds.count }
  }

  /// Counts visibility of `section` over the search's employees; nil when no field of it was asked.
  static func count(_ section: String, in search: SearchObservation) -> Count? {
    var asked: [String] = []
    for field in search.askedFields where field.section == section && !asked.contains(field.fieldId)
    {
      asked.append(field.fieldId)
    }
    guard !asked.isEmpty else { return nil }
    var count = Count(
      askedFieldIds: search.askedFields.filter { $0.section == section }.map(\.fieldId),
      visibleCount: 0, hiddenIds: [])
    // A few asked ids looked up in each employee's set, read in place: no set built or
    // intersected, no copy of each employee (this runs over every employee, once per section,
    // for two rules).
    search.employees.withUnsafeBufferPointer { employees in
      for index in employees.indices {
        var visible = false
        for id in asked where employees[index].presentFields.contains(id) {
          visible = true
          break
        }
        if visible {
          count.visibleCount += 1
        } else {
          count.hiddenIds.append(employees[index].id)
        }
      }
    }
    return count
  }

  static func evaluate(_ section: Section, _ obs: Observations) -> Evaluation {
    switch obs.searchAll {
    case .notRun:
      return Evaluation(.error, Wording.notProbed(Wording.searchProbe))
    case .failed(.forbidden, let evidence):
      return Evaluation(.fail, searchForbidden, evidence)
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.searchProbe, failure), evidence)
    case .ok(let search, let evidence):
      guard let count = count(section.id, in: search) else {
        // The metadata lacks the section: sections.default_names fails, and this rule is
        // skipped below it.
        return .blocked(by: SectionDefaultNames.rule.id, notAsked(section), evidence)
      }
      let used = Wording.annotate(evidence, askedNote(section, count))
      if count.total == 0 {
        return Evaluation(.fail, nobodyVisible(section), used)
      }
      if count.hiddenIds.isEmpty {
        return Evaluation(.pass, allVisible(section, count), used)
      }
      if count.visibleCount == 0 {
        return Evaluation(.fail, noneVisible(section, count), used)
      }
      return Evaluation(.warn, someVisible(section, count), used)
    }
  }

  private static let searchForbidden =
    "The people search answered 403: the service user may not see any employee. It is probably "
    + "not in the permission group, or the group was never saved."

  private static func notAsked(_ section: Section) -> String {
    "Could not be probed: the field metadata lists no field of section \(section.id) (default "
      + "name '\(section.defaultName)'), so none could be asked. See sections.default_names."
  }

  private static func askedNote(_ section: Section, _ count: Count) -> String {
    let shown = count.askedFieldIds.prefix(5).joined(separator: ", ")
    let more = count.askedFieldIds.count > 5 ? ", ..." : ""
    return "asked \(count.askedFieldIds.count) \(section.id) field(s): \(shown)\(more)"
  }

  private static func nobodyVisible(_ section: Section) -> String {
    "No employee at all is visible to the service user (the search returned 0 employees), so no "
      + "\(section.label) field could be seen."
  }

  private static func allVisible(_ section: Section, _ count: Count) -> String {
    "\(section.label) fields are visible for all \(Wording.employees(count.total)) visible."
  }

  private static func noneVisible(_ section: Section, _ count: Count) -> String {
    "No visible employee shows any \(section.label) field: visible for 0 of "
      + "\(count.total) visible employees."
  }

  private static func someVisible(_ section: Section, _ count: Count) -> String {
    "\(section.label) fields are visible for \(count.visibleCount) of \(count.total) "
      + "visible employees; not for \(Wording.ids(count.hiddenIds)). scope.lifecycle_status "
      + "reports the likely cause."
  }

  /// The click path of the article for the section's permission.
  static func remediation(_ section: Section) -> String {
    let place =
      "Step \(section.step): \(Wording.groupPath) > Other Employees > People > "
      + "\(section.articleLabel): "
    if section.grantedByDefault {
      return place
        + "ensure there is a gray checkmark next to '\(section.permissionWording)' (if there is "
        + "a red X, click it so that it turns into a check), \(Wording.save)"
    }
    return place
      + "click the red X next to '\(section.permissionWording)' so that it turns into a green "
      + "check, \(Wording.save)"
  }

  static func metadata(_ section: Section, title: String, extra: String = "") -> RuleMetadata {
    RuleMetadata(
      id: section.ruleId, title: title, step: section.step, part: .otherEmployees,
      severity: .blocking,
      summary:
        "The service user can see the \(section.defaultName) section (categoryId "
        + "\(section.id)) of every visible employee.",
      probe:
        "POST /people/search with showInactive: true asks for fields of section \(section.id) "
        + "(chosen by categoryId from the field metadata) and counts the employees whose answer "
        + "carries at least one of them (Hibob silently omits fields the caller may not see).",
      remediation: remediation(section) + extra,
      dependsOn: section.id == "root"
        ? ["credentials.authenticate"] : ["credentials.authenticate", "people.basic_info.view"])
  }

  static let statuses: [Status] = [.pass, .fail, .warn, .error]

  static func needs(_ section: Section) -> String {
    "The full people search (showInactive: true) with at least one field of section "
      + "\(section.id) asked, and at least one visible employee."
  }

  static func meanings(_ section: Section) -> [Status: String] {
    [
      .pass: "every visible employee's answer carries a \(section.id) field",
      .fail:
        "no visible employee's answer carries one, no employee is visible, or the search "
        + "answered 403",
      .warn:
        "some visible employees show the section and others do not (see "
        + "scope.lifecycle_status)",
      .error:
        "the search failed without proving anything (network, 5xx, 429, bad JSON), or the "
        + "metadata has no field of the section to ask and sections.default_names did not fail "
        + "(when it failed, this rule is skipped below it)",
    ]
  }

  /// The examples every section rule has: all visible, none, some, 403, 5xx, nothing to ask.
  static func standardExamples(_ section: Section) -> [RuleExample] {
    let s = section.id
    return [
      RuleExample("visible for every employee", ExampleTenant.passing, .pass),
      RuleExample("hidden for every employee", ExampleTenant.hiding(s), .fail),
      RuleExample(
        "hidden for the inactive employee only", ExampleTenant.hiding(s, for: ["1005"]), .warn),
      RuleExample(
        "search answered 403",
        ExampleTenant.with {
          $0.searchAll = ExampleTenant.failed(.forbidden, "POST", "/v1/people/search", 403)
        }, .fail),
      RuleExample(
        "search answered 503",
        ExampleTenant.with {
          $0.searchAll = ExampleTenant.failed(.httpStatus(503), "POST", "/v1/people/search", 503)
        }, .error),
      RuleExample(
        "search timed out",
        ExampleTenant.with {
          $0.searchAll = ExampleTenant.failed(
            .network("timed out"), "POST", "/v1/people/search", nil)
        }, .error),
      RuleExample(
        "no field of the section in the metadata, so none asked",
        ExampleTenant.with { obs in
          guard case .ok(var search, let evidence) = obs.searchAll else { return }
          search.askedFields.removeAll { $0.section == s }
          obs.searchAll = .ok(search, evidence)
        }, .error),
      RuleExample(
        "one field of the section is enough",
        ExampleTenant.editingEmployees { employees in
          let fields = Set(ExampleTenant.askedFields.filter { $0.section == s }.map(\.fieldId))
          return employees.map { e in
            var copy = e
            copy.presentFields.subtract(fields)
            if let first = fields.sorted().first { copy.presentFields.insert(first) }
            return copy
          }
        }, .pass),
      RuleExample(
        "no employee returned at all",
        ExampleTenant.editingEmployees { _ in [] }, .fail),
    ]
  }
}
