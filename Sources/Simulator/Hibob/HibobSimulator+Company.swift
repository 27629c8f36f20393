import Foundation
import LoopbackHTTP

extension HibobSimulator {
  // MARK: Field metadata

  /// `GET /company/people/fields`: needs no permission.
  func fieldMetadata() -> ServerResponse {
    let fields = state.withLock { $0.fields }
    let names = tenant.effectiveSectionNames
    return Responses.ok(.array(fields.map { fieldJSON($0, sectionNames: names) }))
  }

  /// One field as the metadata lists it. A Basic info field's `jsonPath` is its flat key
  /// (`firstName`) [seen]; a section id made of digits (a user-defined category) comes as a
  /// JSON number in `categoryId` [doc: numeric for user-defined categories].
  func fieldJSON(_ field: FieldDefinition, sectionNames: [String: String]) -> JSONValue {
    var typeData: [(String, JSONValue)] = []
    if let listId = field.listId { typeData.append(("listId", .string(listId))) }
    // At most 15 digits, so that the number prints exactly.
    let numeric =
      (1...15).contains(field.categoryId.count)
      && field.categoryId.utf8.allSatisfy { (48...57).contains($0) }
    let categoryId: JSONValue =
      numeric ? .number(Double(field.categoryId) ?? 0) : .string(field.categoryId)
    return .object([
      ("id", .string(field.id)), ("name", .string(field.name)),
      ("category", .string(field.categoryId)), ("categoryId", categoryId),
      ("categoryDisplayName", sectionNames[field.categoryId].map(JSONValue.string) ?? .null),
      ("type", .string(field.type)), ("typeData", .object(typeData)),
      ("historical", .bool(field.historical)),
      ("jsonPath", .string(tenant.legacyShapes ? field.id : field.jsonPath)),
      ("description", field.description.map(JSONValue.string) ?? .null),
    ])
  }

  /// `POST /company/people/fields` `{name, category, type, description?, historical?}`.
  func createField(_ body: Data) -> ServerResponse {
    guard access.canManageFields else { return Responses.forbidden() }
    let object: [String: Any]
    switch Body.object(body) {
    case .success(let o): object = o
    case .failure(let e): return Responses.badRequest(e.message)
    }
    guard let name = Body.nonEmptyString(object, "name") else {
      return Responses.badRequest("name is required")
    }
    let names = tenant.effectiveSectionNames
    guard let category = object["category"] as? String, names[category] != nil else {
      return Responses.badRequest("category must be an existing section id")
    }
    guard let type = object["type"] as? String, FieldDefinition.knownTypes.contains(type),
      type != "list", type != "multi-list"
    else {
      return Responses.badRequest("type must be a supported non-list field type")
    }
    if let description = object["description"], !(description is String) {
      return Responses.badRequest("description must be a string")
    }
    if let historical = object["historical"], !(historical is Bool) {
      return Responses.badRequest("historical must be a boolean")
    }
    let id = "\(category).custom.field_\(1_700_000_000_000 + nextId())"
    let field = FieldDefinition(
      id: id, name: name, categoryId: category, type: type,
      historical: object["historical"] as? Bool ?? false,
      description: object["description"] as? String)
    state.withLock { $0.fields.append(field) }
    return Responses.ok(fieldJSON(field, sectionNames: names))
  }

  /// `PUT /company/people/fields/{fieldId}` `{name?, description?}`: custom fields only.
  func updateField(_ id: String, body: Data) -> ServerResponse {
    guard access.canManageFields else { return Responses.forbidden() }
    guard let current = state.withLock({ s in s.fields.first { $0.id == id } }) else {
      return Responses.notFound("field")
    }
    guard current.isCustom else {
      return Responses.badRequest("only custom fields can be updated")
    }
    let object: [String: Any]
    switch Body.object(body) {
    case .success(let o): object = o
    case .failure(let e): return Responses.badRequest(e.message)
    }
    var updated = current
    if let name = object["name"] {
      guard let name = name as? String, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
        return Responses.badRequest("name must be a non-empty string")
      }
      updated.name = name
    }
    if let description = object["description"] {
      guard let description = description as? String else {
        return Responses.badRequest("description must be a string")
      }
      updated.description = description
    }
    if updated == current { return Responses.notModified() }
    state.withLock { s in
      if let index = s.fields.firstIndex(where: { $0.id == id }) { s.fields[index] = updated }
    }
    return Responses.ok(fieldJSON(updated, sectionNames: tenant.effectiveSectionNames))
  }

  /// `DELETE /company/people/fields/{fieldId}`: custom fields only.
  func deleteField(_ id: String) -> ServerResponse {
    guard access.canManageFields else { return Responses.forbidden() }
    guard let current = state.withLock({ s in s.fields.first { $0.id == id } }) else {
      return Responses.notFound("field")
    }
    guard current.isCustom else { return Responses.badRequest("only custom fields can be deleted") }
    state.withLock { $0.fields.removeAll { $0.id == id } }
    return Responses.ok(.object([]))
  }

  // MARK: Named lists

  static func itemJSON(_ item: ListItem, includeArchived: Bool) -> JSONValue {
    .object([
      ("id", .string(item.id)), ("value", .string(item.value)), ("name", .string(item.name)),
      ("archived", .bool(item.archived)),
      (
        "children",
        .array(
          item.children.filter { includeArchived || !$0.archived }.map {
            itemJSON($0, includeArchived: includeArchived)
          })
      ),
    ])
  }

  /// One list: `{"name", "values", "items"}` with the same items under both keys, as a real
  /// tenant answers [seen]; `{"name", "items"}` with legacy shapes.
  static func listJSON(_ list: NamedList, includeArchived: Bool, legacy: Bool = false)
    -> JSONValue
  {
    let items = JSONValue.array(
      list.items.filter { includeArchived || !$0.archived }.map {
        itemJSON($0, includeArchived: includeArchived)
      })
    if legacy { return .object([("name", .string(list.name)), ("items", items)]) }
    return .object([("name", .string(list.name)), ("values", items), ("items", items)])
  }

  /// `includeArchived` defaults to false [assumed].
  private func includeArchived(_ query: [String: String]) -> Bool {
    query["includeArchived"]?.lowercased() == "true"
  }

  /// `GET /company/named-lists`: an object keyed by list name [seen] (a top-level array with
  /// legacy shapes [doc: the OpenAPI]); needs no permission [assumed].
  func allNamedLists(query: [String: String]) -> ServerResponse {
    let lists = state.withLock { $0.lists }
    let archived = includeArchived(query)
    let legacy = tenant.legacyShapes
    let answers = lists.map {
      ($0.name, HibobSimulator.listJSON($0, includeArchived: archived, legacy: legacy))
    }
    return Responses.ok(legacy ? .array(answers.map(\.1)) : .object(answers))
  }

  /// `GET /company/named-lists/{name}`: case-sensitive.
  func namedList(_ name: String, query: [String: String]) -> ServerResponse {
    guard let list = state.withLock({ s in s.lists.first { $0.name == name } }) else {
      return Responses.notFound("list")
    }
    return Responses.ok(
      HibobSimulator.listJSON(
        list, includeArchived: includeArchived(query), legacy: tenant.legacyShapes))
  }

  /// `POST /company/named-lists/{name}` `{name, parentId?}`.
  func createListItem(_ listName: String, body: Data) -> ServerResponse {
    guard access.canEditLists else { return Responses.forbidden() }
    guard let list = state.withLock({ s in s.lists.first { $0.name == listName } }) else {
      return Responses.notFound("list")
    }
    let object: [String: Any]
    switch Body.object(body) {
    case .success(let o): object = o
    case .failure(let e): return Responses.badRequest(e.message)
    }
    guard let name = Body.nonEmptyString(object, "name") else {
      return Responses.badRequest("name is required")
    }
    var parentId: String?
    if let parent = object["parentId"], !(parent is NSNull) {
      guard let parent = parent as? String, Tenant.allItemIds(list.items).contains(parent) else {
        return Responses.badRequest("parentId must be an existing item id")
      }
      parentId = parent
    }
    let item = ListItem(id: String(900_000_000 + nextId()), value: name)
    state.withLock { s in
      guard let index = s.lists.firstIndex(where: { $0.name == listName }) else { return }
      if let parentId {
        s.lists[index].items = HibobSimulator.inserting(
          item, under: parentId, in: s.lists[index].items)
      } else {
        s.lists[index].items.append(item)
      }
    }
    return Responses.ok(HibobSimulator.itemJSON(item, includeArchived: true))
  }

  /// `PUT /company/named-lists/{name}/{itemId}` `{name}`: 304 when the name is unchanged.
  func updateListItem(_ listName: String, itemId: String, body: Data) -> ServerResponse {
    guard access.canEditLists else { return Responses.forbidden() }
    guard let list = state.withLock({ s in s.lists.first { $0.name == listName } }),
      let item = HibobSimulator.find(itemId, in: list.items)
    else { return Responses.notFound("list item") }
    let object: [String: Any]
    switch Body.object(body) {
    case .success(let o): object = o
    case .failure(let e): return Responses.badRequest(e.message)
    }
    guard let name = Body.nonEmptyString(object, "name") else {
      return Responses.badRequest("name is required")
    }
    if name == item.value && name == item.name { return Responses.notModified() }
    var renamed = item
    renamed.value = name
    renamed.name = name
    state.withLock { s in
      guard let index = s.lists.firstIndex(where: { $0.name == listName }) else { return }
      s.lists[index].items = HibobSimulator.replacing(renamed, in: s.lists[index].items)
    }
    return Responses.ok(HibobSimulator.itemJSON(renamed, includeArchived: true))
  }

  /// `DELETE /company/named-lists/{name}/{itemId}`.
  func deleteListItem(_ listName: String, itemId: String) -> ServerResponse {
    guard access.canEditLists else { return Responses.forbidden() }
    guard let list = state.withLock({ s in s.lists.first { $0.name == listName } }),
      HibobSimulator.find(itemId, in: list.items) != nil
    else { return Responses.notFound("list item") }
    state.withLock { s in
      guard let index = s.lists.firstIndex(where: { $0.name == listName }) else { return }
      s.lists[index].items = HibobSimulator.removing(itemId, from: s.lists[index].items)
    }
    return Responses.ok(.object([]))
  }

  static func find(_ id: String, in items: [ListItem]) -> ListItem? {
    for item in items {
      if item.id == id { return item }
      if let found = find(id, in: item.children) { return found }
    }
    return nil
  }

  static func replacing(_ replacement: ListItem, in items: [ListItem]) -> [ListItem] {
    items.map { item in
      if item.id == replacement.id { return replacement }
      var copy = item
      copy.children = replacing(replacement, in: item.children)
      return copy
    }
  }

  static func inserting(_ new: ListItem, under parentId: String, in items: [ListItem]) -> [ListItem]
  {
    items.map { item in
      var copy = item
      if item.id == parentId {
        copy.children.append(new)
      } else {
        copy.children = inserting(new, under: parentId, in: item.children)
      }
      return copy
    }
  }

  static func removing(_ id: String, from items: [ListItem]) -> [ListItem] {
    items.filter { $0.id != id }.map { item in
      var copy = item
      copy.children = removing(id, from: item.children)
      return copy
    }
  }
}
