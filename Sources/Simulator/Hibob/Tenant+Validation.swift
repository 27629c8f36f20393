import Foundation

extension Tenant {
  /// Section display names after the tenant's renames and removals.
  public var effectiveSectionNames: [String: String] {
    var names = Tenant.defaultSectionNames
    for (id, name) in sections {
      if let name { names[id] = name } else { names[id] = nil }
    }
    return names
  }

  /// The company's fields: the built-in ones not removed (and whose section exists), replaced
  /// or followed by the tenant's own.
  public var effectiveFields: [FieldDefinition] {
    let sectionNames = effectiveSectionNames
    let removed = Set(removedFields)
    let own = Dictionary(fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var result: [FieldDefinition] = []
    for field in Tenant.builtInFields where !removed.contains(field.id) {
      if let replacement = own[field.id] {
        result.append(replacement)
      } else if sectionNames[field.categoryId] != nil {
        result.append(field)
      }
    }
    let builtInIds = Set(Tenant.builtInFields.map(\.id))
    result += fields.filter { !builtInIds.contains($0.id) }
    return result
  }

  /// The company's named lists: the defaults not redefined, then the tenant's.
  public var effectiveNamedLists: [NamedList] {
    let own = Set(namedLists.map(\.name))
    return Tenant.defaultNamedLists.filter { !own.contains($0.name) } + namedLists
  }

  /// Checks that everything the tenant refers to exists. Throws the first problem found.
  public func validate() throws(TenantError) {
    try validateServiceUser()
    let sectionNames = effectiveSectionNames
    for (id, name) in sections.sorted(by: { $0.key < $1.key }) {
      if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
        throw .invalid(location: "sections.\(id)", reason: "a section name must not be empty")
      }
    }
    let lists = try validateLists()
    let fieldsById = try validateFields(sectionNames: sectionNames, lists: lists)
    try validateGroup(
      permissionGroup, at: "permissionGroup", sectionNames: sectionNames, fieldsById: fieldsById)
    for (index, group) in additionalGroups.enumerated() {
      try validateGroup(
        group, at: "additionalGroups[\(index)]", sectionNames: sectionNames,
        fieldsById: fieldsById)
    }
    try validateEmployees(fieldsById: fieldsById, lists: lists)
    for (index, fault) in faults.enumerated() {
      if let problem = fault.problem() {
        throw .invalid(location: "faults[\(index)]", reason: problem)
      }
    }
    if let today, !Tenant.isDate(today) {
      throw .invalid(location: "today", reason: "'\(today)' is not a yyyy-MM-dd date")
    }
  }

  private func validateServiceUser() throws(TenantError) {
    if serviceUser.id.isEmpty {
      throw .invalid(location: "serviceUser.id", reason: "must not be empty")
    }
    if serviceUser.token.isEmpty {
      throw .invalid(location: "serviceUser.token", reason: "must not be empty")
    }
  }

  /// Item ids per list name.
  private func validateLists() throws(TenantError) -> [String: Set<String>] {
    var seen: Set<String> = []
    for (index, list) in namedLists.enumerated() {
      if list.name.isEmpty {
        throw .invalid(location: "namedLists[\(index)].name", reason: "must not be empty")
      }
      if !seen.insert(list.name).inserted {
        throw .invalid(
          location: "namedLists[\(index)].name", reason: "duplicate list '\(list.name)'")
      }
      var ids: Set<String> = []
      for id in Tenant.allItemIds(list.items) where !ids.insert(id).inserted {
        throw .invalid(location: "namedLists[\(index)].items", reason: "duplicate item id '\(id)'")
      }
    }
    var result: [String: Set<String>] = [:]
    for list in effectiveNamedLists { result[list.name] = Set(Tenant.allItemIds(list.items)) }
    return result
  }

  static func allItemIds(_ items: [ListItem]) -> [String] {
    items.flatMap { [$0.id] + allItemIds($0.children) }
  }

  private func validateFields(
    sectionNames: [String: String], lists: [String: Set<String>]
  ) throws(TenantError) -> [String: FieldDefinition] {
    let builtInIds = Set(Tenant.builtInFields.map(\.id))
    for (index, id) in removedFields.enumerated() where !builtInIds.contains(id) {
      throw .invalid(location: "removedFields[\(index)]", reason: "unknown built-in field '\(id)'")
    }
    var seen: Set<String> = []
    for (index, field) in fields.enumerated() {
      let at = "fields[\(index)]"
      if field.id.isEmpty || field.id.hasPrefix(".") || field.id.hasSuffix(".") {
        throw .invalid(location: "\(at).id", reason: "'\(field.id)' is not a field id")
      }
      if !seen.insert(field.id).inserted {
        throw .invalid(location: "\(at).id", reason: "duplicate field '\(field.id)'")
      }
      if field.name.isEmpty { throw .invalid(location: "\(at).name", reason: "must not be empty") }
      if sectionNames[field.categoryId] == nil {
        throw .invalid(
          location: "\(at).categoryId", reason: "unknown section '\(field.categoryId)'")
      }
      if !FieldDefinition.knownTypes.contains(field.type) {
        throw .invalid(location: "\(at).type", reason: "unknown type '\(field.type)'")
      }
      if FieldDefinition.singleListTypes.contains(field.type) || field.type == "multi-list" {
        guard let listId = field.listId else {
          throw .invalid(location: "\(at).listId", reason: "a \(field.type) field needs a listId")
        }
        if lists[listId] == nil {
          throw .invalid(location: "\(at).listId", reason: "unknown named list '\(listId)'")
        }
      } else if field.listId != nil {
        throw .invalid(location: "\(at).listId", reason: "only list fields have a listId")
      }
    }
    return Dictionary(effectiveFields.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  }

  private func validateGroup(
    _ group: PermissionGroup, at prefix: String, sectionNames: [String: String],
    fieldsById: [String: FieldDefinition]
  ) throws(TenantError) {
    for section in group.sections where sectionNames[section] == nil {
      throw .invalid(location: "\(prefix).sections", reason: "unknown section '\(section)'")
    }
    for section in group.sectionHistories where sectionNames[section] == nil {
      throw .invalid(
        location: "\(prefix).sectionHistories", reason: "unknown section '\(section)'")
    }
    switch group.appliesTo {
    case .lifecycleStatusExists: break
    case .lifecycleStatuses(let statuses):
      if statuses.isEmpty {
        throw .invalid(location: "\(prefix).appliesTo.statuses", reason: "must not be empty")
      }
    case .condition(let field, _):
      if fieldsById[field] == nil {
        throw .invalid(location: "\(prefix).appliesTo.field", reason: "unknown field '\(field)'")
      }
    }
    if let levels = group.fieldLevelPermissions {
      for (name, tables) in [
        ("noViewPermission", levels.noViewPermission),
        ("noViewHistoryPermission", levels.noViewHistoryPermission),
      ] {
        for table in tables.keys.sorted() where Tenant.historyTables[table] == nil {
          throw .invalid(
            location: "\(prefix).fieldLevelPermissions.\(name)",
            reason: "unknown history table '\(table)' (expected employment, work or lifecycle)")
        }
      }
    }
  }

  private func validateEmployees(
    fieldsById: [String: FieldDefinition], lists: [String: Set<String>]
  ) throws(TenantError) {
    var ids: Set<String> = []
    for (index, employee) in employees.enumerated() {
      if employee.id.isEmpty {
        throw .invalid(location: "employees[\(index)].id", reason: "must not be empty")
      }
      if !ids.insert(employee.id).inserted {
        throw .invalid(location: "employees[\(index)].id", reason: "duplicate employee id")
      }
    }
    for (index, employee) in employees.enumerated() {
      let at = "employees[\(index)]"
      for key in employee.fields.keys.sorted() {
        guard let field = fieldsById[key] else {
          throw .invalid(location: "\(at).fields", reason: "unknown field '\(key)'")
        }
        if Tenant.derivedFieldIds.contains(key) {
          throw .invalid(location: "\(at).fields", reason: Tenant.derivedReason(key))
        }
        if let problem = Tenant.problem(
          value: employee.fields[key] ?? .null, field: field, lists: lists, employeeIds: ids,
          selfId: employee.id)
        {
          throw .invalid(location: "\(at).fields.\(key)", reason: problem)
        }
      }
      for table in employee.history.keys.sorted() {
        guard Tenant.historyTables[table] != nil else {
          throw .invalid(
            location: "\(at).history",
            reason: "unknown history table '\(table)' (expected employment, work or lifecycle)")
        }
        for (rowIndex, row) in (employee.history[table] ?? []).enumerated() {
          guard case .object = row else {
            throw .invalid(location: "\(at).history.\(table)[\(rowIndex)]", reason: "not an object")
          }
          guard let date = row["effectiveDate"]?.stringValue, Tenant.isDate(date) else {
            throw .invalid(
              location: "\(at).history.\(table)[\(rowIndex)].effectiveDate",
              reason: "needs a yyyy-MM-dd date")
          }
        }
      }
    }
  }

  private static func problem(
    value: JSONValue, field: FieldDefinition, lists: [String: Set<String>],
    employeeIds: Set<String>, selfId: String
  ) -> String? {
    if value == .null { return nil }
    switch field.type {
    case "list", "list_id":
      guard let id = value.stringValue else { return "expected a list item id (a string)" }
      if let listId = field.listId, lists[listId]?.contains(id) != true {
        return "unknown item '\(id)' of list '\(field.listId ?? "")'"
      }
    case "multi-list":
      guard case .array(let values) = value else { return "expected an array of list item ids" }
      for v in values {
        guard let id = v.stringValue, let listId = field.listId, lists[listId]?.contains(id) == true
        else { return "unknown item \(v) of list '\(field.listId ?? "")'" }
      }
    case "employee", "employee-reference":
      guard let id = value.stringValue else { return "expected an employee id (a string)" }
      if id == selfId { return "an employee cannot refer to themselves" }
      if !employeeIds.contains(id) { return "unknown employee '\(id)'" }
    case "date":
      guard let s = value.stringValue, isDate(s) else { return "expected a yyyy-MM-dd date" }
    case "number":
      guard case .number = value else { return "expected a number" }
    case "boolean":
      guard case .bool = value else { return "expected true or false" }
    default:
      guard case .string = value else { return "expected a string" }
    }
    return nil
  }

  /// Why a derived field may not be set.
  static func derivedReason(_ key: String) -> String {
    switch key {
    case "work.site": return "'work.site' is derived: set 'work.siteId' (an item of list 'site')"
    case "work.manager": return "'work.manager' is derived: set 'work.reportsTo'"
    default: return "'\(key)' is derived from the employee's id or lifecycleStatus"
    }
  }

  static func isDate(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return false
    }
    for (i, b) in bytes.enumerated() where i != 4 && i != 7 {
      if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { return false }
    }
    let month = Int(s.dropFirst(5).prefix(2)) ?? 0
    let day = Int(s.dropFirst(8)) ?? 0
    return (1...12).contains(month) && (1...31).contains(day)
  }
}
