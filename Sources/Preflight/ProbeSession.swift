import Foundation
import HibobAPI
import PermissionRules

/// The probes of one check, planned from the field metadata: metadata first, then the two
/// searches, the sync field's list and the write probes at once; the history sample follows the
/// full search (it needs start dates to pick the longest-serving employees). Critical path:
/// metadata -> full search -> history, three round trips, whatever the headcount.
struct ProbeSession {
  let client: HibobClient
  let readOnly: Bool

  func observe(_ observations: inout Observations) async {
    observations.fieldMetadata = await metadata()
    guard let fields = observations.fieldMetadata.value else { return }
    let plan = ProbePlan(fields: fields)
    async let full = searchAllThenHistory(plan)
    async let active = searchActive()
    async let lists = syncListThenListWrite(plan)
    async let fieldWrite = fieldSettingsWrite(plan)
    let (search, history, syncItems) = await full
    let (list, listWrite) = await lists
    observations.searchAll = search.map { Self.labelled($0, items: list.value, ids: syncItems) }
    observations.employmentHistory = history
    observations.searchActive = await active
    observations.syncFieldList = list.map { $0.info }
    observations.listsWrite = listWrite
    observations.fieldSettingsWrite = await fieldWrite
  }

  // MARK: - Probes

  private func metadata() async -> Probe<[FieldInfo]> {
    await probe {
      let answer = try await client.fieldMetadata()
      return Recorded(value: answer.value.map(Self.fieldInfo), records: answer.records)
    }.noted { "\($0.count) fields" }
  }

  /// The full search (`showInactive: true`), then the history of the longest-serving sample.
  /// Also returns each employee's raw sync value, labelled once the list is known.
  private func searchAllThenHistory(_ plan: ProbePlan) async -> (
    Probe<SearchObservation>, Probe<HistoryObservation>, [String: String]
  ) {
    var rawSync: [String: String] = [:]
    var startDates: [String: String] = [:]
    let paths = SearchPaths(plan)
    let search: Probe<SearchObservation> = await probe {
      // Each employee is reduced as it is parsed: the answer (tens of megabytes at tens of
      // thousands of employees) is never kept as a whole tree.
      var employees: [EmployeeObservation] = []
      var sync: [String: String] = [:]
      var dates: [String: String] = [:]
      var sets = PresentFieldSets()
      let answer = try await client.searchPeople(
        fields: plan.searchFields, showInactive: true, humanReadable: nil
      ) { employee in
        employees.append(Self.observe(employee, paths: paths, sets: &sets))
        if let path = paths.sync, let raw = Self.text(employee.lookup(path)) {
          sync[employee.id] = raw
        }
        if let date = Self.text(employee.lookup(paths.startDate)) {
          dates[employee.id] = date
        }
      }
      rawSync = sync
      startDates = dates
      return Recorded(
        value: SearchObservation(askedFields: plan.askedFields, employees: employees),
        records: answer.records)
    }.noted {
      "asked \(plan.searchFields.count) fields (\(plan.sectionFields.count) for the "
        + "\(ProbePlan.requiredSections.count) sections) with showInactive true; "
        + "\($0.employees.count) employees returned"
    }
    let sample: [String]?
    switch search {
    case .ok(let value, _) where !value.employees.isEmpty:
      sample = Self.historySample(value.employees.map(\.id), startDates: startDates)
    case .failed(.forbidden, _):
      // A 403 fails people.basic_info.view, and the history rule is skipped below it: nothing
      // to ask (a skipped rule was not probed).
      return (search, .notRun, rawSync)
    case .failed:
      // The search could not be made (an error, which does not skip the rules below it): the
      // history rule can still be decided from one page of everyone's rows (a bounded sample,
      // whatever the headcount).
      sample = nil
    default:
      // Nobody is visible: every rule that needs employees is skipped.
      return (search, .notRun, rawSync)
    }
    let history: Probe<HistoryObservation> = await probe {
      guard let sample else {
        // One page of everyone's rows: a bounded sample whatever the headcount.
        let answer = try await client.bulkEmploymentHistory(employeeIds: nil, firstPageOnly: true)
        return Self.observation(answer, sampled: answer.value.employeeOrder)
      }
      let answer = try await client.bulkEmploymentHistory(
        employeeIds: sample, until: Self.historyDecided)
      return Self.observation(answer, sampled: sample)
    }.noted {
      sample == nil
        ? "one page of every employee's rows (the search failed): \($0.sampledIds.count) employees"
        : "sampled \($0.sampledIds.count) longest-serving employees"
    }
    return (search, history, rawSync)
  }

  /// The history rule's observation of a bulk-history answer for the `sampled` employees.
  private static func observation(
    _ answer: Recorded<BulkHistory>, sampled: [String]
  ) -> Recorded<HistoryObservation> {
    let value = answer.value
    return Recorded(
      value: HistoryObservation(
        sampledIds: sampled,
        rowsPerEmployee: value.rowsByEmployee.mapValues(\.count),
        errorIds: value.errors.map(\.employeeId),
        noViewHistoryPermission: value.restrictedColumns.noViewHistoryPermission,
        noViewPermission: value.restrictedColumns.noViewPermission),
      records: answer.records)
  }

  /// Whether the history read so far decides the rule, so that no further page is asked for:
  /// an employee with more than one row proves history is visible, and a restricted history
  /// column proves it is not. Only "every employee has one row" needs every page. The sample is
  /// one call (`permission-matrix.md`), and a compliant tenant's first page usually decides it.
  @Sendable static func historyDecided(_ history: BulkHistory) -> Bool {
    !history.restrictedColumns.noViewHistoryPermission.isEmpty
      || history.rowsByEmployee.values.contains { $0.count > 1 }
  }

  private func searchActive() async -> Probe<SearchObservation> {
    await probe {
      var employees: [EmployeeObservation] = []
      let answer = try await client.searchPeople(
        fields: ["root.id"], showInactive: false, humanReadable: nil
      ) { employees.append(EmployeeObservation(id: $0.id, presentFields: [])) }
      return Recorded(
        value: SearchObservation(askedFields: [], employees: employees), records: answer.records)
    }.noted { "showInactive false: \($0.employees.count) employees returned" }
  }

  /// The sync field's list, then (unless read-only) a no-op `PUT` of its first item with its
  /// current name, or a validation-failing `POST` where no item can be used.
  private func syncListThenListWrite(_ plan: ProbePlan) async -> (
    Probe<SyncList>, Probe<WriteProbe>
  ) {
    var list: Probe<SyncList> = .notRun
    if let listId = plan.syncField?.listId {
      list = await probe {
        let answer = try await client.namedList(listId)
        let items = answer.value.allItems.compactMap { item in
          item.label.map { SyncList.Item(id: item.id, label: $0) }
        }
        return Recorded(
          value: SyncList(
            info: ListInfo(name: answer.value.name, itemLabels: items.map(\.label)), items: items),
          records: answer.records)
      }.noted { "list \($0.info.name): \($0.items.count) items" }
    }
    if readOnly { return (list, .notRun) }
    if let value = list.value, let item = value.items.first {
      let write = await writeProbe(.noOpPut, note: "no-op PUT of a list item with its own name") {
        try await client.putListItem(list: value.info.name, itemId: item.id, name: item.label)
      }
      return (list, write)
    }
    let listName: String
    let whose: String
    if let syncList = plan.syncField?.listId {
      (listName, whose) = (syncList, "the sync field's list")
    } else if let fallback = plan.fallbackListName, let field = plan.fallbackListField {
      (listName, whose) = (fallback, "the list of the built-in field \(field)")
    } else {
      (listName, whose) = ("department", "the built-in department list")
    }
    let note =
      "POST with an invalid body to list \(listName) (\(whose)); a 400 or 422 counts as authorised "
      + "only if Hibob checks permission before validation [assumed]"
    let write = await writeProbe(.invalidPost, note: note) {
      try await client.postInvalidListItem(list: listName)
    }
    return (list, write)
  }

  private func fieldSettingsWrite(_ plan: ProbePlan) async -> Probe<WriteProbe> {
    if readOnly { return .notRun }
    if let field = plan.customFieldForWriteProbe {
      return await writeProbe(.noOpPut, note: "no-op PUT of a custom field with its own name") {
        try await client.putField(fieldId: field.id, name: field.name)
      }
    }
    let note =
      "POST with an invalid body to the fields (no custom field to PUT); a 400 or 422 counts as "
      + "authorised only if Hibob checks permission before validation [assumed]"
    return await writeProbe(.invalidPost, note: note) {
      try await client.postInvalidField()
    }
  }

  // MARK: - Plumbing

  /// Runs one probe; failures become `.failed` with the evidence of every attempt.
  private func probe<Value: Sendable & Equatable>(
    _ body: () async throws -> Recorded<Value>
  ) async -> Probe<Value> {
    do {
      let answer = try await body()
      return .ok(answer.value, answer.records.map(Self.evidence))
    } catch let error as HibobAPIError {
      return .failed(Self.failure(error), error.records.map(Self.evidence))
    } catch {
      return .failed(.network("\(error)"), [])
    }
  }

  /// A write probe: every status that says something about authorisation is an answer.
  private func writeProbe(
    _ kind: WriteProbe.Kind, note: String, _ body: () async throws -> Recorded<WriteAnswer>
  ) async -> Probe<WriteProbe> {
    let answered: Set<Int> = [200, 201, 204, 304, 400, 403, 422]
    let result: Probe<WriteProbe> = await probe {
      let answer = try await body()
      return Recorded(
        value: WriteProbe(kind: kind, status: answer.value.status), records: answer.records)
    }.noted { _ in note }
    if case .ok(let value, let evidence) = result, !answered.contains(value.status) {
      return .failed(Self.failure(status: value.status), evidence)
    }
    return result
  }
}

/// The sync field's list as the probes need it: item ids to label raw search values.
struct SyncList: Sendable, Equatable {
  struct Item: Sendable, Equatable {
    var id: String
    var label: String
  }

  var info: ListInfo
  var items: [Item]
}

extension Probe {
  /// The same probe with its value transformed.
  func map<Other>(_ transform: (Value) -> Other) -> Probe<Other> {
    switch self {
    case .ok(let value, let evidence): return .ok(transform(value), evidence)
    case .failed(let failure, let evidence): return .failed(failure, evidence)
    case .notRun: return .notRun
    }
  }
}

extension Probe {
  /// The same probe with a note on its last piece of evidence, made from its value.
  func noted(_ note: (Value) -> String?) -> Probe {
    guard case .ok(let value, var evidence) = self, let last = evidence.indices.last else {
      return self
    }
    evidence[last].note = note(value)
    return .ok(value, evidence)
  }
}
