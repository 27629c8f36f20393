import Foundation
import HibobAPI
import PermissionRules

/// Pure conversions from the client's answers to the rules' observations.
extension ProbeSession {
  static func fieldInfo(_ field: FieldMetadata) -> FieldInfo {
    FieldInfo(
      id: field.id, name: field.name ?? "", categoryId: field.categoryId ?? field.category ?? "",
      categoryDisplayName: field.categoryDisplayName, type: field.type ?? "",
      listId: field.listId, isCustom: field.isCustom)
  }

  /// One employee reduced to ids, booleans and field-id sets: no personal data is kept.
  static func observe(_ employee: SearchedEmployee, plan: ProbePlan) -> EmployeeObservation {
    var present = Set<String>()
    for field in plan.askedFields where employee.lookup(field.fieldId) != .absent {
      present.insert(field.fieldId)
    }
    var references: [String] = []
    for fieldId in plan.referenceFields {
      if case .value(let value) = employee.lookup(fieldId),
        let id = referencedEmployeeId(value)
      {
        references.append(id)
      }
    }
    return EmployeeObservation(
      id: employee.id, presentFields: present, referencedEmployeeIds: references,
      syncSelection: nil,
      hasEmail: text(employee.lookup(ProbePlan.emailField)) != nil,
      hasStartDate: text(employee.lookup(ProbePlan.startDateField)) != nil)
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
    guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    return text
  }

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
    let sorted = ids.sorted { a, b in
      switch (startDates[a], startDates[b]) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a < b
      }
    }
    return Array(sorted.prefix(ProbePlan.historySampleSize))
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
