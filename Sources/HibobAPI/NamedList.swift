import Foundation

/// A company named list (`department`, `site`, a custom list, ...).
public struct NamedList: Sendable, Equatable, Codable {
  public var name: String
  public var items: [NamedListItem]

  public init(name: String, items: [NamedListItem]) {
    self.name = name
    self.items = items
  }

  /// Every item, children included, depth first.
  public var allItems: [NamedListItem] {
    var result: [NamedListItem] = []
    func walk(_ items: [NamedListItem]) {
      for item in items {
        result.append(item)
        walk(item.children)
      }
    }
    walk(items)
    return result
  }

  /// One list as Hibob answers it: `{"name", "items"}` or `{"name", "values"}` (a real tenant
  /// sends both keys with the same items [seen]): `items` is read, else `values`. `key` is the
  /// name the list was keyed by in an answer of all lists, used when the list has no `name`.
  init(json: JSONValue, key: String? = nil) throws(ShapeError) {
    let o = try json.object("a named list")
    switch o["name"] {
    case .string(let name)?: self.name = name
    case .number(let name)?: self.name = name
    default:
      guard let key else { throw ShapeError("a named list has no 'name'") }
      self.name = key
    }
    let what = "list '\(name.truncated(to: 64))'"
    var items: [NamedListItem] = []
    let (raw, rawKey): (JSONValue?, String) =
      switch (o["items"], o["values"]) {
      case (let items?, _) where items != .null: (items, "items")
      case (_, let values?) where values != .null: (values, "values")
      default: (nil, "items")
      }
    if let raw {
      for item in try raw.array("\(what)'s '\(rawKey)'") {
        items.append(try NamedListItem(json: item, in: what))
      }
    }
    self.items = items
  }

  /// Every list of `GET /company/named-lists`: an object keyed by list name (what a real tenant
  /// answers [seen]) or a top-level array of lists (the 2024 OpenAPI [doc]).
  static func lists(_ json: JSONValue) throws(ShapeError) -> [NamedList] {
    var lists: [NamedList] = []
    switch json {
    case .object(let byName):
      lists.reserveCapacity(byName.count)
      // Sorted by key: a dictionary's order is not stable, the answer's order is not kept.
      for key in byName.keys.sorted() {
        guard let value = byName[key] else { continue }
        lists.append(try NamedList(json: value, key: key))
      }
    case .array(let items):
      lists.reserveCapacity(items.count)
      for item in items { lists.append(try NamedList(json: item)) }
    default:
      throw ShapeError("the named lists answer is \(json.typeName), not an object or an array")
    }
    return lists
  }

  /// The label of item `id` (children included), or nil when the list has no such item.
  public func label(of id: String) -> String? {
    allItems.first { $0.id == id }?.label
  }
}

/// Item labels by list name and item id, to turn raw list values (item ids, which is what a
/// search in machine format answers for `list` fields such as `address.country`,
/// `internal.lifecycleStatus` or `root.state`) into labels.
public struct NamedListLabels: Sendable, Equatable {
  private var byList: [String: [String: String]]

  public init(_ lists: [NamedList]) {
    var byList: [String: [String: String]] = [:]
    for list in lists {
      var labels: [String: String] = [:]
      for item in list.allItems {
        if let label = item.label, labels[item.id] == nil { labels[item.id] = label }
      }
      byList[list.name] = labels
    }
    self.byList = byList
  }

  /// The label of item `itemId` of list `listId`, or nil when either is unknown.
  public func label(list listId: String, item itemId: String) -> String? {
    byList[listId]?[itemId]
  }

  /// A field's raw value as a label: the label of its item when the field is a list field whose
  /// list knows the value, else the value as it came (a label already, or an unknown id).
  public func labelled(_ raw: String, field: FieldMetadata) -> String {
    guard let listId = field.listId else { return raw }
    return label(list: listId, item: raw) ?? raw
  }
}

/// An item of a named list. Its id arrives as a string or a number and is kept as text.
public struct NamedListItem: Sendable, Equatable, Codable {
  public var id: String
  public var name: String?
  public var value: String?
  public var archived: Bool
  public var children: [NamedListItem]

  public init(
    id: String, name: String? = nil, value: String? = nil, archived: Bool = false,
    children: [NamedListItem] = []
  ) {
    self.id = id
    self.name = name
    self.value = value
    self.archived = archived
    self.children = children
  }

  /// `name`, else `value`.
  public var label: String? { name ?? value }

  init(json: JSONValue, in what: String) throws(ShapeError) {
    let o = try json.object("an item of \(what)")
    id = try o.requiredID("id", in: "an item of \(what)")
    name = try o.optionalString("name", in: "item \(id)")
    value = try o.optionalString("value", in: "item \(id)")
    archived = try o.optionalBool("archived", in: "item \(id)") ?? false
    var children: [NamedListItem] = []
    if let raw = o["children"], raw != .null {
      for child in try raw.array("item \(id)'s 'children'") {
        children.append(try NamedListItem(json: child, in: what))
      }
    }
    self.children = children
  }
}
