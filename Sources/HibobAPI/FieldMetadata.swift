import Foundation

/// One entry of `GET /company/people/fields`. Only `id` is required; missing optional keys are
/// tolerated.
public struct FieldMetadata: Sendable, Equatable, Codable {
  /// Types whose values name an employee: `employee` (`work.reportsTo` [seen]) and
  /// `employee-reference` [doc].
  public static let referenceTypes: Set<String> = ["employee", "employee-reference"]

  /// A field whose values name another employee (not `root.id`, which a real tenant types as a
  /// reference to the employee itself).
  public var isEmployeeReference: Bool {
    id != "root.id" && Self.referenceTypes.contains(type ?? "")
  }

  /// E.g. `work.department`, `work.custom.field_1680187492413`.
  public var id: String
  public var name: String?
  public var category: String?
  /// The field's section (not the prefix of its id); a numeric id arrives as its text.
  public var categoryId: String?
  public var categoryDisplayName: String?
  /// E.g. `list`, `list_id`, `text`, `date`, `employee` (`work.reportsTo`),
  /// `employee-reference` (`work.manager`, `employee.buddy`, ...).
  public var type: String?
  /// `typeData.listId` for list fields.
  public var listId: String?
  public var historical: Bool?
  /// Where a search answer puts the value: the id's path for most fields, but a Basic info
  /// field's is its flat top-level key (`firstName` for `root.firstName`, `state` for
  /// `root.state`) [seen].
  public var jsonPath: String?
  public var description: String?

  public init(
    id: String, name: String? = nil, category: String? = nil, categoryId: String? = nil,
    categoryDisplayName: String? = nil, type: String? = nil, listId: String? = nil,
    historical: Bool? = nil, jsonPath: String? = nil, description: String? = nil
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.categoryId = categoryId
    self.categoryDisplayName = categoryDisplayName
    self.type = type
    self.listId = listId
    self.historical = historical
    self.jsonPath = jsonPath
    self.description = description
  }

  /// Whether the id marks a custom field (`work.custom.field_...`, `custom.category_...`).
  public var isCustom: Bool {
    id.hasPrefix("custom.") || id.contains(".custom.")
  }

  init(json: JSONValue) throws(ShapeError) {
    let o = try json.object("a field")
    id = try o.requiredID("id", in: "a field")
    let what = "field '\(id.truncated(to: 64))'"
    name = try o.optionalString("name", in: what)
    // A user-defined category may have a numeric id [doc]: read as its text.
    category = try o.optionalText("category", in: what)
    categoryId = try o.optionalText("categoryId", in: what)
    categoryDisplayName = try o.optionalString("categoryDisplayName", in: what)
    type = try o.optionalString("type", in: what)
    switch o["typeData"] {
    case .object(let typeData)?: listId = typeData["listId"]?.idString
    default: listId = nil
    }
    historical = try o.optionalBool("historical", in: what)
    jsonPath = try o.optionalString("jsonPath", in: what)
    description = try o.optionalString("description", in: what)
  }

  /// A top-level array of fields, or an object holding it under `fields` [assumed tolerance].
  static func list(_ json: JSONValue) throws(ShapeError) -> [FieldMetadata] {
    let items: [JSONValue]
    if case .object(let o) = json, let fields = o["fields"] {
      items = try fields.array("'fields'")
    } else {
      items = try json.array("the field list")
    }
    var result: [FieldMetadata] = []
    result.reserveCapacity(items.count)
    for item in items { result.append(try FieldMetadata(json: item)) }
    return result
  }
}
