/// A small, fully permitted example tenant the rules' examples start from and then break in one
/// place each. Five employees (`1001`...`1005`); `1005` is inactive (only `showInactive: true`
/// returns it); `1002`-`1004` report to `1001`; `1001` is selected "As employee" and `1002` "As
/// contractor". No personal data: ids, field ids and booleans only.
enum ExampleTenant {
  static let syncFieldId = "work.custom.field_1680187492413"
  static let syncListId = "sync_to_remote"
  static let reportsToId = "work.reportsTo"
  static let employeeIds = ["1001", "1002", "1003", "1004", "1005"]
  static let activeIds = ["1001", "1002", "1003", "1004"]

  /// The fields asked by the full search, per section (`categoryId`). Ids deliberately include
  /// fields whose prefix is not their section (`financial.passportNumber` is `identification`).
  static let askedFields: [AskedField] = [
    AskedField(fieldId: "root.firstName", section: "root"),
    AskedField(fieldId: "root.surname", section: "root"),
    AskedField(fieldId: "about.about", section: "about"),
    AskedField(fieldId: "work.title", section: "work"),
    AskedField(fieldId: "work.startDate", section: "work"),
    AskedField(fieldId: reportsToId, section: "work"),
    AskedField(fieldId: syncFieldId, section: "work"),
    AskedField(fieldId: "work.workPhone", section: "workContact"),
    AskedField(fieldId: "address.city", section: "address"),
    AskedField(fieldId: "payroll.employment.contract", section: "employment"),
    AskedField(fieldId: "home.familyStatus", section: "home"),
    AskedField(fieldId: "financial.passportNumber", section: "identification"),
    AskedField(fieldId: "personal.nationality", section: "personal"),
    AskedField(fieldId: "home.privateEmail", section: "personalContact"),
    AskedField(fieldId: "root.state", section: "userData"),
  ]

  /// The field metadata: every asked field with its section's default display name, plus a
  /// lifecycle field the integration does not need.
  static let fields: [FieldInfo] = {
    var list = askedFields.map { asked -> FieldInfo in
      let section = Section.required.first { $0.id == asked.section }
      let isSync = asked.fieldId == syncFieldId
      return FieldInfo(
        id: asked.fieldId, name: isSync ? "Sync to Remote" : asked.fieldId,
        categoryId: asked.section, categoryDisplayName: section?.defaultName,
        type: isSync ? "list" : (asked.fieldId == reportsToId ? "employee-reference" : "text"),
        listId: isSync ? syncListId : nil, isCustom: isSync)
    }
    list.append(
      FieldInfo(
        id: "internal.status", name: "Status", categoryId: "lifecycle",
        categoryDisplayName: "Lifecycle", type: "list", listId: "status"))
    return list
  }()

  static func evidence(_ method: String, _ path: String, _ status: Int?) -> Evidence {
    Evidence(method: method, path: path, status: status, durationMs: 12, attempts: 1)
  }

  static let metadataEvidence = [evidence("GET", "/v1/company/people/fields", 200)]
  static let searchEvidence = [evidence("POST", "/v1/people/search", 200)]
  static let activeSearchEvidence = [evidence("POST", "/v1/people/search", 200)]
  static let historyEvidence = [
    evidence("GET", "/v1/bulk/people/employment?employeeIds=1001,1002,1003,1004,1005", 200)
  ]
  static let listEvidence = [evidence("GET", "/v1/company/named-lists/\(syncListId)", 200)]
  static let fieldWriteEvidence = [
    evidence("PUT", "/v1/company/people/fields/\(syncFieldId)", 304)
  ]
  static let listWriteEvidence = [
    evidence("PUT", "/v1/company/named-lists/department/209192163", 304)
  ]

  static let allFieldIds = Set(askedFields.map(\.fieldId))

  static let employees: [EmployeeObservation] = employeeIds.map { id in
    EmployeeObservation(
      id: id, presentFields: allFieldIds,
      referencedEmployeeIds: id == "1001" || id == "1005" ? [] : ["1001"],
      syncSelection: id == "1001" ? "As employee" : (id == "1002" ? "As contractor" : nil))
  }

  /// Everything permitted and configured: every rule passes.
  static let passing = Observations(
    environment: .production,
    credentialProblems: [],
    fieldMetadata: .ok(fields, metadataEvidence),
    searchAll: .ok(
      SearchObservation(askedFields: askedFields, employees: employees), searchEvidence),
    searchActive: .ok(
      SearchObservation(
        askedFields: [AskedField(fieldId: "root.id", section: "root")],
        employees: activeIds.map { EmployeeObservation(id: $0, presentFields: ["root.id"]) }),
      activeSearchEvidence),
    employmentHistory: .ok(
      HistoryObservation(
        sampledIds: employeeIds,
        rowsPerEmployee: ["1001": 3, "1002": 1, "1003": 1, "1004": 2, "1005": 1]),
      historyEvidence),
    syncFieldList: .ok(
      ListInfo(
        name: syncListId,
        itemLabels: ["As employee", "As contractor", "As global payroll employee"]),
      listEvidence),
    fieldSettingsWrite: .ok(WriteProbe(kind: .noOpPut, status: 304), fieldWriteEvidence),
    listsWrite: .ok(WriteProbe(kind: .noOpPut, status: 304), listWriteEvidence),
    readOnly: false)

  /// `passing` with one change.
  static func with(_ change: (inout Observations) -> Void) -> Observations {
    var copy = passing
    change(&copy)
    return copy
  }

  /// `passing` with the fields of `section` hidden for the employees in `ids` (all when nil).
  static func hiding(_ section: String, for ids: Set<String>? = nil) -> Observations {
    with { $0.searchAll = hide(section, for: ids, in: $0.searchAll) }
  }

  /// `passing` with the full search's employees replaced by `transform`'s result.
  static func editingEmployees(
    _ transform: ([EmployeeObservation]) -> [EmployeeObservation]
  ) -> Observations {
    with { obs in
      guard case .ok(var search, let evidence) = obs.searchAll else { return }
      search.employees = transform(search.employees)
      obs.searchAll = .ok(search, evidence)
    }
  }

  /// `probe` with the fields of `section` removed for the employees in `ids` (all when nil).
  static func hide(
    _ section: String, for ids: Set<String>?, in probe: Probe<SearchObservation>
  ) -> Probe<SearchObservation> {
    guard case .ok(var search, let evidence) = probe else { return probe }
    let sectionFields = Set(search.askedFields.filter { $0.section == section }.map(\.fieldId))
    search.employees = search.employees.map { employee in
      guard ids?.contains(employee.id) ?? true else { return employee }
      var copy = employee
      copy.presentFields.subtract(sectionFields)
      return copy
    }
    return .ok(search, evidence)
  }

  /// A failed probe with one evidence entry carrying `status`.
  static func failed<Value>(
    _ failure: ProbeFailure, _ method: String, _ path: String, _ status: Int?
  ) -> Probe<Value> {
    .failed(failure, [evidence(method, path, status)])
  }
}
