import Foundation
import HibobAPI
import PermissionRules

/// Pure conversions from the client's answers to the rules' observations.
extension ProbeSession {
  static func fieldInfo(_ field: FieldMetadata) -> FieldInfo {
    FieldInfo(field)
  }

  /// The keys of every field the full search reads, worked out once a search rather than once an
  /// employee.
  struct SearchPaths {
    var asked: [FieldPath]
    var references: [FieldPath]
    var email: FieldPath
    var startDate: FieldPath
    var sync: FieldPath?

    /// Each path with the field's `jsonPath`, so that a Basic info field is looked for flat at
    /// the employee's top level under the key the metadata names (`state` for `root.state`).
    init(_ plan: ProbePlan) {
      func path(_ id: String) -> FieldPath { FieldPath(id, jsonPath: plan.jsonPaths[id]) }
      asked = plan.askedFields.map { path($0.fieldId) }
      references = plan.referenceFields.map(path)
      email = path(ProbePlan.emailField)
      startDate = path(ProbePlan.startDateField)
      sync = plan.syncField.map { path($0.id) }
    }
  }

  /// One employee reduced to ids, booleans and field-id sets: no personal data is kept.
  static func observe(_ employee: SearchedEmployee, plan: ProbePlan) -> EmployeeObservation {
    observe(employee, paths: SearchPaths(plan))
  }

  static func observe(_ employee: SearchedEmployee, paths: SearchPaths) -> EmployeeObservation {
    var sets = PresentFieldSets()
    return observe(employee, paths: paths, sets: &sets)
  }

  /// Employees of one search mostly show the same asked fields: each distinct combination's set
  /// is built once and shared (a set is copy-on-write), instead of one set of some 35 strings
  /// hashed and stored per employee.
  struct PresentFieldSets {
    private var byPattern: [UInt64: Set<String>] = [:]

    /// The set of `paths[i].fieldId` for every bit `i` of `pattern`.
    mutating func set(_ pattern: UInt64, _ paths: [FieldPath]) -> Set<String> {
      if let known = byPattern[pattern] { return known }
      var set = Set<String>()
      for (i, path) in paths.enumerated() where pattern & (1 << UInt64(i)) != 0 {
        set.insert(path.fieldId)
      }
      byPattern[pattern] = set
      return set
    }
  }

  static func observe(
    _ employee: SearchedEmployee, paths: SearchPaths, sets: inout PresentFieldSets
  ) -> EmployeeObservation {
    var present: Set<String>
    if paths.asked.count <= 64 {
      var pattern: UInt64 = 0
      for (i, path) in paths.asked.enumerated() where employee.lookup(path) != .absent {
        pattern |= 1 << UInt64(i)
      }
      present = sets.set(pattern, paths.asked)
    } else {
      present = Set<String>(minimumCapacity: paths.asked.count)
      for path in paths.asked where employee.lookup(path) != .absent {
        present.insert(path.fieldId)
      }
    }
    var references: [String] = []
    for path in paths.references {
      if case .value(let value) = employee.lookup(path),
        let id = referencedEmployeeId(value)
      {
        references.append(id)
      }
    }
    return EmployeeObservation(
      id: employee.id, presentFields: present, referencedEmployeeIds: references,
      syncSelection: nil,
      hasEmail: text(employee.lookup(paths.email)) != nil,
      hasStartDate: text(employee.lookup(paths.startDate)) != nil)
  }

  /// A non-empty text (or number) value, else nil.
  static func text(_ lookup: FieldLookup) -> String? {
    guard case .value(let value) = lookup else { return nil }
    let text: String?
    switch value {
    case .string(let s): text = s
    case .number(let n): text = n
    case .object: text = value["value"]?.stringValue ?? value["id"]?.idString
    default: text = nil
    }
    // Not blank: some scalar is not white space (what trimming `.whitespaces` would keep),
    // found without building a trimmed copy.
    guard let text, text.unicodeScalars.contains(where: { !whitespace.contains($0) }) else {
      return nil
    }
    return text
  }

  private static let whitespace = CharacterSet.whitespaces

  /// Raw sync values (list item ids in machine format) turned into labels where the list is known;
  /// a value that is already a label, or cannot be looked up, is kept as it is.
  static func labelled(_ search: SearchObservation, items: SyncList?, ids: [String: String])
    -> SearchObservation
  {
    var labels: [String: String] = [:]
    for item in items?.items ?? [] { labels[item.id] = item.label }
    var copy = search
    for index in copy.employees.indices {
      guard let raw = ids[copy.employees[index].id] else { continue }
      copy.employees[index].syncSelection = labels[raw] ?? raw
    }
    return copy
  }

  /// At most `historySampleSize` ids, longest-serving first (earliest start date; ISO dates sort
  /// as text), employees without a start date last, ties by id.
  static func historySample(_ ids: [String], startDates: [String: String]) -> [String] {
    // Each key looked up once, not once a comparison.
    let keyed = ids.map { (startDates[$0], $0) }
    let sorted = keyed.sorted { a, b in
      switch (a.0, b.0) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.1 < b.1
      }
    }
    return sorted.prefix(ProbePlan.historySampleSize).map(\.1)
  }

  static func evidence(_ record: CallRecord) -> Evidence {
    Evidence(
      method: record.method, path: record.path, status: record.status,
      durationMs: record.durationMs, attempts: record.attempts)
  }

  static func failure(_ error: HibobAPIError) -> ProbeFailure {
    switch error.kind {
    case .unauthorized: return .unauthorized
    case .forbidden: return .forbidden
    case .notFound: return .notFound
    case .rateLimited: return .rateLimited
    case .deadline: return .deadline
    case .http(let status): return failure(status: status)
    case .invalidResponse(let reason): return .invalidResponse(reason)
    case .transport(let error): return .network(error.description)
    case .redirect: return .httpStatus(302)
    }
  }

  static func failure(status: Int) -> ProbeFailure {
    switch status {
    case 401: return .unauthorized
    case 403: return .forbidden
    case 404: return .notFound
    case 429: return .rateLimited
    case 400, 422: return .badRequest(status: status)
    default: return .httpStatus(status)
    }
  }
}
