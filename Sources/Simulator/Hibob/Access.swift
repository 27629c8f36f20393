import Foundation

/// What the service user may see and do, worked out once from the tenant's groups. Permissions
/// add up across the groups the service user is a member of, each for the employees its
/// "Applies to" selects.
struct Access: Sendable {
  /// Per employee (tenant order): sections viewable; empty when the employee is invisible.
  let sections: [Set<String>]
  /// Per employee: sections whose histories are viewable.
  let histories: [Set<String>]
  /// Per employee: the index of its section set in `distinctSections`.
  let sectionSet: [Int]
  /// The distinct per-employee section sets.
  let distinctSections: [Set<String>]
  let canManageFields: Bool
  let canEditLists: Bool
  /// Field-level permissions (beta) of the member groups, merged: table -> columns.
  let noViewColumns: [String: [String]]
  let noViewHistoryColumns: [String: [String]]

  init(tenant: Tenant, lists: [NamedList]) {
    let groups = ([tenant.permissionGroup] + tenant.additionalGroups).filter(\.serviceUserIsMember)
    let labels = Access.labels(lists)
    let listOf = Dictionary(
      tenant.effectiveFields.compactMap { f in f.listId.map { (f.id, $0) } },
      uniquingKeysWith: { a, _ in a })
    var sections: [Set<String>] = []
    var histories: [Set<String>] = []
    sections.reserveCapacity(tenant.employees.count)
    histories.reserveCapacity(tenant.employees.count)
    var cache: [[Bool]: (Set<String>, Set<String>, Int)] = [:]
    var sectionSet: [Int] = []
    var distinct: [Set<String>] = []
    sectionSet.reserveCapacity(tenant.employees.count)
    for employee in tenant.employees {
      let mask = groups.map {
        Access.applies($0.appliesTo, to: employee, labels: labels, listOf: listOf)
      }
      if let cached = cache[mask] {
        sections.append(cached.0)
        histories.append(cached.1)
        sectionSet.append(cached.2)
        continue
      }
      var s: Set<String> = []
      var h: Set<String> = []
      for (group, applies) in zip(groups, mask) where applies {
        s.formUnion(group.sections)
        h.formUnion(group.sectionHistories)
      }
      if !s.contains("root") {
        s = []
        h = []
      }
      cache[mask] = (s, h, distinct.count)
      sectionSet.append(distinct.count)
      distinct.append(s)
      sections.append(s)
      histories.append(h)
    }
    self.sections = sections
    self.histories = histories
    self.sectionSet = sectionSet
    self.distinctSections = distinct
    canManageFields = groups.contains(where: \.manageEmployeeFieldSettings)
    canEditLists = groups.contains(where: \.editAllLists)
    var noView: [String: [String]] = [:]
    var noViewHistory: [String: [String]] = [:]
    for group in groups {
      guard let levels = group.fieldLevelPermissions else { continue }
      for (table, columns) in levels.noViewPermission { noView[table, default: []] += columns }
      for (table, columns) in levels.noViewHistoryPermission {
        noViewHistory[table, default: []] += columns
      }
    }
    noViewColumns = noView.mapValues { Array(Set($0)).sorted() }
    noViewHistoryColumns = noViewHistory.mapValues { Array(Set($0)).sorted() }
  }

  /// The employee is visible at all (Basic info granted for them).
  func isVisible(_ index: Int) -> Bool { !sections[index].isEmpty }

  /// Any member group grants the table's section or its history for someone.
  func mayReadTable(_ section: String) -> Bool {
    sections.contains { $0.contains(section) } || histories.contains { $0.contains(section) }
  }

  static func labels(_ lists: [NamedList]) -> [String: [String: String]] {
    var result: [String: [String: String]] = [:]
    for list in lists {
      var map: [String: String] = [:]
      func add(_ items: [ListItem]) {
        for item in items {
          map[item.id] = item.value
          add(item.children)
        }
      }
      add(list.items)
      result[list.name] = map
    }
    return result
  }

  static func applies(
    _ appliesTo: AppliesTo, to employee: Employee, labels: [String: [String: String]],
    listOf: [String: String]
  ) -> Bool {
    switch appliesTo {
    case .lifecycleStatusExists: return true
    case .lifecycleStatuses(let statuses): return statuses.contains(employee.lifecycleStatus)
    case .condition(let field, let equals):
      if field == "internal.lifecycleStatus" {
        return employee.lifecycleStatus.rawValue == equals
          || employee.lifecycleStatus.label == equals
      }
      if field == "root.id" { return employee.id == equals }
      guard let value = employee.fields[field]?.stringValue else { return false }
      if value == equals { return true }
      if let listId = listOf[field], labels[listId]?[value] == equals { return true }
      return false
    }
  }
}
