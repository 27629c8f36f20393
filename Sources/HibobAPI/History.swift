import Foundation

/// The history tables Hibob serves per employee and in bulk.
public enum HistoryTable: String, Sendable, CaseIterable, Codable {
  case employment, work, lifecycle
}

/// One row of a history table. Rows of different tables have different columns: the common ones
/// are decoded, every column is in `columns`.
public struct HistoryRow: Sendable, Equatable {
  /// The row id (string or number in the JSON, kept as text), when present.
  public var id: String?
  public var effectiveDate: String?
  public var isCurrent: Bool?
  /// Every column as it came (restricted columns are `null`).
  public var columns: [String: JSONValue]

  public init(
    id: String? = nil, effectiveDate: String? = nil, isCurrent: Bool? = nil,
    columns: [String: JSONValue] = [:]
  ) {
    self.id = id
    self.effectiveDate = effectiveDate
    self.isCurrent = isCurrent
    self.columns = columns
  }

  init(json: JSONValue) throws(ShapeError) {
    let o = try json.object("a history row")
    id = o["id"]?.idString
    effectiveDate = o["effectiveDate"]?.stringValue
    isCurrent = o["isCurrent"]?.boolValue
    columns = o
  }

  static func values(_ json: JSONValue) throws(ShapeError) -> [HistoryRow] {
    let o = try json.object("the history answer")
    guard let values = o["values"] else { throw ShapeError("the history answer has no 'values'") }
    var rows: [HistoryRow] = []
    for row in try values.array("'values'") { rows.append(try HistoryRow(json: row)) }
    return rows
  }
}

/// An employee the bulk endpoint refused (outside the service user's scope, say).
public struct BulkHistoryError: Sendable, Equatable, Codable {
  public var employeeId: String
  /// Hibob's message, at most 128 characters.
  public var error: String?

  public init(employeeId: String, error: String?) {
    self.employeeId = employeeId
    self.error = error
  }
}

/// Columns withheld by field-level permissions.
public struct RestrictedColumns: Sendable, Equatable, Codable {
  public var noViewPermission: [String]
  public var noViewHistoryPermission: [String]

  public init(noViewPermission: [String] = [], noViewHistoryPermission: [String] = []) {
    self.noViewPermission = noViewPermission
    self.noViewHistoryPermission = noViewHistoryPermission
  }

  public var isEmpty: Bool { noViewPermission.isEmpty && noViewHistoryPermission.isEmpty }
}

/// Everything the bulk history calls of one request returned, pages and id chunks merged.
public struct BulkHistory: Sendable, Equatable {
  public var table: HistoryTable
  /// Rows per employee id, in the order the rows came.
  public var rowsByEmployee: [String: [HistoryRow]]
  /// Employee ids in the order they first appeared.
  public var employeeOrder: [String]
  public var errors: [BulkHistoryError]
  /// The union of every page's `restricted_columns`, without duplicates.
  public var restrictedColumns: RestrictedColumns
  /// Whether any page carried `X-Has-Restricted-Columns: true`.
  public var hasRestrictedColumnsHeader: Bool

  public init(table: HistoryTable) {
    self.table = table
    rowsByEmployee = [:]
    employeeOrder = []
    errors = []
    restrictedColumns = RestrictedColumns()
    hasRestrictedColumnsHeader = false
  }

  /// Rows of one employee (empty when none came).
  public func rows(for employeeId: String) -> [HistoryRow] { rowsByEmployee[employeeId] ?? [] }

  mutating func add(rows: [HistoryRow], for employeeId: String) {
    if rowsByEmployee[employeeId] == nil { employeeOrder.append(employeeId) }
    rowsByEmployee[employeeId, default: []].append(contentsOf: rows)
  }

  mutating func add(restricted: RestrictedColumns) {
    for column in restricted.noViewPermission
    where !restrictedColumns.noViewPermission.contains(column) {
      restrictedColumns.noViewPermission.append(column)
    }
    for column in restricted.noViewHistoryPermission
    where !restrictedColumns.noViewHistoryPermission.contains(column) {
      restrictedColumns.noViewHistoryPermission.append(column)
    }
  }
}

/// One page of `GET /bulk/people/{table}`.
struct BulkHistoryPage {
  /// A list of column names under `restricted_columns`: absent or null is none; anything but an
  /// array of strings is a shape error.
  static func columns(_ value: JSONValue?, _ key: String) throws(ShapeError) -> [String] {
    switch value {
    case nil, .null?: return []
    case .array(let items)?:
      var names: [String] = []
      for item in items {
        guard case .string(let name) = item else {
          throw ShapeError("an entry of 'restricted_columns.\(key)' is \(item.typeName)")
        }
        names.append(name)
      }
      return names
    case let other?:
      throw ShapeError("'restricted_columns.\(key)' is \(other.typeName), not an array")
    }
  }

  var results: [(employeeId: String, rows: [HistoryRow])]
  var errors: [BulkHistoryError]
  var restricted: RestrictedColumns
  var nextCursor: String?

  init(json: JSONValue) throws(ShapeError) {
    let o = try json.object("the bulk history answer")
    guard let rawResults = o["results"] else {
      throw ShapeError("the bulk history answer has no 'results'")
    }
    results = []
    for entry in try rawResults.array("'results'") {
      let e = try entry.object("a bulk result")
      let id = try e.requiredID("employeeId", in: "a bulk result")
      var rows: [HistoryRow] = []
      if let values = e["values"], values != .null {
        for row in try values.array("'values' of employee \(id)") {
          rows.append(try HistoryRow(json: row))
        }
      }
      results.append((id, rows))
    }
    errors = []
    if let rawErrors = o["errors"], rawErrors != .null {
      for entry in try rawErrors.array("'errors'") {
        switch entry {
        case .object(let e):
          let id = e["employeeId"]?.idString ?? ""
          let message = (e["error"]?.stringValue ?? e["message"]?.stringValue)?.truncated(to: 128)
          errors.append(BulkHistoryError(employeeId: id, error: message))
        case .string(let id), .number(let id):
          errors.append(BulkHistoryError(employeeId: id, error: nil))
        default:
          throw ShapeError("an entry of 'errors' is \(entry.typeName)")
        }
      }
    }
    // A restriction of another shape must not read as "no restriction": that would prove a
    // history the caller may not see.
    restricted = RestrictedColumns()
    switch o["restricted_columns"] {
    case nil, .null?: break
    case .object(let r)?:
      restricted.noViewPermission = try Self.columns(r["no_view_permission"], "no_view_permission")
      restricted.noViewHistoryPermission = try Self.columns(
        r["no_view_history_permission"], "no_view_history_permission")
    case let other?:
      throw ShapeError("'restricted_columns' is \(other.typeName), not an object")
    }
    switch o["response_metadata"]?["next_cursor"] {
    case .string(let cursor)? where !cursor.isEmpty: nextCursor = cursor
    case .number(let cursor)?: nextCursor = cursor
    default: nextCursor = nil
    }
  }
}
