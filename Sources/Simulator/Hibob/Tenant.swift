import Foundation

/// A simulated Hibob tenant: the service user, its permission group, the company's sections,
/// fields and named lists, its employees, and faults to inject. The JSON format is described in
/// docs/TENANT-FORMAT.md. Built-in sections, fields and lists are implicit defaults
/// (`Tenant.defaultSectionNames`, `Tenant.builtInFields`, `Tenant.defaultNamedLists`) so that
/// tenant files stay short.
public struct Tenant: Sendable, Equatable, Codable {
  /// Free text for people reading the file; ignored by the simulator.
  public var description: String?
  public var serviceUser: ServiceUser
  public var permissionGroup: PermissionGroup
  /// Other groups the service user may be in; permissions add up across the groups it is a
  /// member of, each for its own "Applies to" (how a section ends up visible for some employees
  /// only).
  public var additionalGroups: [PermissionGroup]
  /// Section display names keyed by `categoryId`, overriding the defaults; a `null` name removes
  /// the section (and its built-in fields) from the company.
  public var sections: [String: String?]
  /// Fields beyond the built-in ones (custom fields, the "Sync to Remote" field); an entry with a
  /// built-in id replaces the built-in field.
  public var fields: [FieldDefinition]
  /// Built-in field ids to leave out of the company's metadata.
  public var removedFields: [String]
  /// Named lists; one named like a default list replaces it.
  public var namedLists: [NamedList]
  public var employees: [Employee]
  public var faults: [FaultSpec]
  /// The simulator's "today" for `isCurrent` of history rows (`yyyy-MM-dd`); the clock's date
  /// when absent.
  public var today: String?
  /// Answer in the shapes Hibob's 2024 OpenAPI and older public clients describe instead of a
  /// real tenant's (hibob-api.md, "Corrections from real captures"): all named lists as an
  /// array with `items` only, a nested `root` object in search answers beside the flat Basic
  /// info keys, `employee-reference` values as objects, and a GET with a JSON `Content-Type`
  /// accepted. Kept so that clients stay tested against both.
  public var legacyShapes: Bool

  public init(
    description: String? = nil, serviceUser: ServiceUser, permissionGroup: PermissionGroup,
    additionalGroups: [PermissionGroup] = [], sections: [String: String?] = [:],
    fields: [FieldDefinition] = [], removedFields: [String] = [],
    namedLists: [NamedList] = [], employees: [Employee] = [], faults: [FaultSpec] = [],
    today: String? = nil, legacyShapes: Bool = false
  ) {
    self.description = description
    self.serviceUser = serviceUser
    self.permissionGroup = permissionGroup
    self.additionalGroups = additionalGroups
    self.sections = sections
    self.fields = fields
    self.removedFields = removedFields
    self.namedLists = namedLists
    self.employees = employees
    self.faults = faults
    self.today = today
    self.legacyShapes = legacyShapes
  }

  enum CodingKeys: String, CodingKey {
    case description, serviceUser, permissionGroup, additionalGroups, sections, fields,
      removedFields, namedLists
    case employees, faults, today, legacyShapes
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    description = try c.decodeIfPresent(String.self, forKey: .description)
    serviceUser = try c.decode(ServiceUser.self, forKey: .serviceUser)
    permissionGroup = try c.decode(PermissionGroup.self, forKey: .permissionGroup)
    additionalGroups =
      try c.decodeIfPresent([PermissionGroup].self, forKey: .additionalGroups) ?? []
    sections = try c.decodeIfPresent([String: String?].self, forKey: .sections) ?? [:]
    fields = try c.decodeIfPresent([FieldDefinition].self, forKey: .fields) ?? []
    removedFields = try c.decodeIfPresent([String].self, forKey: .removedFields) ?? []
    namedLists = try c.decodeIfPresent([NamedList].self, forKey: .namedLists) ?? []
    employees = try c.decodeIfPresent([Employee].self, forKey: .employees) ?? []
    faults = try c.decodeIfPresent([FaultSpec].self, forKey: .faults) ?? []
    today = try c.decodeIfPresent(String.self, forKey: .today)
    legacyShapes = try c.decodeIfPresent(Bool.self, forKey: .legacyShapes) ?? false
  }
}

/// The service user's credentials (`Authorization: Basic base64(id:token)`).
public struct ServiceUser: Sendable, Equatable, Codable {
  public var id: String
  public var token: String

  public init(id: String, token: String) {
    self.id = id
    self.token = token
  }
}

/// The permission group the article's step 3 builds, reduced to what the API can show.
public struct PermissionGroup: Sendable, Equatable, Codable {
  public var name: String
  /// Step 3.4: the service user was added to the group (and the group saved).
  public var serviceUserIsMember: Bool
  /// Step 3.6: Company > Settings > Employee Fields > "Manage Employee Field Settings".
  public var manageEmployeeFieldSettings: Bool
  /// Step 3.7: Company > People > Lists > "Edit all lists (sites, job titles, etc.)".
  public var editAllLists: Bool
  /// Sections (by `categoryId`) whose "View selected employees' X sections" is granted.
  public var sections: [String]
  /// Sections (by `categoryId`) whose "View selected employees' X section histories" is granted.
  public var sectionHistories: [String]
  /// Steps 3.11-3.12: whose data the members see.
  public var appliesTo: AppliesTo
  /// Field-level permissions (beta) on history tables; `nil` when not in use.
  public var fieldLevelPermissions: FieldLevelPermissions?

  public init(
    name: String = "Remote integration", serviceUserIsMember: Bool = true,
    manageEmployeeFieldSettings: Bool = true, editAllLists: Bool = true, sections: [String],
    sectionHistories: [String] = [], appliesTo: AppliesTo = .lifecycleStatusExists,
    fieldLevelPermissions: FieldLevelPermissions? = nil
  ) {
    self.name = name
    self.serviceUserIsMember = serviceUserIsMember
    self.manageEmployeeFieldSettings = manageEmployeeFieldSettings
    self.editAllLists = editAllLists
    self.sections = sections
    self.sectionHistories = sectionHistories
    self.appliesTo = appliesTo
    self.fieldLevelPermissions = fieldLevelPermissions
  }

  enum CodingKeys: String, CodingKey {
    case name, serviceUserIsMember, manageEmployeeFieldSettings, editAllLists, sections
    case sectionHistories, appliesTo, fieldLevelPermissions
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? "Remote integration"
    serviceUserIsMember = try c.decode(Bool.self, forKey: .serviceUserIsMember)
    manageEmployeeFieldSettings = try c.decode(Bool.self, forKey: .manageEmployeeFieldSettings)
    editAllLists = try c.decode(Bool.self, forKey: .editAllLists)
    sections = try c.decode([String].self, forKey: .sections)
    sectionHistories = try c.decodeIfPresent([String].self, forKey: .sectionHistories) ?? []
    appliesTo = try c.decode(AppliesTo.self, forKey: .appliesTo)
    fieldLevelPermissions = try c.decodeIfPresent(
      FieldLevelPermissions.self, forKey: .fieldLevelPermissions)
  }
}

/// The group's "Applies to".
public enum AppliesTo: Sendable, Equatable, Codable {
  /// "Select by condition: Lifecycle Status exists" (the article's setting): every employee.
  case lifecycleStatusExists
  /// Only employees whose lifecycle status is one of these.
  case lifecycleStatuses([LifecycleStatus])
  /// Only employees whose `field` equals `equals` (the stored value or, for list fields, the
  /// item's label).
  case condition(field: String, equals: String)

  enum CodingKeys: String, CodingKey { case kind, statuses, field, equals }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "lifecycleStatusExists": self = .lifecycleStatusExists
    case "lifecycleStatuses":
      self = .lifecycleStatuses(try c.decode([LifecycleStatus].self, forKey: .statuses))
    case "condition":
      self = .condition(
        field: try c.decode(String.self, forKey: .field),
        equals: try c.decode(String.self, forKey: .equals))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c,
        debugDescription:
          "unknown kind '\(kind)' (expected lifecycleStatusExists, lifecycleStatuses or condition)"
      )
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .lifecycleStatusExists: try c.encode("lifecycleStatusExists", forKey: .kind)
    case .lifecycleStatuses(let statuses):
      try c.encode("lifecycleStatuses", forKey: .kind)
      try c.encode(statuses, forKey: .statuses)
    case .condition(let field, let equals):
      try c.encode("condition", forKey: .kind)
      try c.encode(field, forKey: .field)
      try c.encode(equals, forKey: .equals)
    }
  }
}

/// Field-level permissions (beta) on the history tables: columns the group may not view at all,
/// and columns whose history (non-current rows) it may not view. Keyed by table
/// (`employment`, `work`, `lifecycle`), then column names.
public struct FieldLevelPermissions: Sendable, Equatable, Codable {
  public var noViewPermission: [String: [String]]
  public var noViewHistoryPermission: [String: [String]]

  public init(
    noViewPermission: [String: [String]] = [:], noViewHistoryPermission: [String: [String]] = [:]
  ) {
    self.noViewPermission = noViewPermission
    self.noViewHistoryPermission = noViewHistoryPermission
  }

  enum CodingKeys: String, CodingKey { case noViewPermission, noViewHistoryPermission }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    noViewPermission =
      try c.decodeIfPresent([String: [String]].self, forKey: .noViewPermission) ?? [:]
    noViewHistoryPermission =
      try c.decodeIfPresent([String: [String]].self, forKey: .noViewHistoryPermission) ?? [:]
  }
}

/// An employee's lifecycle status. `hired` (not started yet) and `terminated` are inactive.
public enum LifecycleStatus: String, Sendable, Equatable, Codable, CaseIterable {
  case hired, employed, leave, terminated

  /// Active employees come back from a search without `showInactive`.
  public var isActive: Bool { self == .employed || self == .leave }

  /// The label `humanReadable` gives.
  public var label: String {
    switch self {
    case .hired: return "Hired"
    case .employed: return "Employed"
    case .leave: return "Leave"
    case .terminated: return "Terminated"
    }
  }
}

/// One field of the company's field metadata.
public struct FieldDefinition: Sendable, Equatable, Codable {
  public var id: String
  public var name: String
  /// The section; not derived from the id.
  public var categoryId: String
  /// `text`, `list`, `list_id`, `multi-list`, `date`, `number`, `boolean`, `employee`,
  /// `employee-reference`.
  public var type: String
  /// The named list of a `list`/`list_id`/`multi-list` field (`typeData.listId`).
  public var listId: String?
  public var historical: Bool
  public var description: String?

  public init(
    id: String, name: String, categoryId: String, type: String = "text", listId: String? = nil,
    historical: Bool = false, description: String? = nil
  ) {
    self.id = id
    self.name = name
    self.categoryId = categoryId
    self.type = type
    self.listId = listId
    self.historical = historical
    self.description = description
  }

  enum CodingKeys: String, CodingKey {
    case id, name, categoryId, type, listId, historical, description
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    categoryId = try c.decode(String.self, forKey: .categoryId)
    type = try c.decodeIfPresent(String.self, forKey: .type) ?? "text"
    listId = try c.decodeIfPresent(String.self, forKey: .listId)
    historical = try c.decodeIfPresent(Bool.self, forKey: .historical) ?? false
    description = try c.decodeIfPresent(String.self, forKey: .description)
  }

  /// Custom fields have `custom` in their id (`work.custom.field_1`, `custom.category_1.field_2`).
  public var isCustom: Bool {
    id.hasPrefix("custom.") || id.contains(".custom.")
  }

  /// The types the simulator knows.
  public static let knownTypes: Set<String> = [
    "text", "list", "list_id", "multi-list", "date", "number", "boolean", "employee",
    "employee-reference",
  ]

  /// Types whose value is one item id of the field's list (`list_id` is how a real tenant types
  /// `work.siteId` and entity lists such as `calendar` [seen]).
  public static let singleListTypes: Set<String> = ["list", "list_id"]

  /// Types whose value is an employee id: `employee` (`work.reportsTo` [seen]) and
  /// `employee-reference` (`work.manager`, `employee.buddy`, ... [doc]).
  public static let referenceTypes: Set<String> = ["employee", "employee-reference"]

  /// Where search answers put the value: a Basic info field's flat top-level key (`firstName`
  /// for `root.firstName`, as a real tenant's metadata says [seen]), else the id.
  public var jsonPath: String {
    id.hasPrefix("root.") ? String(id.dropFirst("root.".count)) : id
  }
}

/// A named list (`GET /company/named-lists/{name}`).
public struct NamedList: Sendable, Equatable, Codable {
  public var name: String
  public var items: [ListItem]

  public init(name: String, items: [ListItem]) {
    self.name = name
    self.items = items
  }
}

/// One item of a named list. `value` and `name` are the label; `children` nest.
public struct ListItem: Sendable, Equatable, Codable {
  public var id: String
  public var value: String
  public var name: String
  public var archived: Bool
  public var children: [ListItem]

  public init(
    id: String, value: String, name: String? = nil, archived: Bool = false,
    children: [ListItem] = []
  ) {
    self.id = id
    self.value = value
    self.name = name ?? value
    self.archived = archived
    self.children = children
  }

  enum CodingKeys: String, CodingKey { case id, value, name, archived, children }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    let value = try c.decodeIfPresent(String.self, forKey: .value)
    let name = try c.decodeIfPresent(String.self, forKey: .name)
    guard let label = value ?? name else {
      throw DecodingError.keyNotFound(
        CodingKeys.value,
        .init(codingPath: c.codingPath, debugDescription: "an item needs a value or a name"))
    }
    self.value = value ?? label
    self.name = name ?? label
    archived = try c.decodeIfPresent(Bool.self, forKey: .archived) ?? false
    children = try c.decodeIfPresent([ListItem].self, forKey: .children) ?? []
  }
}

/// One employee. `root.id` is `id` and `internal.lifecycleStatus` is `lifecycleStatus`; every
/// other value is in `fields`, keyed by field id (list fields hold an item id, employee
/// references an employee id, dates `yyyy-MM-dd`).
public struct Employee: Sendable, Equatable, Codable {
  public var id: String
  public var lifecycleStatus: LifecycleStatus
  public var fields: [String: JSONValue]
  /// History tables (`employment`, `work`, `lifecycle`), oldest row first. A table left out gets
  /// one row built from the employee's fields.
  public var history: [String: [JSONValue]]

  public init(
    id: String, lifecycleStatus: LifecycleStatus, fields: [String: JSONValue] = [:],
    history: [String: [JSONValue]] = [:]
  ) {
    self.id = id
    self.lifecycleStatus = lifecycleStatus
    self.fields = fields
    self.history = history
  }

  enum CodingKeys: String, CodingKey { case id, lifecycleStatus, fields, history }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    lifecycleStatus = try c.decode(LifecycleStatus.self, forKey: .lifecycleStatus)
    fields = try c.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
    history = try c.decodeIfPresent([String: [JSONValue]].self, forKey: .history) ?? [:]
  }

  /// The work email (`root.email`), when set.
  public var email: String? {
    guard let s = fields["root.email"]?.stringValue, !s.isEmpty else { return nil }
    return s
  }
}
