import Foundation
import PermissionRules

/// Which fields and items the probes ask for, decided from the field metadata alone. Pure, so the
/// number of calls never depends on headcount and the plan can be tested without a network.
public struct ProbePlan: Sendable, Equatable {
  /// The sections the integration needs, by `categoryId`, in the article's order.
  public static let requiredSections = Catalogue.requiredSectionIds
  /// How many representative fields are asked per section.
  public static let fieldsPerSection = 3
  /// The name Remote gives its list field.
  public static let syncFieldName = "Sync to Remote"
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
  /// The "Sync to Remote" field, when the metadata has one.
  public var syncField: FieldInfo?
  /// Employee-reference fields (the manager, say) whose values must name visible employees.
  public var referenceFields: [String]
  /// Every field id the full search asks for, without duplicates, in a stable order.
  public var searchFields: [String]
  /// The custom field the no-op `PUT` of "Manage Employee Field Settings" uses, if any.
  public var customFieldForWriteProbe: FieldInfo?
  /// A list name the "Edit all lists" probe can use when the sync field has no list to read.
  public var fallbackListName: String?

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
    syncField = fields.first { Self.isSyncField($0) }
    referenceFields = fields.filter { $0.type == "employee-reference" }.map(\.id).sorted()
    customFieldForWriteProbe =
      syncField.flatMap { $0.isCustom ? $0 : nil }
      ?? fields.filter(\.isCustom).min { $0.id < $1.id }
    fallbackListName = fields.compactMap(\.listId).sorted().first
    var ids: [String] = ["root.id", Self.emailField, Self.startDateField]
    ids += asked.map(\.fieldId)
    ids += referenceFields
    if let syncField { ids.append(syncField.id) }
    var seen = Set<String>()
    searchFields = ids.filter { seen.insert($0).inserted }
  }

  /// True for the field Remote adds: found by name, ignoring case and outer white space.
  public static func isSyncField(_ field: FieldInfo) -> Bool {
    field.name.trimmingCharacters(in: .whitespaces).lowercased() == syncFieldName.lowercased()
  }

  /// Built-in fields first, and not the ids every answer carries at the top level anyway
  /// (`root.id`, `root.email`), so that a visible key proves the section permission.
  private static func preference(_ field: FieldInfo, section: String) -> (Int, Int, String) {
    let topLevel = field.id == "root.id" || field.id == "root.email" ? 1 : 0
    return (topLevel, field.isCustom ? 1 : 0, field.id)
  }
}
