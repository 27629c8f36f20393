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

/// The answer to a write probe: the status is the finding (200/201/204/304: allowed and done or
/// unchanged; 400/422: allowed but invalid; 403: not allowed; 404: no such item).
public struct WriteAnswer: Sendable, Equatable {
  public var status: Int
  /// Hibob's `error` text, at most 128 characters.
  public var serverMessage: String?

  public init(status: Int, serverMessage: String? = nil) {
    self.status = status
    self.serverMessage = serverMessage
  }
}

extension HibobClient {
  /// At most this many field ids go into one search call [doc].
  public static let maxFieldsPerSearch = 400
  /// At most this many employee ids go into one bulk history call [doc].
  public static let maxIdsPerBulkCall = 200
  /// A guard against a cursor that never ends.
  static let maxBulkPages = 10_000

  // MARK: Field metadata

  /// `GET /company/people/fields`. Needs no permission: proves the credentials only.
  public func fieldMetadata() async throws(HibobAPIError) -> Recorded<[FieldMetadata]> {
    let endpoint = Endpoint(method: "GET", segments: ["company", "people", "fields"])
    let (fields, record) = try await fetch(endpoint, decode: FieldMetadata.list)
    return Recorded(value: fields, records: [record])
  }

  // MARK: People

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
        let (employees, record) = try await fetch(endpoint, decode: PeopleSearchResult.employees)
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

  // MARK: History

  /// `GET /people/{id}/{employment|work|lifecycle}` -> `{"values": [...]}`.
  public func history(
    _ table: HistoryTable, employeeId: String
  ) async throws(HibobAPIError) -> Recorded<[HistoryRow]> {
    let endpoint = Endpoint(method: "GET", segments: ["people", employeeId, table.rawValue])
    let (rows, record) = try await fetch(endpoint, decode: HistoryRow.values)
    return Recorded(value: rows, records: [record])
  }

  /// `GET /bulk/people/employment` for the given employees (see `bulkHistory`).
  public func bulkEmploymentHistory(
    employeeIds: [String]?, limit: Int = 200
  ) async throws(HibobAPIError) -> Recorded<BulkHistory> {
    try await bulkHistory(.employment, employeeIds: employeeIds, limit: limit)
  }

  /// `GET /bulk/people/{table}?limit=&employeeIds=a,b&cursor=`: ids go at most 200 a call,
  /// `next_cursor` is followed to the end, rows are merged by employee, `errors` and
  /// `restricted_columns` collected. `employeeIds: nil` asks for every employee; an empty list
  /// makes no call. `limit` (rows a page, 1...200) is clamped.
  public func bulkHistory(
    _ table: HistoryTable, employeeIds: [String]?, limit: Int = 200
  ) async throws(HibobAPIError) -> Recorded<BulkHistory> {
    var result = BulkHistory(table: table)
    var records: [CallRecord] = []
    let pageLimit = min(max(limit, 1), 200)
    let chunks: [[String]?]
    if let employeeIds {
      var seen = Set<String>()
      let unique = employeeIds.filter { seen.insert($0).inserted }
      chunks = stride(from: 0, to: unique.count, by: Self.maxIdsPerBulkCall).map {
        Array(unique[$0..<min($0 + Self.maxIdsPerBulkCall, unique.count)])
      }
    } else {
      chunks = [nil]
    }
    for chunk in chunks {
      var cursor: String? = nil
      var seenCursors = Set<String>()
      for _ in 0..<Self.maxBulkPages {
        var query = [URLQueryItem(name: "limit", value: String(pageLimit))]
        if let chunk {
          query.append(URLQueryItem(name: "employeeIds", value: chunk.joined(separator: ",")))
        }
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        let endpoint = Endpoint(
          method: "GET", segments: ["bulk", "people", table.rawValue], query: query)
        let page: BulkHistoryPage
        let restrictedHeader: Bool
        do {
          let (fetched, header, record) = try await bulkPage(endpoint)
          records.append(record)
          page = fetched
          restrictedHeader = header
        } catch {
          throw error.prepending(records)
        }
        for entry in page.results { result.add(rows: entry.rows, for: entry.employeeId) }
        result.errors.append(contentsOf: page.errors)
        result.add(restricted: page.restricted)
        result.hasRestrictedColumnsHeader = result.hasRestrictedColumnsHeader || restrictedHeader
        guard let next = page.nextCursor else { break }
        guard seenCursors.insert(next).inserted else {
          throw HibobAPIError(
            .invalidResponse("the bulk answer repeated a cursor: paging would never end"),
            records: records)
        }
        cursor = next
      }
    }
    if result.hasRestrictedColumnsHeader && result.restrictedColumns.noViewPermission.isEmpty
      && result.restrictedColumns.noViewHistoryPermission.isEmpty
    {
      // The header says columns are restricted, the body names none: which rows are whole
      // cannot be told.
      throw HibobAPIError(
        .invalidResponse(
          "X-Has-Restricted-Columns is true but 'restricted_columns' names no column"),
        records: records)
    }
    return Recorded(value: result, records: records)
  }

  /// One bulk page, with whether it carried `X-Has-Restricted-Columns: true`.
  private func bulkPage(
    _ endpoint: Endpoint
  ) async throws(HibobAPIError) -> (BulkHistoryPage, Bool, CallRecord) {
    let (response, record) = try await send(endpoint)
    guard (200...299).contains(response.status) else {
      throw HibobAPIError(
        Self.errorKind(for: response), records: [record],
        serverMessage: serverMessage(response))
    }
    let json = try parseBody(response, record: record)
    do {
      let page = try BulkHistoryPage(json: json)
      let header = response.header("x-has-restricted-columns")?.lowercased() == "true"
      return (page, header, record)
    } catch {
      throw HibobAPIError(
        .invalidResponse("unexpected JSON shape: \(error.reason)"), records: [record])
    }
  }

  // MARK: Named lists

  /// `GET /company/named-lists?includeArchived=...` -> a top-level JSON array of lists.
  public func namedLists(includeArchived: Bool = false) async throws(HibobAPIError) -> Recorded<
    [NamedList]
  > {
    let endpoint = Endpoint(
      method: "GET", segments: ["company", "named-lists"],
      query: [URLQueryItem(name: "includeArchived", value: includeArchived ? "true" : "false")])
    let (lists, record) = try await fetch(endpoint) { json throws(ShapeError) in
      var lists: [NamedList] = []
      for item in try json.array("the named lists answer") {
        lists.append(try NamedList(json: item))
      }
      return lists
    }
    return Recorded(value: lists, records: [record])
  }

  /// `GET /company/named-lists/{listName}` (the name is case-sensitive; a wrong case is 404).
  public func namedList(_ name: String) async throws(HibobAPIError) -> Recorded<NamedList> {
    let endpoint = Endpoint(method: "GET", segments: ["company", "named-lists", name])
    let (list, record) = try await fetch(endpoint) { json throws(ShapeError) in
      try NamedList(json: json)
    }
    return Recorded(value: list, records: [record])
  }

  // MARK: Write probes

  /// No-op `PUT /company/named-lists/{list}/{itemId}` `{"name": name}`: send the item's current
  /// name so that nothing changes.
  public func putListItem(list: String, itemId: String, name: String) async throws(HibobAPIError)
    -> Recorded<WriteAnswer>
  {
    try await write(
      Endpoint(
        method: "PUT", segments: ["company", "named-lists", list, itemId],
        body: ["name": .string(name)]))
  }

  /// No-op `PUT /company/people/fields/{fieldId}` `{"name": name}` with the field's current name.
  public func putField(fieldId: String, name: String) async throws(HibobAPIError) -> Recorded<
    WriteAnswer
  > {
    try await write(
      Endpoint(
        method: "PUT", segments: ["company", "people", "fields", fieldId],
        body: ["name": .string(name)]))
  }

  /// `POST /company/people/fields` with `{}`, which fails validation: 400/422 means the caller
  /// was authorised [assumed: authorisation precedes validation], 403 that it was not.
  public func postInvalidField() async throws(HibobAPIError) -> Recorded<WriteAnswer> {
    try await write(Endpoint(method: "POST", segments: ["company", "people", "fields"], body: [:]))
  }

  /// `POST /company/named-lists/{list}` with `{}`, which fails validation (see
  /// `postInvalidField`).
  public func postInvalidListItem(list: String) async throws(HibobAPIError) -> Recorded<WriteAnswer>
  {
    try await write(
      Endpoint(method: "POST", segments: ["company", "named-lists", list], body: [:]))
  }

  /// Sends a write probe. Every 2xx, 304 and 4xx other than 401 and 429 is an answer; 401,
  /// redirects, 5xx after retries and transport failures are thrown. A 2xx with a body that is
  /// not JSON (an HTML page from an unknown path) or not valid JSON (a corrupted answer) is
  /// `invalidResponse`: such an answer proves nothing about authorisation.
  func write(_ endpoint: Endpoint) async throws(HibobAPIError) -> Recorded<WriteAnswer> {
    let (response, record) = try await send(endpoint)
    let status = response.status
    if (200...299).contains(status) {
      if !response.body.isEmpty {
        _ = try parseBody(response, record: record)
      }
      return Recorded(value: WriteAnswer(status: status), records: [record])
    }
    let isAnswer = status == 304 || ((400...499).contains(status) && status != 401 && status != 429)
    guard isAnswer else {
      throw HibobAPIError(
        Self.errorKind(for: response), records: [record],
        serverMessage: serverMessage(response))
    }
    return Recorded(
      value: WriteAnswer(status: status, serverMessage: serverMessage(response)),
      records: [record])
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
