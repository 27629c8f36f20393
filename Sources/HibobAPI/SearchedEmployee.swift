import Foundation

/// What a search answer says about one field of one employee.
public enum FieldLookup: Sendable, Equatable {
  /// The key is not there: the caller may not see the field (or it does not exist).
  case absent
  /// The key is there with `null`: the caller may see the field, which is empty.
  case null
  case value(JSONValue)

  /// Visible means present, even when null.
  public var isPresent: Bool { self != .absent }

  public var value: JSONValue? {
    if case .value(let v) = self { return v }
    return nil
  }
}

/// One employee of a people-search (or single-employee) answer, as it came.
public struct SearchedEmployee: Sendable, Equatable {
  /// The employee id (top-level `id`, else `/root/id`, else `root.id`).
  public var id: String
  /// The employee object as received.
  public var raw: [String: JSONValue]

  public init(id: String, raw: [String: JSONValue]) {
    self.id = id
    self.raw = raw
  }

  init(json: JSONValue) throws(ShapeError) {
    let o = try json.object("an employee")
    let probe = SearchedEmployee(id: "", raw: o)
    guard let id = probe.lookup("root.id").value?.idString else {
      throw ShapeError("an employee has no 'id'")
    }
    self.id = id
    self.raw = o
  }

  /// Reads a field by its id from either key style:
  /// - slash keys: `"/work/startDate": {"value": ...}` (Hibob sends them for non-null values);
  /// - nested objects following the id's path: `work.custom.field_1` at
  ///   `{"work":{"custom":{"field_1": ...}}}`;
  /// - for `root.*` (Basic info) fields, flat at the top level under their `jsonPath`
  ///   (`"email"`, `"firstName"`, `"state"` for `root.state`): a real tenant sends no nested
  ///   `root` object at all [seen], older answers sent both.
  ///
  /// A value found anywhere wins over a `null`; `absent` only when no style has the key.
  /// For many employees, build each `FieldPath` once and call `lookup(_: FieldPath)`.
  public func lookup(_ fieldId: String) -> FieldLookup {
    lookup(FieldPath(fieldId))
  }

  /// `lookup(_:)` with the field id's keys worked out beforehand.
  public func lookup(_ path: FieldPath) -> FieldLookup {
    guard !path.parts.isEmpty else { return .absent }
    var sawNull = false

    if let slash = raw[path.slashKey] {
      switch slash {
      case .null: sawNull = true
      case .object(let o):
        switch o["value"] {
        case nil, .null?: sawNull = true
        case let v?: return .value(v)
        }
      default: return .value(slash)
      }
    }

    switch Self.walk(raw, path.parts[...]) {
    case .value(let v): return .value(v)
    case .null: sawNull = true
    case .absent: break
    }

    if let flat = path.rootFlatKey {
      switch raw[flat] {
      case nil: break
      case .null?: sawNull = true
      case let v?: return .value(v)
      }
    }
    return sawNull ? .null : .absent
  }

  private static func walk(_ object: [String: JSONValue], _ path: ArraySlice<String>) -> FieldLookup
  {
    guard let first = path.first, let next = object[first] else { return .absent }
    if path.count == 1 { return next == .null ? .null : .value(next) }
    guard case .object(let inner) = next else { return .absent }
    return walk(inner, path.dropFirst())
  }
}

/// A field id split into the keys `SearchedEmployee.lookup` reads: build it once per field, not
/// once per employee.
public struct FieldPath: Sendable, Hashable {
  public let fieldId: String
  /// The id's dot-separated parts; empty when the id is malformed (an empty part).
  let parts: [String]
  /// `/work/startDate` for `work.startDate`.
  let slashKey: String
  /// `email` for `root.email`: Basic info fields sit flat at the top level.
  let rootFlatKey: String?

  /// - Parameters:
  ///   - fieldId: the field's id (`work.startDate`, `root.state`).
  ///   - jsonPath: the field's `jsonPath` from the metadata, when known. For a `root.*` field
  ///     its last component is the flat top-level key (`state` for `root.state`, whose
  ///     `jsonPath` is `state` on a real tenant [seen]); without it, the id's second part.
  public init(_ fieldId: String, jsonPath: String? = nil) {
    self.fieldId = fieldId
    let split = fieldId.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    parts = split.contains(where: \.isEmpty) ? [] : split
    slashKey = "/" + parts.joined(separator: "/")
    if parts.first == "root" {
      let flat = jsonPath?.split(separator: ".").last.map(String.init)
      rootFlatKey = flat ?? (parts.count == 2 ? parts[1] : nil)
    } else {
      rootFlatKey = nil
    }
  }
}

/// The id an employee-reference value names: the value itself when it is a string (or number),
/// else its `id` key when it is an object. Accepts both shapes [assumed].
public func referencedEmployeeId(_ value: JSONValue) -> String? {
  switch value {
  case .string(let s): return s.isEmpty ? nil : s
  case .number(let n): return n
  case .object(let o): return o["id"]?.idString.flatMap { $0.isEmpty ? nil : $0 }
  default: return nil
  }
}

/// A people-search answer, every call of a split request merged.
public struct PeopleSearchResult: Sendable, Equatable {
  /// Employees in the order the first call returned them (later calls append new ones).
  public var employees: [SearchedEmployee]
  /// The field ids that were asked for, in order, without duplicates.
  public var requestedFields: [String]

  public init(employees: [SearchedEmployee], requestedFields: [String]) {
    self.employees = employees
    self.requestedFields = requestedFields
  }

  static func employees(_ json: JSONValue) throws(ShapeError) -> [SearchedEmployee] {
    let o = try json.object("the search answer")
    guard let list = o["employees"] else {
      throw ShapeError("the search answer has no 'employees'")
    }
    var result: [SearchedEmployee] = []
    let items = try list.array("'employees'")
    result.reserveCapacity(items.count)
    for item in items { result.append(try SearchedEmployee(json: item)) }
    return result
  }

  /// Merges answers to the same search with different fields, by employee id. Nested objects
  /// are merged key by key; a value wins over a null.
  static func merge(_ answers: [[SearchedEmployee]]) -> [SearchedEmployee] {
    guard var merged = answers.first else { return [] }
    // One answer (every search of at most 400 fields) is returned as it came: no index of
    // tens of thousands of ids to build for nothing.
    if answers.count == 1 { return merged }
    var index: [String: Int] = [:]
    for (i, e) in merged.enumerated() where index[e.id] == nil { index[e.id] = i }
    for answer in answers.dropFirst() {
      for employee in answer {
        if let i = index[employee.id] {
          merged[i].raw = mergeObjects(merged[i].raw, employee.raw)
        } else {
          index[employee.id] = merged.count
          merged.append(employee)
        }
      }
    }
    return merged
  }

  static func mergeObjects(_ a: [String: JSONValue], _ b: [String: JSONValue]) -> [String:
    JSONValue]
  {
    var result = a
    for (key, new) in b {
      switch (result[key], new) {
      case (nil, _), (.null?, _): result[key] = new
      case (.object(let x)?, .object(let y)): result[key] = .object(mergeObjects(x, y))
      default: break
      }
    }
    return result
  }
}
