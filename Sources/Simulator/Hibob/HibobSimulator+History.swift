import Foundation
import LoopbackHTTP

extension HibobSimulator {
  /// Bulk history: `limit` counts rows, 1...200, default 50; at most 200 `employeeIds`.
  public static let bulkDefaultLimit = 50
  public static let bulkMaxLimit = 200
  public static let bulkMaxEmployeeIds = 200

  /// Every row of one employee's history table, oldest first, each with `id` and `isCurrent`.
  /// A table the tenant leaves out gets rows built from the employee's fields.
  func allRows(_ index: Int, table: String, today: String) -> [JSONValue] {
    let employee = tenant.employees[index]
    let given = employee.history[table] ?? defaultRows(employee, table: table)
    let dates = given.map { $0["effectiveDate"]?.stringValue ?? "" }
    // The current row: the latest one in effect today, else (all in the future) the first.
    var current: Int?
    for (i, date) in dates.enumerated() where date <= today {
      if let c = current, dates[c] > date { continue }
      current = i
    }
    return given.enumerated().map { i, row in
      guard case .object(var pairs) = row else { return row }
      if !pairs.contains(where: { $0.0 == "id" }) {
        pairs.insert(("id", .number(Double(1_000_000_000 + index * 100 + i))), at: 0)
      }
      if !pairs.contains(where: { $0.0 == "isCurrent" }) {
        pairs.append(("isCurrent", .bool(i == (current ?? 0))))
      }
      return .object(pairs)
    }
  }

  private func defaultRows(_ employee: Employee, table: String) -> [JSONValue] {
    let start = employee.fields["work.startDate"]?.stringValue ?? "2020-01-01"
    func field(_ id: String) -> JSONValue { employee.fields[id] ?? .null }
    switch table {
    case "employment":
      return [
        .object([
          ("effectiveDate", .string(start)),
          ("contract", employee.fields["payroll.employment.contract"] ?? .string("Full time")),
          ("type", field("payroll.employment.type")),
          ("weeklyHours", field("payroll.employment.weeklyHours")), ("fte", .number(1)),
        ])
      ]
    case "work":
      return [
        .object([
          ("effectiveDate", .string(start)), ("title", field("work.title")),
          ("department", field("work.department")),
          ("site", field("work.siteId").stringValue.map { .string(siteName($0)) } ?? .null),
          ("siteId", field("work.siteId")),
          ("reportsTo", field("work.reportsTo")),
        ])
      ]
    default:
      var rows: [JSONValue] = [
        .object([
          ("effectiveDate", .string(start)),
          ("status", .string(employee.lifecycleStatus == .hired ? "hired" : "employed")),
          ("reason", .null), ("reasonType", .null),
        ])
      ]
      if employee.lifecycleStatus == .terminated {
        let end = employee.fields["internal.terminationDate"]?.stringValue ?? start
        rows.append(
          .object([
            ("effectiveDate", .string(end)), ("status", .string("terminated")),
            ("reason", .string("Resignation")), ("reasonType", .string("voluntary")),
          ]))
      }
      return rows
    }
  }

  /// The name of item `id` of list `site` (the id when unknown).
  private func siteName(_ id: String) -> String {
    let lists = state.withLock { $0.lists }
    return Access.labels(lists.filter { $0.name == "site" })["site"]?[id] ?? id
  }

  /// The rows the group may see: every row with the section history, the current row with the
  /// section only, `nil` with neither (or when the employee is invisible).
  func visibleRows(_ index: Int, table: String, today: String) -> [JSONValue]? {
    guard access.isVisible(index), let section = Tenant.historyTables[table] else { return nil }
    let full = access.histories[index].contains(section)
    guard full || access.sections[index].contains(section) else { return nil }
    let rows = allRows(index, table: table, today: today)
    let shown = full ? rows : rows.filter { $0["isCurrent"] == .bool(true) }
    return shown.map { restrict($0, table: table) }
  }

  /// Field-level permissions (beta): restricted columns come back `null`.
  private func restrict(_ row: JSONValue, table: String) -> JSONValue {
    let noView = access.noViewColumns[table] ?? []
    let noHistory = access.noViewHistoryColumns[table] ?? []
    guard !noView.isEmpty || !noHistory.isEmpty, case .object(let pairs) = row else { return row }
    let isCurrent = row["isCurrent"] == .bool(true)
    return .object(
      pairs.map { key, value in
        if noView.contains(key) || (!isCurrent && noHistory.contains(key)) { return (key, .null) }
        return (key, value)
      })
  }

  /// `X-Has-Restricted-Columns` and the `restricted_columns` object, when columns are restricted.
  private func restrictedColumns(_ table: String) -> (JSONValue, [(String, String)])? {
    let noView = access.noViewColumns[table] ?? []
    let noHistory = access.noViewHistoryColumns[table] ?? []
    guard !noView.isEmpty || !noHistory.isEmpty else { return nil }
    return (
      .object([
        ("no_view_permission", .array(noView.map(JSONValue.string))),
        ("no_view_history_permission", .array(noHistory.map(JSONValue.string))),
      ]), [("X-Has-Restricted-Columns", "true")]
    )
  }

  // MARK: GET /people/{id}/{table}

  func employeeHistory(_ id: String, table: String) -> ServerResponse {
    guard let index = employeeIndex[id], access.isVisible(index) else {
      return Responses.notFound("employee")
    }
    guard let rows = visibleRows(index, table: table, today: today()) else {
      return Responses.forbiddenTable()
    }
    var pairs: [(String, JSONValue)] = [("values", .array(rows))]
    var headers: [(String, String)] = []
    if let (columns, extra) = restrictedColumns(table) {
      pairs.append(("restricted_columns", columns))
      headers = extra
    }
    return Responses.ok(.object(pairs), headers: headers)
  }

  // MARK: GET /bulk/people/{table}

  func bulkHistory(_ table: String, query: [String: String]) -> ServerResponse {
    guard let section = Tenant.historyTables[table], access.mayReadTable(section) else {
      return Responses.forbiddenTable()
    }
    var limit = HibobSimulator.bulkDefaultLimit
    if let text = query["limit"] {
      guard let n = Int(text), (1...HibobSimulator.bulkMaxLimit).contains(n) else {
        return Responses.badRequest("limit must be between 1 and \(HibobSimulator.bulkMaxLimit)")
      }
      limit = n
    }
    var offset = 0
    if let cursor = query["cursor"], !cursor.isEmpty {
      guard let n = HibobSimulator.decodeCursor(cursor) else {
        return Responses.badRequest("invalid cursor")
      }
      offset = n
    }
    var requested: [String]?
    if let text = query["employeeIds"], !text.isEmpty {
      var seen: Set<String> = []
      let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && seen.insert($0).inserted }
      if ids.count > HibobSimulator.bulkMaxEmployeeIds {
        return Responses.badRequest(
          "at most \(HibobSimulator.bulkMaxEmployeeIds) employeeIds can be requested")
      }
      requested = ids
    }
    let today = today()
    var flat: [(String, JSONValue)] = []
    var errors: [JSONValue] = []
    if let requested {
      for id in requested {
        if let index = employeeIndex[id], let rows = visibleRows(index, table: table, today: today)
        {
          flat += rows.map { (id, $0) }
        } else {
          errors.append(
            .object([
              ("employeeId", .string(id)),
              ("error", .string("employee not found or not accessible to this service user")),
            ]))
        }
      }
    } else {
      for (index, employee) in tenant.employees.enumerated() {
        if let rows = visibleRows(index, table: table, today: today) {
          flat += rows.map { (employee.id, $0) }
        }
      }
    }
    let page = flat[min(offset, flat.count)..<min(offset + limit, flat.count)]
    var results: [JSONValue] = []
    var currentId: String?
    var currentRows: [JSONValue] = []
    func flush() {
      if let currentId {
        results.append(
          .object([("employeeId", .string(currentId)), ("values", .array(currentRows))]))
      }
    }
    for (id, row) in page {
      if id != currentId {
        flush()
        currentId = id
        currentRows = []
      }
      currentRows.append(row)
    }
    flush()
    let next: JSONValue =
      offset + limit < flat.count ? .string(HibobSimulator.encodeCursor(offset + limit)) : .null
    var pairs: [(String, JSONValue)] = [
      ("results", .array(results)), ("response_metadata", .object([("next_cursor", next)])),
    ]
    // Errors are listed once, on the first page [assumed].
    if offset == 0 && !errors.isEmpty { pairs.append(("errors", .array(errors))) }
    var headers: [(String, String)] = []
    if let (columns, extra) = restrictedColumns(table) {
      pairs.append(("restricted_columns", columns))
      headers = extra
    }
    return Responses.ok(.object(pairs), headers: headers)
  }

  static func encodeCursor(_ offset: Int) -> String {
    Data("rows:\(offset)".utf8).base64EncodedString()
  }

  static func decodeCursor(_ cursor: String) -> Int? {
    guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
      text.hasPrefix("rows:"), let n = Int(text.dropFirst(5)), n >= 0
    else { return nil }
    return n
  }
}
