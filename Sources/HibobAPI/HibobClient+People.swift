import Foundation

/// `humanReadable` of a people search: absent gives machine values (list item ids, ISO dates).
public enum HumanReadable: String, Sendable, Equatable, Codable {
  /// Labels instead of machine values.
  case replace = "REPLACE"
  /// Machine values plus a `humanReadable` object.
  case append = "APPEND"
}

/// The one filter a people search allows: `root.id` or `root.email` equals one of the values.
public enum SearchFilter: Sendable, Equatable {
  case idEquals([String])
  case emailEquals([String])

  var fieldPath: String {
    switch self {
    case .idEquals: return "root.id"
    case .emailEquals: return "root.email"
    }
  }

  var values: [String] {
    switch self {
    case .idEquals(let v), .emailEquals(let v): return v
    }
  }
}

extension HibobClient {
  /// At most this many field ids go into one search call [doc].
  public static let maxFieldsPerSearch = 400

  /// The JSON body of one search call. Never has an empty `filters` key.
  static func searchBody(
    fields: [String], showInactive: Bool, humanReadable: HumanReadable?, filter: SearchFilter?
  ) -> JSONValue {
    var body: [String: JSONValue] = [
      "fields": .array(fields.map(JSONValue.string)),
      "showInactive": .bool(showInactive),
    ]
    if let humanReadable { body["humanReadable"] = .string(humanReadable.rawValue) }
    if let filter, !filter.values.isEmpty {
      body["filters"] = [
        [
          "fieldPath": .string(filter.fieldPath), "operator": "equals",
          "values": .array(filter.values.map(JSONValue.string)),
        ]
      ]
    }
    return .object(body)
  }

  /// Splits field ids (duplicates dropped) into groups of at most 400; when there is more than
  /// one group, each carries `root.id` so the answers can be merged by employee.
  static func fieldGroups(_ fields: [String]) -> [[String]] {
    var seen = Set<String>()
    let unique = fields.filter { seen.insert($0).inserted }
    guard unique.count > maxFieldsPerSearch else { return [unique] }
    let others = unique.filter { $0 != "root.id" }
    let size = maxFieldsPerSearch - 1
    return stride(from: 0, to: others.count, by: size).map { start in
      ["root.id"] + others[start..<min(start + size, others.count)]
    }
  }

  /// `POST /people/search`. More than 400 fields are split over several calls whose answers are
  /// merged by employee id. A filter with no values matches nobody: no call is made and the
  /// answer is empty. Calls wait for the client-side limit (50 a minute).
  public func searchPeople(
    fields: [String], showInactive: Bool, humanReadable: HumanReadable? = nil,
    filter: SearchFilter? = nil
  ) async throws(HibobAPIError) -> Recorded<PeopleSearchResult> {
    var seen = Set<String>()
    let requested = fields.filter { seen.insert($0).inserted }
    if let filter, filter.values.isEmpty {
      return Recorded(
        value: PeopleSearchResult(employees: [], requestedFields: requested), records: [])
    }
    var records: [CallRecord] = []
    var answers: [[SearchedEmployee]] = []
    for group in Self.fieldGroups(requested) {
      let endpoint = Endpoint(
        method: "POST", segments: ["people", "search"],
        body: Self.searchBody(
          fields: group, showInactive: showInactive, humanReadable: humanReadable, filter: filter),
        searchLimited: true)
      do {
        let (employees, record) = try await fetch(
          endpoint, decode: PeopleSearchResult.employees, items: { $0.count })
        records.append(record)
        answers.append(employees)
      } catch {
        throw error.prepending(records)
      }
    }
    let result = PeopleSearchResult(
      employees: PeopleSearchResult.merge(answers), requestedFields: requested)
    return Recorded(value: result, records: records)
  }

  /// `searchPeople` for answers too large to keep whole (tens of thousands of employees): each
  /// employee is handed to `each` as soon as it is parsed, in the answer's order, and no tree of
  /// the whole answer is ever built; returns how many were handed over. The same calls, records
  /// and errors as `searchPeople`, with one difference: when the call then fails (invalid JSON,
  /// an unexpected shape), `each` may already have seen the employees before the fault, so a
  /// caller must drop what it built when this throws. More than 400 fields (several calls merged
  /// by employee) are fetched and merged as `searchPeople` does, then handed over one by one.
  @discardableResult
  public func searchPeople(
    fields: [String], showInactive: Bool, humanReadable: HumanReadable? = nil,
    filter: SearchFilter? = nil, each: (SearchedEmployee) -> Void
  ) async throws(HibobAPIError) -> Recorded<Int> {
    var seen = Set<String>()
    let requested = fields.filter { seen.insert($0).inserted }
    if let filter, filter.values.isEmpty { return Recorded(value: 0, records: []) }
    let groups = Self.fieldGroups(requested)
    guard groups.count == 1 else {
      let merged = try await searchPeople(
        fields: requested, showInactive: showInactive, humanReadable: humanReadable,
        filter: filter)
      for employee in merged.value.employees { each(employee) }
      return Recorded(value: merged.value.employees.count, records: merged.records)
    }
    let endpoint = Endpoint(
      method: "POST", segments: ["people", "search"],
      body: Self.searchBody(
        fields: groups[0], showInactive: showInactive, humanReadable: humanReadable,
        filter: filter),
      searchLimited: true)
    let (response, record) = try await sendExpectingSuccess(endpoint)
    try requireJSON(response, record: record)
    var count = 0
    var itemError: ShapeError?
    let top: JSONParser.StreamedTop
    do throws(JSONParseError) {
      top = try JSONParser.forEachElement(ofArray: "employees", in: response.body) { item in
        // After a bad employee nothing more is handed over; the document is still read to the
        // end so that invalid JSON is reported first, as `searchPeople` does.
        guard itemError == nil else { return }
        do throws(ShapeError) {
          let employee = try SearchedEmployee(json: item)
          count += 1
          each(employee)
        } catch {
          itemError = error
        }
      }
    } catch {
      throw invalidJSON(error, response, record: record)
    }
    let shapeError: ShapeError
    switch top {
    case .objectWithArray:
      guard let itemError else {
        // A padded body is not "no employee visible" (the same rule as `searchPeople`).
        if let kind = Self.unexplainedSize(response.body.count, items: count) {
          throw HibobAPIError(kind, records: [record])
        }
        return Recorded(value: count, records: [record])
      }
      shapeError = itemError
    case .objectWithoutKey:
      shapeError = ShapeError("the search answer has no 'employees'")
    case .objectWithOther(let value):
      shapeError = ShapeError("'employees' is \(value.typeName), not an array")
    case .notObject(let value):
      shapeError = ShapeError("the search answer is \(value.typeName), not an object")
    }
    throw HibobAPIError(
      .invalidResponse("unexpected JSON shape: \(shapeError.reason)"), records: [record])
  }

  /// `POST /people/{idOrEmail}` with `{fields, humanReadable}`. The recorded path shows
  /// `{email}` instead of an email address.
  public func employee(
    idOrEmail: String, fields: [String], humanReadable: HumanReadable? = nil
  ) async throws(HibobAPIError) -> Recorded<SearchedEmployee> {
    let recordPath = idOrEmail.contains("@") ? "/people/{email}" : nil
    var records: [CallRecord] = []
    var answers: [[SearchedEmployee]] = []
    for group in Self.fieldGroups(fields) {
      var body: [String: JSONValue] = ["fields": .array(group.map(JSONValue.string))]
      if let humanReadable { body["humanReadable"] = .string(humanReadable.rawValue) }
      let endpoint = Endpoint(
        method: "POST", segments: ["people", idOrEmail], body: .object(body), recordPath: recordPath
      )
      do {
        let (employee, record) = try await fetch(endpoint, decode: Self.singleEmployee)
        records.append(record)
        answers.append([employee])
      } catch {
        throw error.prepending(records)
      }
    }
    guard let merged = PeopleSearchResult.merge(answers).first else {
      throw HibobAPIError(.invalidResponse("no employee in the answer"), records: records)
    }
    return Recorded(value: merged, records: records)
  }

  /// The employee object itself, or wrapped as `{"employee": {...}}` or `{"employees": [one]}`
  /// [assumed tolerance].
  static func singleEmployee(_ json: JSONValue) throws(ShapeError) -> SearchedEmployee {
    if case .object(let o) = json {
      if case .object? = o["employee"], let inner = o["employee"] {
        return try SearchedEmployee(json: inner)
      }
      if case .array(let list)? = o["employees"], o["id"] == nil {
        guard list.count == 1 else {
          throw ShapeError("'employees' has \(list.count) entries, not 1")
        }
        return try SearchedEmployee(json: list[0])
      }
    }
    return try SearchedEmployee(json: json)
  }
}

extension HibobAPIError {
  /// The same error with earlier calls' records in front of its own.
  func prepending(_ earlier: [CallRecord]) -> HibobAPIError {
    var copy = self
    copy.records = earlier + records
    return copy
  }
}
