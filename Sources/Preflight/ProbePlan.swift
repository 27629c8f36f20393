import Foundation
import HibobAPI
import PermissionRules

/// Which fields and items the probes ask for, decided from the field metadata alone. Pure, so the
/// number of calls never depends on headcount and the plan can be tested without a network.
public struct ProbePlan: Sendable, Equatable {
  /// The sections the integration needs, by `categoryId`, in the article's order.
  public static let requiredSections = Catalogue.requiredSectionIds
  /// How many representative fields are asked per section.
  public static let fieldsPerSection = 3
  /// The name Remote gives its list field (`SyncField.name`).
  public static let syncFieldName = SyncField.name
  public static let emailField = "root.email"
  public static let startDateField = "work.startDate"
  /// At most this many employees are sampled for the employment-history probe.
  public static let historySampleSize = 200

  /// Representative fields of every required section (chosen by `categoryId`).
  public var sectionFields: [AskedField]
  /// What the full search reports as asked: the section fields plus the sync field (whose key
  /// coming back, `null` included, shows it can be read).
  public var askedFields: [AskedField] {
    guard let syncField, !sectionFields.contains(where: { $0.fieldId == syncField.id }) else {
      return sectionFields
    }
    return sectionFields + [AskedField(fieldId: syncField.id, section: syncField.categoryId)]
  }
  /// The "Sync to Remote" field, when the metadata has one: `SyncField.find(in:)`, the one
  /// lookup the rules and the sync use too.
  public var syncField: FieldInfo?
  /// Fields naming an employee (the manager, say) whose values must name visible employees:
  /// types `employee` (`work.reportsTo` on a real tenant [seen]) and `employee-reference`
  /// (`work.manager`, `employee.buddy`, ...), except `root.id` (the employee's own id).
  public var referenceFields: [String]
  /// `jsonPath` of the searched fields whose metadata has one: where a Basic info value sits
  /// flat at the top level of a search answer (`state` for `root.state`).
  public var jsonPaths: [String: String]
  /// Every field id the full search asks for, without duplicates, in a stable order.
  public var searchFields: [String]
  /// The custom field the no-op `PUT` of "Manage Employee Field Settings" uses, if any.
  public var customFieldForWriteProbe: FieldInfo?
  /// A list name the "Edit all lists" probe can use when the sync field has no list to read:
  /// the list of a built-in list field, which surely exists (see `fallbackList(_:)`).
  public var fallbackListName: String?
  /// The built-in field whose list is `fallbackListName`.
  public var fallbackListField: String?

  public init(fields: [FieldInfo]) {
    var asked: [AskedField] = []
    for section in Self.requiredSections {
      let candidates = fields.filter { $0.categoryId == section }
        .sorted { Self.preference($0, section: section) < Self.preference($1, section: section) }
      for field in candidates.prefix(Self.fieldsPerSection) {
        asked.append(AskedField(fieldId: field.id, section: section))
      }
    }
    sectionFields = asked
    syncField = SyncField.find(in: fields)
    referenceFields = fields.filter(Self.isReference).map(\.id).sorted()
    customFieldForWriteProbe =
      syncField.flatMap { $0.isCustom ? $0 : nil }
      ?? fields.filter(\.isCustom).min { $0.id < $1.id }
    let fallback = Self.fallbackList(fields)
    fallbackListName = fallback?.listId
    fallbackListField = fallback?.id
    var ids: [String] = ["root.id", Self.emailField, Self.startDateField]
    ids += asked.map(\.fieldId)
    ids += referenceFields
    if let syncField { ids.append(syncField.id) }
    var seen = Set<String>()
    searchFields = ids.filter { seen.insert($0).inserted }
    var jsonPaths: [String: String] = [:]
    for field in fields where seen.contains(field.id) {
      if let path = field.jsonPath, !path.isEmpty, jsonPaths[field.id] == nil {
        jsonPaths[field.id] = path
      }
    }
    self.jsonPaths = jsonPaths
  }

  /// Types whose values name an employee: `employee` (`work.reportsTo` [seen]) and
  /// `employee-reference` [doc].
  public static let referenceTypes = FieldMetadata.referenceTypes

  /// A field whose values name another employee (`root.id`, typed `employee-reference` on a
  /// real tenant, names the employee itself).
  static func isReference(_ field: FieldInfo) -> Bool {
    referenceTypes.contains(field.type) && field.id != "root.id"
  }

  /// Built-in list fields preferred for the invalid-`POST` fallback, in order.
  public static let fallbackListFields = ["work.department", "work.title"]

  /// The built-in list field whose list the invalid `POST` of "Edit all lists" goes to when the
  /// sync field has no list: `work.department`, else `work.title`, else the first other built-in
  /// field of type `list` by id. Never the alphabetically first list (on a real tenant that is
  /// `calendar`, an entity list behind a `list_id` field [seen]); never a custom field's list.
  static func fallbackList(_ fields: [FieldInfo]) -> FieldInfo? {
    let builtIn = fields.filter { !$0.isCustom && !($0.listId ?? "").isEmpty }
    for id in fallbackListFields {
      if let field = builtIn.first(where: { $0.id == id }) { return field }
    }
    return builtIn.filter { $0.type == "list" }.min { $0.id < $1.id }
  }

  /// Built-in fields first, and not the ids every answer carries at the top level anyway
  /// (`root.id`, `root.email`), so that a visible key proves the section permission.
  private static func preference(_ field: FieldInfo, section: String) -> (Int, Int, String) {
    let topLevel = field.id == "root.id" || field.id == "root.email" ? 1 : 0
    return (topLevel, field.isCustom ? 1 : 0, field.id)
  }
}
