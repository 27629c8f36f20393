import Foundation

extension Tenant {
  /// The sections every tenant has unless it renames or removes them, with Hibob's default
  /// display names (hibob-api.md).
  public static let defaultSectionNames: [String: String] = [
    "root": "Basic info", "about": "About", "work": "Work", "workContact": "Work contact details",
    "address": "Address", "employment": "Employment", "home": "Home",
    "identification": "Identification", "personal": "Personal",
    "personalContact": "Personal contact details", "userData": "User data",
    "lifecycle": "Lifecycle", "payroll": "Payroll", "emergency": "Emergency",
  ]

  /// The sections the integration needs (steps 3.9 and 3.10), in the article's order.
  public static let requiredSections = [
    "about", "root", "work", "workContact", "address", "employment", "home", "identification",
    "personal", "personalContact", "userData",
  ]

  /// The history tables and the section each belongs to.
  public static let historyTables: [String: String] = [
    "employment": "employment", "work": "work", "lifecycle": "lifecycle",
  ]

  /// Built-in fields present in every tenant unless removed: a few per required section, with
  /// the ones whose id prefix is not their section (`home.privateEmail` in `personalContact`,
  /// `financial.passportNumber` in `identification`, `root.state` in `userData`,
  /// `work.workPhone` in `workContact`, `payroll.employment.contract` in `employment`,
  /// `internal.lifecycleStatus` in `lifecycle`).
  public static let builtInFields: [FieldDefinition] = [
    FieldDefinition(id: "root.id", name: "Employee ID", categoryId: "root"),
    FieldDefinition(id: "root.email", name: "Email", categoryId: "root"),
    FieldDefinition(id: "root.firstName", name: "First name", categoryId: "root"),
    FieldDefinition(id: "root.surname", name: "Last name", categoryId: "root"),
    FieldDefinition(id: "root.displayName", name: "Display name", categoryId: "root"),
    FieldDefinition(id: "about.about", name: "About", categoryId: "about"),
    FieldDefinition(id: "about.hobbies", name: "Hobbies", categoryId: "about"),
    FieldDefinition(id: "about.superpowers", name: "Superpowers", categoryId: "about"),
    FieldDefinition(
      id: "work.title", name: "Job title", categoryId: "work", type: "list", listId: "title",
      historical: true),
    FieldDefinition(
      id: "work.department", name: "Department", categoryId: "work", type: "list",
      listId: "department", historical: true),
    // A real tenant's `work.site` is text (the site's name); the list field is `work.siteId`
    // (type `list_id`) [seen].
    FieldDefinition(id: "work.site", name: "Site", categoryId: "work"),
    FieldDefinition(
      id: "work.siteId", name: "Site", categoryId: "work", type: "list_id", listId: "site",
      historical: true),
    FieldDefinition(id: "work.startDate", name: "Start date", categoryId: "work", type: "date"),
    // `work.reportsTo` has type `employee`; `work.manager` (type `employee-reference`) holds the
    // same employee [seen].
    FieldDefinition(
      id: "work.reportsTo", name: "Reports to", categoryId: "work", type: "employee",
      historical: true),
    FieldDefinition(
      id: "work.manager", name: "Manager", categoryId: "work", type: "employee-reference",
      historical: true),
    FieldDefinition(id: "work.workPhone", name: "Work phone", categoryId: "workContact"),
    FieldDefinition(id: "work.workMobile", name: "Work mobile", categoryId: "workContact"),
    FieldDefinition(id: "address.line1", name: "Address line 1", categoryId: "address"),
    FieldDefinition(id: "address.city", name: "City", categoryId: "address"),
    FieldDefinition(id: "address.postCode", name: "Postal code", categoryId: "address"),
    FieldDefinition(
      id: "address.country", name: "Country", categoryId: "address", type: "list",
      listId: "countries", historical: true),
    FieldDefinition(
      id: "payroll.employment.contract", name: "Contract type", categoryId: "employment",
      historical: true),
    FieldDefinition(
      id: "payroll.employment.type", name: "Employment type", categoryId: "employment",
      historical: true),
    FieldDefinition(
      id: "payroll.employment.weeklyHours", name: "Weekly hours", categoryId: "employment",
      type: "number", historical: true),
    FieldDefinition(id: "home.legalGender", name: "Legal gender", categoryId: "home"),
    FieldDefinition(
      id: "home.numberOfChildren", name: "Number of children", categoryId: "home",
      type: "number"),
    FieldDefinition(
      id: "financial.passportNumber", name: "Passport number", categoryId: "identification"),
    FieldDefinition(
      id: "financial.identificationNumber", name: "National ID", categoryId: "identification"),
    FieldDefinition(id: "personal.pronouns", name: "Pronouns", categoryId: "personal"),
    FieldDefinition(id: "personal.nationality", name: "Nationality", categoryId: "personal"),
    FieldDefinition(id: "personal.shortBirthDate", name: "Birthday", categoryId: "personal"),
    FieldDefinition(id: "home.privateEmail", name: "Personal email", categoryId: "personalContact"),
    FieldDefinition(id: "home.mobilePhone", name: "Personal mobile", categoryId: "personalContact"),
    FieldDefinition(
      id: "root.state", name: "State", categoryId: "userData", type: "list", listId: "state"),
    FieldDefinition(
      id: "root.creationDate", name: "Creation date", categoryId: "userData", type: "date"),
    FieldDefinition(
      id: "internal.lifecycleStatus", name: "Lifecycle status", categoryId: "lifecycle",
      type: "list", listId: "lifecycleStatus", historical: true),
    FieldDefinition(id: "internal.status", name: "Status", categoryId: "lifecycle"),
    FieldDefinition(
      id: "internal.terminationDate", name: "Termination date", categoryId: "lifecycle",
      type: "date"),
  ]

  /// Named lists every tenant has unless it defines a list of the same name.
  public static let defaultNamedLists: [NamedList] = [
    NamedList(
      name: "department",
      items: [
        ListItem(id: "209192163", value: "Design"),
        ListItem(id: "209192164", value: "Engineering"),
        ListItem(id: "209192165", value: "Finance"),
        ListItem(id: "209192166", value: "People"),
        ListItem(id: "209192167", value: "Sales"),
        ListItem(id: "209192168", value: "Legacy", archived: true),
      ]),
    NamedList(
      name: "site",
      items: [
        ListItem(id: "301000001", value: "Lisbon"),
        ListItem(id: "301000002", value: "Berlin"),
        ListItem(id: "301000003", value: "London"),
        ListItem(id: "301000004", value: "Remote"),
      ]),
    NamedList(
      name: "title",
      items: [
        ListItem(id: "402000001", value: "Engineer"),
        ListItem(id: "402000002", value: "Engineering Manager"),
        ListItem(id: "402000003", value: "Designer"),
        ListItem(id: "402000004", value: "Accountant"),
        ListItem(id: "402000005", value: "Account Executive"),
        ListItem(id: "402000006", value: "People Partner"),
        ListItem(id: "402000007", value: "Chief Executive"),
      ]),
    // Built-in lists of a real tenant behind `address.country`, `internal.lifecycleStatus` and
    // `root.state` [seen: the fields' listIds]. Their item ids are [assumed]: ISO 3166 numeric
    // codes for countries (so that a raw value is never mistaken for a label), the statuses'
    // lower-case names otherwise.
    NamedList(
      name: "countries",
      items: countryNames.sorted { $0.key < $1.key }.map { ListItem(id: $0.value, value: $0.key) }
    ),
    NamedList(
      name: "lifecycleStatus",
      items: LifecycleStatus.allCases.map { ListItem(id: $0.rawValue, value: $0.label) }),
    NamedList(
      name: "state",
      items: [
        ListItem(id: "active", value: "Active"), ListItem(id: "invited", value: "Invited"),
        ListItem(id: "uninvited", value: "Uninvited"), ListItem(id: "inactive", value: "Inactive"),
      ]),
  ]

  /// Item ids of the default `countries` list by country name (ISO 3166 numeric codes).
  public static let countryNames: [String: String] = [
    "Australia": "036", "Austria": "040", "Belgium": "056", "Brazil": "076", "Canada": "124",
    "Denmark": "208", "Finland": "246", "France": "250", "Germany": "276", "India": "356",
    "Ireland": "372", "Israel": "376", "Italy": "380", "Japan": "392", "Mexico": "484",
    "Netherlands": "528", "Norway": "578", "Poland": "616", "Portugal": "620", "Spain": "724",
    "Sweden": "752", "Switzerland": "756", "United Kingdom": "826", "United States": "840",
  ]

  /// The item id of `name` in the default `countries` list (`"826"` for "United Kingdom").
  public static func countryId(_ name: String) -> String? { countryNames[name] }

  /// Fields computed from the employee record rather than `fields`: `work.site` is the name of
  /// the `work.siteId` item, `work.manager` the `work.reportsTo` employee.
  static let derivedFieldIds: Set<String> = [
    "root.id", "internal.lifecycleStatus", "internal.status", "work.site", "work.manager",
  ]
}
